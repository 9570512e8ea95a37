import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  EC2Client,
  type InstanceStateName,
  ModifyInstanceAttributeCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { AccessClientConfig } from '@soar/aws-access';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { registerControl, type ControlContext, type FindingResource } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { remediate } from '../../engine/runner';
import { ec2_4, EC2_4_STOPPED_DAYS, stoppedSince, type Ec24State } from './ec2-4';
import { directClient, unitContext } from '../../../tests/direct-clients';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const INSTANCE = 'i-0123456789abcdef0';
const FIRST_OBSERVED = '2026-11-20T10:15:30.123Z';
const STOPPED_AT = '2026-09-01T08:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date(Date.parse(STOPPED_AT) + (EC2_4_STOPPED_DAYS + 5) * DAY_MS);

const RESOURCE: FindingResource = {
  Type: 'AwsEc2Instance',
  Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${INSTANCE}`,
  Partition: 'aws',
  Region: REGION,
};

const clientFor = <C>(ClientClass: new (config: AccessClientConfig) => C): C =>
  directClient(ClientClass, REGION);

function contextFor(options: { now?: Date; firstObservedAt?: string | undefined } = {}): ControlContext {
  return unitContext({
    controlId: 'EC2.4',
    resource: RESOURCE,
    accountId: ACCOUNT,
    region: REGION,
    now: options.now ?? NOW,
    firstObservedAt: 'firstObservedAt' in options ? options.firstObservedAt : FIRST_OBSERVED,
  });
}

function state(overrides: Partial<Ec24State> = {}): Ec24State {
  return {
    instanceId: INSTANCE,
    state: 'stopped',
    stateTransitionReason: 'User initiated (2026-09-01 08:00:00 GMT)',
    launchTime: '2026-08-01T00:00:00.000Z',
    terminationProtection: false,
    instanceType: 't3.micro',
    imageId: 'ami-0123',
    volumes: [
      { deviceName: '/dev/xvda', volumeId: 'vol-root', deleteOnTermination: true },
      { deviceName: '/dev/sdf', volumeId: 'vol-data', deleteOnTermination: false },
    ],
    tags: {},
    ...overrides,
  };
}

describe('Control: EC2.4 plan', () => {
  it('terminates an instance stopped for longer than the threshold, naming the volumes lost and kept', () => {
    // Act
    const plan = ec2_4.plan(state(), contextFor());

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:TerminateInstances',
          description: expect.stringMatching(
            /Terminated the instance i-0123456789abcdef0: .*35 days.*vol-root/,
          ),
          params: { instanceId: INSTANCE },
        },
      ],
      beforeImage: { instanceId: INSTANCE, stoppedSince: STOPPED_AT },
      actionsRequired: expect.stringContaining('vol-data'),
    });
  });

  it('defers while the instance has been stopped for less than the threshold (injected clock)', () => {
    const now = new Date(Date.parse(STOPPED_AT) + (EC2_4_STOPPED_DAYS - 1) * DAY_MS);
    expect(ec2_4.plan(state(), contextFor({ now }))).toMatchObject({
      kind: 'defer',
      reason: expect.stringContaining('29 of 30 days'),
    });
  });

  it.each(['running', 'pending'] as const)(
    'does not terminate an instance that is %s now (stale finding)',
    (live) => {
      expect(ec2_4.plan(state({ state: live }), contextFor()).kind).toBe('compliant');
    },
  );

  it('defers while the instance is stopping', () => {
    expect(ec2_4.plan(state({ state: 'stopping' }), contextFor()).kind).toBe('defer');
  });

  it('refuses (ticket) when termination protection is on, instead of turning it off', () => {
    expect(ec2_4.plan(state({ terminationProtection: true }), contextFor())).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('termination protection is on'),
    });
  });

  it('falls back to FirstObservedAt when the state reason has no stop time and the instance was not started since', () => {
    // Arrange: no stop time; launched before the finding was first observed
    const noTime = state({ stateTransitionReason: 'Client.InstanceInitiatedShutdown' });
    const early = new Date(Date.parse(FIRST_OBSERVED) + 10 * DAY_MS);
    const late = new Date(Date.parse(FIRST_OBSERVED) + (EC2_4_STOPPED_DAYS + 1) * DAY_MS);

    // Act / Assert
    expect(ec2_4.plan(noTime, contextFor({ now: early })).kind).toBe('defer');
    expect(ec2_4.plan(noTime, contextFor({ now: late })).kind).toBe('changes');
  });

  it('refuses when it cannot tell how long the instance has been stopped', () => {
    // Arrange: no stop time, and started after the finding was first observed
    const unknown = state({ stateTransitionReason: '', launchTime: '2026-11-21T00:00:00.000Z' });
    const later = new Date(Date.parse(FIRST_OBSERVED) + 100 * DAY_MS);

    // Act / Assert
    expect(ec2_4.plan(unknown, contextFor({ now: later })).kind).toBe('refuse');
    expect(
      ec2_4.plan(state({ stateTransitionReason: undefined }), contextFor({ firstObservedAt: undefined }))
        .kind,
    ).toBe('refuse');
  });

  it('declares that terminating removes the instance, so finding it gone afterwards is success', () => {
    expect(ec2_4.plan(state(), contextFor())).toMatchObject({ kind: 'changes', removesResource: true });
  });

  it('exposes the live tags for the opt-out tag', () => {
    expect(ec2_4.tags?.(state({ tags: { 'soar:auto-remediation': 'off' } }))).toEqual({
      'soar:auto-remediation': 'off',
    });
  });
});

describe('Control: EC2.4 stop time', () => {
  it.each([
    ['GMT (AWS)', 'User initiated (2026-09-01 08:00:00 GMT)'],
    ['UTC (moto)', 'User initiated (2026-09-01 08:00:00 UTC)'],
  ])('reads the stop time from StateTransitionReason in %s', (_name, reason) => {
    expect(stoppedSince({ stateTransitionReason: reason }, {})).toEqual({
      since: new Date(STOPPED_AT),
      source: 'StateTransitionReason',
    });
  });
});

describe('Control: EC2.4 read and runner', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => ec2.reset());
  afterAll(() => ec2.restore());

  function runWithMock() {
    const finding = aControlFinding({
      controlId: 'EC2.4',
      accountId: ACCOUNT,
      region: REGION,
      resource: RESOURCE,
    });
    return remediate(createScratchpad(finding), {
      access: { client: clientFor },
      registry: new Registry([registerControl(ec2_4)]),
      now: () => NOW,
    });
  }

  function liveInstance(name: InstanceStateName) {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: INSTANCE,
              State: { Name: name },
              StateTransitionReason: 'User initiated (2026-09-01 08:00:00 GMT)',
            },
          ],
        },
      ],
    });
  }

  it('never disables termination protection and never terminates a protected instance', async () => {
    // Arrange
    liveInstance('stopped');
    ec2.on(DescribeInstanceAttributeCommand).resolves({ DisableApiTermination: { Value: true } });

    // Act
    const { result } = await runWithMock();

    // Assert
    expect(result.kind).toBe('not_done');
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)).toHaveLength(0);
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
  });

  it('does not terminate an instance the finding calls stopped but that runs now', async () => {
    liveInstance('running');
    ec2.on(DescribeInstanceAttributeCommand).resolves({ DisableApiTermination: { Value: false } });

    const { result } = await runWithMock();

    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
  });

  it('reports a terminated or unknown instance as gone', async () => {
    liveInstance('terminated');
    await expect(ec2_4.read(contextFor())).resolves.toMatchObject({ kind: 'gone' });
    ec2.reset();
    ec2
      .on(DescribeInstancesCommand)
      .rejects(Object.assign(new Error('x'), { name: 'InvalidInstanceID.NotFound' }));
    await expect(ec2_4.read(contextFor())).resolves.toMatchObject({ kind: 'gone' });
  });
});
