import { anAccount, guardDuty, INSTANCE_ID } from '../../tests/findings';
import { IncidentsConfigSchema, type IncidentsConfigInput } from '../config';
import { containIncident, type ContainmentPorts, type ForensicsResult } from './contain';
import type { InstanceSnapshot } from './guard';

const running: InstanceSnapshot = {
  found: true,
  instanceId: INSTANCE_ID,
  state: 'running',
  tags: {},
  terminationProtection: false,
};
const FORENSICS = {
  kind: 'state_machine',
  stateMachineArn: 'arn:aws:states:eu-west-1:999988887777:stateMachine:DiskForensics',
} as const;
const config = (containment: IncidentsConfigInput['containment'] = {}) =>
  IncidentsConfigSchema.parse({ containment: { enabled: true, ...containment } });
const finding = guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH');
const context = { account: anAccount() };

/** Fake ports that record the calls, in order. */
function ports(options: {
  snapshot?: InstanceSnapshot | Error;
  forensics?: ForensicsResult | Error | 'absent';
  terminate?: Error;
}) {
  const calls: string[] = [];
  const forensics = options.forensics;
  const fake: ContainmentPorts = {
    readInstance: (instance) => {
      calls.push(`read ${instance.instanceId}`);
      const snapshot = options.snapshot ?? running;
      return snapshot instanceof Error ? Promise.reject(snapshot) : Promise.resolve(snapshot);
    },
    terminateInstance: (instance) => {
      calls.push(`terminate ${instance.instanceId}`);
      return options.terminate === undefined
        ? Promise.resolve({ previousState: 'running', currentState: 'shutting-down' })
        : Promise.reject(options.terminate);
    },
    ...(forensics === 'absent'
      ? {}
      : {
          collectForensics: (request) => {
            calls.push(`forensics ${request.instance.instanceId} via ${request.forensics.kind}`);
            const result: ForensicsResult | Error = forensics ?? { ok: true, detail: 'collected' };
            return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
          },
        }),
  };
  return { fake, calls };
}

describe('Function: containIncident', () => {
  it('re-reads, then terminates, and says so', async () => {
    const { fake, calls } = ports({});
    const outcome = await containIncident(finding, context, config(), fake);
    expect(calls).toEqual([`read ${INSTANCE_ID}`, `terminate ${INSTANCE_ID}`]);
    expect(outcome).toMatchObject({
      kind: 'terminated',
      termination: { previousState: 'running', currentState: 'shutting-down' },
      summary: `The instance ${INSTANCE_ID} has been terminated.`,
    });
  });

  it('collects forensics first, then terminates', async () => {
    const { fake, calls } = ports({});
    const outcome = await containIncident(finding, context, config({ forensics: FORENSICS }), fake);
    expect(calls).toEqual([
      `read ${INSTANCE_ID}`,
      `forensics ${INSTANCE_ID} via state_machine`,
      `terminate ${INSTANCE_ID}`,
    ]);
    expect(outcome).toMatchObject({ kind: 'terminated', forensics: { ok: true } });
    expect(outcome.summary).toContain('Forensic disk collection');
  });

  it.each([
    [
      'fails',
      { ok: false, failure: 'execution_failed', detail: 'the execution ended FAILED (States.TaskFailed)' },
      'forensics_failed',
      'execution_failed',
    ],
    [
      'times out',
      { ok: false, failure: 'timed_out', detail: 'the execution did not finish within 600 s' },
      'forensics_failed',
      'timed_out',
    ],
    ['throws', new Error('AccessDeniedException: not allowed'), 'failed', 'AccessDeniedException'],
    ['is not wired', 'absent', 'failed', 'no forensics hand-off'],
  ] as const)(
    'leaves the instance running when forensics %s, and the summary says why',
    async (_name, forensics, kind, why) => {
      const { fake, calls } = ports({ forensics });
      const outcome = await containIncident(finding, context, config({ forensics: FORENSICS }), fake);
      expect(calls).not.toContain(`terminate ${INSTANCE_ID}`);
      expect(outcome.kind).toBe(kind);
      expect(outcome.summary).toMatch(/left running/);
      expect(outcome.summary).toContain(why);
    },
  );

  it.each([
    ['protected', { ...running, tags: { 'soar:protect': 'true' } }, 'protected_tag', 'soar:protect'],
    ['already stopped', { ...running, state: 'stopped' }, 'not_running', 'stopped'],
    [
      'termination-protected',
      { ...running, terminationProtection: true },
      'termination_protection',
      'termination protection',
    ],
  ] as const)('refuses a %s instance without touching it', async (_name, snapshot, reason, why) => {
    const { fake, calls } = ports({ snapshot });
    const outcome = await containIncident(finding, context, config({ forensics: FORENSICS }), fake);
    expect(calls).toEqual([`read ${INSTANCE_ID}`]);
    expect(outcome).toMatchObject({ kind: 'refused', reason });
    expect(outcome.summary).toContain(why);
  });

  it('does not even read the instance for a wrong severity or an untrusted finding', async () => {
    const { fake, calls } = ports({});
    const medium = await containIncident(
      guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'MEDIUM'),
      context,
      config(),
      fake,
    );
    const untrusted = await containIncident(
      finding,
      context,
      { ...config(), trustedProducts: ['acme/*'] },
      fake,
    );
    expect(calls).toEqual([]);
    expect(medium).toMatchObject({ kind: 'refused', reason: 'wrong_severity' });
    expect(untrusted.kind).toBe('refused');
  });

  it('reports a read or terminate failure as an outcome', async () => {
    const unreadable = await containIncident(
      finding,
      context,
      config(),
      ports({ snapshot: new Error('UnauthorizedOperation') }).fake,
    );
    expect(unreadable).toMatchObject({ kind: 'failed', stage: 'read' });
    expect(unreadable.summary).toContain('could not be read');
    const stuck = await containIncident(
      finding,
      context,
      config(),
      ports({ terminate: new Error('OperationNotPermitted') }).fake,
    );
    expect(stuck).toMatchObject({
      kind: 'failed',
      stage: 'terminate',
      error: expect.stringContaining('OperationNotPermitted'),
    });
  });
});
