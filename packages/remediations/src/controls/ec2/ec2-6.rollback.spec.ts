import { DeleteFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ec2_6, FlowLogNotDeletedError, planEc26Rollback, type Ec26FlowLog, type Ec26State } from './ec2-6';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const VPC = 'vpc-0123456789abcdef0';
const ROLE = `soar-vpc-flow-logs-${REGION}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const context = unitContext({
  controlId: 'EC2.6',
  resource: {
    Type: 'AwsEc2Vpc',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC}`,
    Partition: 'aws',
    Region: REGION,
  },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const rollback = rollbackOf(ec2_6);

function log(overrides: Partial<Ec26FlowLog> = {}): Ec26FlowLog {
  return {
    flowLogId: 'fl-soar',
    status: 'ACTIVE',
    trafficType: 'REJECT',
    destinationType: 'cloud-watch-logs',
    destination: `VPCFlowLogs/${VPC}`,
    deliverLogsStatus: 'SUCCESS',
    deliverLogsPermissionArn: ROLE_ARN,
    ...overrides,
  };
}

function state(flowLogs: readonly Ec26FlowLog[]): Ec26State {
  return { vpcId: VPC, flowLogs, roleName: ROLE, roleExists: true, tags: {} };
}

/** The before-image of a VPC whose only flow log (inactive, to S3) SOAR kept. */
const before = parsedBeforeImage(ec2_6, {
  vpcId: VPC,
  flowLogIds: ['fl-old'],
  logGroupName: `VPCFlowLogs/${VPC}`,
  roleName: ROLE,
  roleExisted: false,
  trafficType: 'REJECT',
  logDestinationType: 'cloud-watch-logs',
  deliverLogsPermissionArn: ROLE_ARN,
});
const OLD = log({
  flowLogId: 'fl-old',
  status: 'INACTIVE',
  destinationType: 's3',
  destination: 'arn:aws:s3:::logs',
});

describe('Control: EC2.6 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    // Act
    const plan = ec2_6.plan({ ...state([OLD]), roleExists: false }, context);

    // Assert
    expect(plan.kind === 'changes' ? parsedBeforeImage(ec2_6, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('deletes the flow log SOAR created, keeping the earlier ones, the role and the log group', () => {
    // Act
    const plan = planEc26Rollback(before, state([OLD, log()]));

    // Assert
    expect(plan).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:DeleteFlowLogs',
          description: expect.stringContaining(
            `Deleted the flow log fl-soar that SOAR created for the VPC ${VPC}`,
          ),
          params: { vpcId: VPC, flowLogId: 'fl-soar' },
        },
      ],
      actionsRequired: expect.stringMatching(
        /log group VPCFlowLogs\/.+ keeps the logs.+role soar-vpc-flow-logs-eu-west-1 is kept/,
      ),
    });
  });

  it('recognises SOAR’s flow log by its role name in an older before-image', () => {
    // Arrange
    const older = parsedBeforeImage(ec2_6, {
      vpcId: VPC,
      flowLogIds: [],
      logGroupName: `VPCFlowLogs/${VPC}`,
      roleName: ROLE,
      roleExisted: true,
    });

    // Act / Assert
    expect(planEc26Rollback(older, state([log()])).kind).toBe('changes');
  });

  it('is already as before when the VPC has only its earlier flow logs', () => {
    // Act / Assert
    expect(planEc26Rollback(before, state([OLD])).kind).toBe('already_as_before');
    expect(planEc26Rollback(before, state([])).kind).toBe('already_as_before');
  });

  it.each<[string, Ec26FlowLog[], string]>([
    [
      'SOAR’s flow log was replaced by another one',
      [log({ flowLogId: 'fl-team', trafficType: 'ALL' })],
      'has taken its place',
    ],
    [
      'a flow log with another role took its place',
      [log({ flowLogId: 'fl-team', deliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/team` })],
      'has taken its place',
    ],
    [
      'someone added a flow log next to SOAR’s',
      [log(), log({ flowLogId: 'fl-team', destination: 'team/logs' })],
      'has moved on',
    ],
    ['several flow logs look like SOAR’s', [log(), log({ flowLogId: 'fl-soar-2' })], 'cannot tell which'],
  ])('refuses when %s', (_name, flowLogs, reason) => {
    // Act / Assert
    expect(planEc26Rollback(before, state(flowLogs))).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining(reason),
    });
  });

  it('refuses a before-image of another VPC', () => {
    // Act / Assert
    expect(planEc26Rollback({ ...before, vpcId: 'vpc-0fff' }, state([log()])).kind).toBe('refuse');
  });

  it.each([
    ['flow log ids that are not a list', { ...before, flowLogIds: 'fl-old' }, 'flowLogIds'],
    ['a VPC id that is not one', { ...before, vpcId: 'subnet-1' }, 'vpcId'],
    ['no log group', { vpcId: VPC, flowLogIds: [], roleName: ROLE }, 'logGroupName'],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(ec2_6, value).field).toBe(field);
  });
});

describe('Control: EC2.6 rollback apply', () => {
  const ec2 = mockClient(EC2Client);
  afterEach(() => ec2.reset());
  const changes = (() => {
    const plan = planEc26Rollback(before, state([log()]));
    return plan.kind === 'changes' ? plan.changes : [];
  })();

  it('deletes the flow log by id, and nothing else', async () => {
    // Arrange
    ec2.on(DeleteFlowLogsCommand).resolves({ Unsuccessful: [] });

    // Act
    await rollback.apply(changes, context);

    // Assert
    expect(ec2.calls().map((c) => c.args[0].constructor.name)).toEqual(['DeleteFlowLogsCommand']);
    expect(ec2.commandCalls(DeleteFlowLogsCommand).map((c) => c.args[0].input)).toEqual([
      { FlowLogIds: ['fl-soar'] },
    ]);
  });

  it('counts a flow log that is already gone as deleted', async () => {
    // Arrange
    ec2.on(DeleteFlowLogsCommand).resolves({
      Unsuccessful: [
        { ResourceId: 'fl-soar', Error: { Code: 'InvalidFlowLogId.NotFound', Message: 'gone' } },
      ],
    });

    // Act / Assert
    await expect(rollback.apply(changes, context)).resolves.toBeUndefined();
  });

  it('fails when DeleteFlowLogs answers but lists the flow log as not deleted', async () => {
    // Arrange
    ec2.on(DeleteFlowLogsCommand).resolves({
      Unsuccessful: [{ ResourceId: 'fl-soar', Error: { Code: 'UnauthorizedOperation', Message: 'no' } }],
    });

    // Act / Assert
    await expect(rollback.apply(changes, context)).rejects.toBeInstanceOf(FlowLogNotDeletedError);
  });
});
