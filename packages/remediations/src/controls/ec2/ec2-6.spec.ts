import {
  CreateFlowLogsCommand,
  DescribeFlowLogsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { AccessClientConfig } from '@soar/aws-access';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import type { ControlContext, FindingResource, PlanContext } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { registerControl } from '../../engine/control';
import { remediate } from '../../engine/runner';
import { createScratchpad } from '@soar/scratchpad';
import { ec2_6, type Ec26State } from './ec2-6';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const VPC = 'vpc-0123456789abcdef0';
const ROLE = 'soar-vpc-flow-logs-eu-west-1';

const RESOURCE: FindingResource = {
  Type: 'AwsEc2Vpc',
  Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC}`,
  Partition: 'aws',
  Region: REGION,
};

const testConfig: AccessClientConfig = {
  region: REGION,
  credentials: () => Promise.resolve({ accessKeyId: 'x', secretAccessKey: 'y' }),
  retryMode: 'adaptive',
  maxAttempts: 1,
};

function contextFor(region = REGION): ControlContext {
  const finding = aControlFinding({ controlId: 'EC2.6', accountId: ACCOUNT, region, resource: RESOURCE });
  return {
    finding,
    resource: RESOURCE,
    accountId: ACCOUNT,
    region,
    partition: 'aws',
    now: new Date('2026-01-01T00:00:00Z'),
    client: <C>(ClientClass: new (config: AccessClientConfig) => C) => new ClientClass(testConfig),
  };
}

const planContext: PlanContext = contextFor();

function state(overrides: Partial<Ec26State> = {}): Ec26State {
  return { vpcId: VPC, flowLogs: [], roleName: ROLE, roleExists: false, tags: {}, ...overrides };
}

describe('Control: EC2.6 plan', () => {
  it('is compliant when the VPC has an active flow log', () => {
    // Arrange
    const logged = state({
      flowLogs: [
        {
          flowLogId: 'fl-1',
          status: 'ACTIVE',
          trafficType: 'ALL',
          destinationType: 's3',
          destination: 'arn:aws:s3:::logs',
          deliverLogsStatus: 'SUCCESS',
        },
      ],
    });

    // Act / Assert
    expect(ec2_6.plan(logged, planContext)).toMatchObject({
      kind: 'compliant',
      reason: expect.stringContaining('fl-1'),
    });
  });

  it('creates the role, its policy and a REJECT flow log to VPCFlowLogs/<vpc> when nothing exists', () => {
    // Act
    const plan = ec2_6.plan(state(), planContext);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        { action: 'iam:CreateRole', params: { step: 'createRole', roleName: ROLE } },
        {
          action: 'iam:PutRolePolicy',
          params: { step: 'putRolePolicy', roleName: ROLE, policyName: 'soar-vpc-flow-logs-to-cloudwatch' },
        },
        {
          action: 'ec2:CreateFlowLogs',
          description: `Turned on flow logs for the VPC ${VPC}: rejected traffic is now logged to the CloudWatch log group VPCFlowLogs/${VPC}.`,
          params: {
            step: 'createFlowLog',
            vpcId: VPC,
            logGroupName: `VPCFlowLogs/${VPC}`,
            roleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
            trafficType: 'REJECT',
          },
        },
      ],
      beforeImage: {
        vpcId: VPC,
        flowLogIds: [],
        logGroupName: `VPCFlowLogs/${VPC}`,
        roleName: ROLE,
        roleExisted: false,
      },
    });
  });

  it('limits the role trust to the flow-logs service of this account and region', () => {
    // Act
    const plan = ec2_6.plan(state(), planContext);

    // Assert
    if (plan.kind !== 'changes') throw new Error('expected changes');
    const create = plan.changes[0]?.params;
    if (create?.step !== 'createRole') throw new Error('expected createRole first');
    expect(JSON.parse(create.trustPolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
            ArnLike: { 'aws:SourceArn': `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc-flow-log/*` },
          },
        },
      ],
    });
  });

  it('reuses an existing role (no CreateRole) and still plans when only inactive flow logs exist', () => {
    // Arrange
    const inactive = state({
      roleExists: true,
      flowLogs: [
        {
          flowLogId: 'fl-old',
          status: 'DELETING',
          trafficType: 'ALL',
          destinationType: 'cloud-watch-logs',
          destination: 'x',
          deliverLogsStatus: 'FAILED',
        },
      ],
    });

    // Act
    const plan = ec2_6.plan(inactive, planContext);

    // Assert
    if (plan.kind !== 'changes') throw new Error('expected changes');
    expect(plan.changes.map((c) => c.action)).toEqual(['iam:PutRolePolicy', 'ec2:CreateFlowLogs']);
    expect(plan.beforeImage).toMatchObject({ flowLogIds: ['fl-old'], roleExisted: true });
  });

  it('the role name is deterministic per region (the same on every run, no random suffix)', () => {
    // Act
    const names = [1, 2, 3].map(() => {
      const plan = ec2_6.plan(state(), planContext);
      return plan.kind === 'changes' ? plan.changes.map((c) => JSON.stringify(c.params)) : [];
    });
    const otherRegion = ec2_6.plan(
      state({ roleName: 'soar-vpc-flow-logs-us-east-1' }),
      contextFor('us-east-1'),
    );

    // Assert
    expect(names[1]).toEqual(names[0]);
    expect(names[2]).toEqual(names[0]);
    expect(names[0]?.join()).not.toMatch(/VPCFlowLogsLoggingRole-\d{6}/);
    expect(otherRegion).toMatchObject({
      changes: [
        { params: { roleName: 'soar-vpc-flow-logs-us-east-1' } },
        expect.anything(),
        expect.anything(),
      ],
    });
  });
});

describe('Control: EC2.6 read and apply', () => {
  const ec2 = mockClient(EC2Client);
  const iam = mockClient(IAMClient);
  beforeEach(() => {
    ec2.reset();
    iam.reset();
  });

  it('reads a missing role as "no role yet", not as "the VPC is gone"', async () => {
    // Arrange
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: VPC, Tags: [{ Key: 'env', Value: 'dev' }] }] });
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: 'no role', $metadata: {} }));

    // Act
    const read = await ec2_6.read(contextFor());

    // Assert
    expect(read).toEqual({
      kind: 'found',
      state: { vpcId: VPC, flowLogs: [], roleName: ROLE, roleExists: false, tags: { env: 'dev' } },
    });
    expect(ec2.commandCalls(DescribeFlowLogsCommand)[0]?.args[0].input).toMatchObject({
      Filter: [{ Name: 'resource-id', Values: [VPC] }],
    });
  });

  it('reads flow logs over all pages', async () => {
    // Arrange
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: VPC }] });
    ec2
      .on(DescribeFlowLogsCommand)
      .resolvesOnce({ FlowLogs: [], NextToken: 't2' })
      .resolvesOnce({ FlowLogs: [{ FlowLogId: 'fl-2', FlowLogStatus: 'ACTIVE' }] });
    iam.on(GetRoleCommand).resolves({});

    // Act
    const read = await ec2_6.read(contextFor());

    // Assert
    if (read.kind !== 'found') throw new Error('expected found');
    expect(read.state.flowLogs.map((l) => l.flowLogId)).toEqual(['fl-2']);
    expect(ec2_6.plan(read.state, planContext).kind).toBe('compliant');
  });

  it('an existing role (EntityAlreadyExists) is success, and no managed policy is created per run', async () => {
    // Arrange
    iam.on(CreateRoleCommand).rejects(new EntityAlreadyExistsException({ message: 'exists', $metadata: {} }));
    iam.on(PutRolePolicyCommand).resolves({});
    ec2.on(CreateFlowLogsCommand).resolves({ FlowLogIds: ['fl-new'], Unsuccessful: [] });
    const plan = ec2_6.plan(state(), planContext);
    if (plan.kind !== 'changes') throw new Error('expected changes');

    // Act
    await ec2_6.apply(plan.changes, contextFor());

    // Assert
    expect(iam.commandCalls(CreateRoleCommand)[0]?.args[0].input.RoleName).toBe(ROLE);
    expect(iam.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'CreateRoleCommand',
      'PutRolePolicyCommand',
    ]);
    expect(ec2.commandCalls(CreateFlowLogsCommand)[0]?.args[0].input).toEqual({
      ResourceType: 'VPC',
      ResourceIds: [VPC],
      TrafficType: 'REJECT',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: `VPCFlowLogs/${VPC}`,
      DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
    });
  });

  it('a CreateFlowLogs answer with an Unsuccessful entry is an error, and the runner opens a ticket', async () => {
    // Arrange: the original reported "Flow logs have been enabled" here
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: VPC }] });
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    iam.on(GetRoleCommand).resolves({});
    iam.on(PutRolePolicyCommand).resolves({});
    ec2.on(CreateFlowLogsCommand).resolves({
      FlowLogIds: [],
      Unsuccessful: [{ ResourceId: VPC, Error: { Code: '400', Message: 'Access error' } }],
    });
    const pad = createScratchpad(
      aControlFinding({ controlId: 'EC2.6', accountId: ACCOUNT, region: REGION, resource: RESOURCE }),
    );

    // Act
    const direct = ec2_6.apply(
      (() => {
        const plan = ec2_6.plan(state({ roleExists: true }), planContext);
        return plan.kind === 'changes' ? plan.changes : [];
      })(),
      contextFor(),
    );
    const { result, scratchpad } = await remediate(pad, {
      access: { client: (ClientClass) => new ClientClass(testConfig) },
      registry: new Registry([registerControl(ec2_6)]),
    });

    // Assert
    await expect(direct).rejects.toMatchObject({
      name: 'FlowLogNotCreated',
      message: expect.stringContaining(`${VPC}: 400 Access error`),
    });
    expect(result).toMatchObject({
      kind: 'not_done',
      controlId: 'EC2.6',
      error: expect.stringContaining('Access error'),
    });
    expect(scratchpad.actions.autoremediation_not_done).toBe(true);
  });

  it('treats FlowLogAlreadyExists (error or Unsuccessful entry) as success', async () => {
    // Arrange
    iam.on(PutRolePolicyCommand).resolves({});
    ec2
      .on(CreateFlowLogsCommand)
      .rejectsOnce(Object.assign(new Error('exists'), { name: 'FlowLogAlreadyExists' }))
      .resolvesOnce({
        Unsuccessful: [{ ResourceId: VPC, Error: { Code: 'FlowLogAlreadyExists', Message: 'dup' } }],
      });
    const plan = ec2_6.plan(state({ roleExists: true }), planContext);
    if (plan.kind !== 'changes') throw new Error('expected changes');

    // Act / Assert
    await expect(ec2_6.apply(plan.changes, contextFor())).resolves.toBeUndefined();
    await expect(ec2_6.apply(plan.changes, contextFor())).resolves.toBeUndefined();
  });
});
