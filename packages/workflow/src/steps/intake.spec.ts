import { aControlFinding, aFindingsImportedEvent, aGuardDutyFinding } from '@soar/testing';
import type { Account } from '@soar/scratchpad';
import { AccountLookupError, AccountNotFoundError } from '@soar/accounts';
import { DecideConfigSchema, type GateData } from '@soar/triage';
import { createMemoryFailureRecorder } from '../failures';
import { eventKey, executionName } from '../keys';
import type { ExecutionStarter, FlowState } from '..';
import type { IntakePorts } from '../ports';
import { intake } from './intake';

const ACCOUNT: Account = {
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments@example.com',
  TeamEmail: 'payments@example.com',
  TeamEmailApp: 'payments@example.com',
  OrganizationalUnit: 'Prod',
  OrganizationalUnitPath: ['Root', 'Workloads', 'Prod'],
  Client: 'Unspecified',
  ProjectName: 'Unspecified',
  Team: 'payments',
  Environment: 'PROD',
  ProjectId: 'PAY',
  ProjectIdApp: 'PAY',
  Tags: {},
  AccountNew: false,
};

const REMEDIABLE: GateData = { controlEnabled: true, remediationEnabled: true };

/** An execution starter that remembers names, as Step Functions does for 90 days. */
function recordingStarter(): ExecutionStarter & { inputs: FlowState[] } {
  const names = new Set<string>();
  const inputs: FlowState[] = [];
  return {
    inputs,
    start({ name, input }) {
      const executionArn = `arn:aws:states:eu-west-1:999999999999:execution:FindingProcessor:${name}`;
      if (names.has(name)) return Promise.resolve({ status: 'duplicate', executionArn });
      names.add(name);
      inputs.push(input);
      return Promise.resolve({ status: 'started', executionArn });
    },
  };
}

function optionsWith(overrides: Partial<IntakePorts> = {}) {
  const executions = recordingStarter();
  const failures = createMemoryFailureRecorder();
  const options: IntakePorts = {
    accounts: { getAccount: () => Promise.resolve(ACCOUNT) },
    gates: { load: () => Promise.resolve(REMEDIABLE) },
    executions,
    failures,
    decide: DecideConfigSchema.parse({}),
    clock: () => new Date('2026-12-01T10:00:00Z'),
    ...overrides,
  };
  return { options, executions, failures };
}

describe('Function: intake', () => {
  it('starts the finding processor for a remediable failed control, named after the finding event', async () => {
    // Arrange
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT.Id });
    const { options, executions } = optionsWith();

    // Act
    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    // Assert
    expect(result).toMatchObject({ status: 'started', route: 'remediate' });
    expect(result?.status === 'started' && result.executionName).toBe(executionName(eventKey(finding)));
    expect(executions.inputs).toHaveLength(1);
    expect(executions.inputs[0]?.decision.route).toBe('remediate');
    expect(executions.inputs[0]?.pad.account?.Name).toBe('payments-prod');
    expect(executions.inputs[0]?.pad.penalty_score).toBeGreaterThan(0);
  });

  it('starts nothing for a finding that needs nothing (no state transition is spent)', async () => {
    const finding = aControlFinding({ controlId: 'EC2.2', status: 'PASSED' });
    const { options, executions } = optionsWith();

    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    expect(result).toMatchObject({ status: 'done', route: 'do_nothing' });
    expect(executions.inputs).toHaveLength(0);
  });

  it('starts one execution when the same event is delivered three times', async () => {
    const event = aFindingsImportedEvent([aControlFinding({ controlId: 'S3.2' })]);
    const { options, executions } = optionsWith();

    const results = [
      ...(await intake(event, options)),
      ...(await intake(event, options)),
      ...(await intake(event, options)),
    ];

    expect(results.map((r) => r.status)).toEqual(['started', 'duplicate', 'duplicate']);
    expect(executions.inputs).toHaveLength(1);
  });

  it('starts a new execution for a new import of the finding (UpdatedAt moved)', async () => {
    const first = aControlFinding({ controlId: 'S3.2' });
    const again = { ...first, UpdatedAt: '2026-12-02T00:00:00.000Z' };
    const { options, executions } = optionsWith();

    await intake(aFindingsImportedEvent([first]), options);
    await intake(aFindingsImportedEvent([again]), options);

    expect(executions.inputs).toHaveLength(2);
  });

  it('leaves security incidents NEW for the incidents workflow and starts nothing', async () => {
    const { options, executions } = optionsWith();

    const [result] = await intake(aFindingsImportedEvent([aGuardDutyFinding()]), options);

    expect(result).toMatchObject({ status: 'left_for_incidents', route: 'incident' });
    expect(executions.inputs).toHaveLength(0);
  });

  it('decides without account metadata for an account outside the organization', async () => {
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: '444455556666' });
    const { options, executions } = optionsWith({
      accounts: { getAccount: (id) => Promise.reject(new AccountNotFoundError(id)) },
    });

    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    expect(result?.status).toBe('started');
    expect(executions.inputs[0]?.pad.account).toBeUndefined();
  });

  it('throws when Organizations fails, so the invocation is retried (and dead-lettered at the end)', async () => {
    const { options } = optionsWith({
      accounts: {
        getAccount: (id) =>
          Promise.reject(new AccountLookupError(id, 'DescribeAccount', 'TooManyRequestsException', true)),
      },
    });

    await expect(intake(aFindingsImportedEvent([aControlFinding()]), options)).rejects.toThrow(
      AccountLookupError,
    );
  });

  it('records a malformed finding as a failure and still handles the valid one next to it', async () => {
    const good = aControlFinding({ controlId: 'EC2.2' });
    const bad = { ...aControlFinding({ controlId: 'EC2.3' }), Severity: { Label: 'SEVERE' } };
    const { options, failures, executions } = optionsWith();

    const results = await intake(
      { ...aFindingsImportedEvent([good]), detail: { findings: [bad, good] } },
      options,
    );

    expect(results.map((r) => r.status)).toEqual(['rejected', 'started']);
    expect(results[0]).toMatchObject({ findingId: bad.Id });
    expect(results[0]?.status === 'rejected' && results[0].error).toContain('Severity.Label');
    expect(failures.list()).toEqual([
      expect.objectContaining({ findingId: bad.Id, step: 'intake', error: 'InvalidFindingError' }),
    ]);
    expect(executions.inputs).toHaveLength(1);
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an event without detail', { source: 'aws.securityhub' }],
    ['an event with no findings', { detail: { findings: [] } }],
  ])('records %s as a rejected event instead of throwing', async (_label, event) => {
    const { options, failures } = optionsWith();

    const results = await intake(event, options);

    expect(results).toEqual([
      { status: 'rejected', error: expect.stringContaining('not a Security Hub findings event') },
    ]);
    expect(failures.list()).toEqual([
      expect.objectContaining({ step: 'intake', error: 'InvalidEventError' }),
    ]);
  });
});
