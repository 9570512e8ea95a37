import {
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type IpPermission,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import type { AccessClientConfig } from '@soar/aws-access';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import type { ControlContext, FindingResource, PlanContext } from '../../engine/control';
import { ec2_2, type Ec22State } from './ec2-2';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const SG = 'sg-0123456789abcdef0';

const SELF_INGRESS: IpPermission = {
  IpProtocol: '-1',
  UserIdGroupPairs: [{ GroupId: SG, UserId: ACCOUNT }],
};
const ALL_EGRESS: IpPermission = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [{ CidrIpv6: '::/0' }],
};
const SSH_FROM_ANYWHERE: IpPermission = {
  IpProtocol: 'tcp',
  FromPort: 22,
  ToPort: 22,
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
};

function resource(details?: FindingResource['Details']): FindingResource {
  return {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${SG}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: details }),
  };
}

function contextFor(res: FindingResource = resource()): ControlContext {
  const finding = aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT, region: REGION, resource: res });
  return {
    finding,
    resource: res,
    accountId: ACCOUNT,
    region: REGION,
    partition: 'aws',
    now: new Date('2026-01-01T00:00:00Z'),
    client: <C>(ClientClass: new (config: AccessClientConfig) => C) =>
      new ClientClass({
        region: REGION,
        credentials: () => Promise.resolve({ accessKeyId: 'x', secretAccessKey: 'y' }),
        retryMode: 'adaptive',
        maxAttempts: 1,
      }),
  };
}

const planContext: PlanContext = contextFor();

function state(overrides: Partial<Ec22State> = {}): Ec22State {
  return {
    groupId: SG,
    groupName: 'default',
    vpcId: 'vpc-0123',
    ingress: [SELF_INGRESS],
    egress: [ALL_EGRESS],
    networkInterfaces: [],
    tags: {},
    ...overrides,
  };
}

describe('Control: EC2.2 plan', () => {
  it('is compliant when the default group has no rules', () => {
    expect(ec2_2.plan(state({ ingress: [], egress: [] }), planContext).kind).toBe('compliant');
  });

  it('is compliant when the group has no rules even though interfaces use it', () => {
    // Arrange
    const inUse = state({
      ingress: [],
      egress: [],
      networkInterfaces: [
        { networkInterfaceId: 'eni-1', interfaceType: 'interface', description: '', instanceId: 'i-1' },
      ],
    });

    // Act / Assert
    expect(ec2_2.plan(inUse, planContext).kind).toBe('compliant');
  });

  it('removes every inbound and outbound rule of an unused default group, with the removed rules as before-image', () => {
    // Act
    const plan = ec2_2.plan(state({ ingress: [SELF_INGRESS, SSH_FROM_ANYWHERE] }), planContext);

    // Assert
    expect(plan).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:RevokeSecurityGroupIngress',
          description: `Removed the rule allowing inbound all traffic from members of ${SG} from the default security group ${SG} of vpc-0123.`,
          params: { groupId: SG, direction: 'ingress', permission: SELF_INGRESS },
        },
        {
          action: 'ec2:RevokeSecurityGroupIngress',
          description: `Removed the rule allowing inbound TCP port 22 from 0.0.0.0/0 from the default security group ${SG} of vpc-0123.`,
          params: { groupId: SG, direction: 'ingress', permission: SSH_FROM_ANYWHERE },
        },
        {
          action: 'ec2:RevokeSecurityGroupEgress',
          description: `Removed the rule allowing outbound all traffic to 0.0.0.0/0, ::/0 from the default security group ${SG} of vpc-0123.`,
          params: { groupId: SG, direction: 'egress', permission: ALL_EGRESS },
        },
      ],
      beforeImage: { groupId: SG, ingress: [SELF_INGRESS, SSH_FROM_ANYWHERE], egress: [ALL_EGRESS] },
      actionsRequired: expect.any(String),
    });
  });

  it('refuses a group that is not a default group', () => {
    const plan = ec2_2.plan(state({ groupName: 'web' }), planContext);
    expect(plan).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('not a VPC default') });
  });

  it('refuses when an instance uses the group', () => {
    // Arrange
    const inUse = state({
      networkInterfaces: [
        { networkInterfaceId: 'eni-1', interfaceType: 'interface', description: '', instanceId: 'i-1' },
      ],
    });

    // Act
    const plan = ec2_2.plan(inUse, planContext);

    // Assert
    expect(plan).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('1 network interface uses it (eni-1 of instance i-1)'),
    });
  });

  it('refuses when only non-instance ENIs (Lambda, RDS, load balancer) use the group', () => {
    // Arrange: no EC2 instance uses the group, so the original revoked its rules and cut this traffic
    const inUse = state({
      networkInterfaces: [
        {
          networkInterfaceId: 'eni-l',
          interfaceType: 'lambda',
          description: 'AWS Lambda VPC ENI',
          instanceId: undefined,
        },
        {
          networkInterfaceId: 'eni-r',
          interfaceType: 'interface',
          description: 'RDSNetworkInterface',
          instanceId: undefined,
        },
        {
          networkInterfaceId: 'eni-n',
          interfaceType: 'network_load_balancer',
          description: 'ELB net/x',
          instanceId: undefined,
        },
      ],
    });

    // Act
    const plan = ec2_2.plan(inUse, planContext);

    // Assert
    expect(plan).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining(
        '3 network interfaces use it (eni-l lambda "AWS Lambda VPC ENI", eni-r "RDSNetworkInterface"',
      ),
    });
  });

  it('lists at most ten interfaces in a refusal', () => {
    // Arrange
    const many = Array.from({ length: 12 }, (_, i) => ({
      networkInterfaceId: `eni-${i}`,
      interfaceType: undefined,
      description: undefined,
      instanceId: undefined,
    }));

    // Act
    const plan = ec2_2.plan(state({ networkInterfaces: many }), planContext);

    // Assert
    expect(plan).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('eni-9 and 2 more') });
  });

  it('exposes the live tags for the opt-out tag', () => {
    expect(ec2_2.tags?.(state({ tags: { k: 'v' } }))).toEqual({ k: 'v' });
  });
});

describe('Control: EC2.2 read and apply', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => ec2.reset());

  function liveGroup(): void {
    ec2.on(DescribeSecurityGroupsCommand, { GroupIds: [SG] }).resolves({
      SecurityGroups: [
        {
          GroupId: SG,
          GroupName: 'default',
          VpcId: 'vpc-1',
          IpPermissions: [SELF_INGRESS],
          IpPermissionsEgress: [ALL_EGRESS],
          Tags: [{ Key: 'team', Value: 'net' }],
        },
      ],
    });
  }

  it('counts every ENI with the group over all pages of DescribeNetworkInterfaces (filter group-id)', async () => {
    // Arrange: the only user of the group is a Lambda ENI on the second page
    liveGroup();
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [], NextToken: 'page-2' })
      .resolvesOnce({
        NetworkInterfaces: [
          { NetworkInterfaceId: 'eni-lambda', InterfaceType: 'lambda', Description: 'AWS Lambda VPC ENI-f' },
        ],
      });

    // Act
    const read = await ec2_2.read(contextFor());

    // Assert
    const calls = ec2.commandCalls(DescribeNetworkInterfacesCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      expect.objectContaining({ Filters: [{ Name: 'group-id', Values: [SG] }] }),
      expect.objectContaining({ Filters: [{ Name: 'group-id', Values: [SG] }], NextToken: 'page-2' }),
    ]);
    if (read.kind !== 'found') throw new Error('expected found');
    expect(read.state.networkInterfaces).toEqual([
      {
        networkInterfaceId: 'eni-lambda',
        interfaceType: 'lambda',
        description: 'AWS Lambda VPC ENI-f',
        instanceId: undefined,
      },
    ]);
    expect(ec2_2.plan(read.state, planContext).kind).toBe('refuse');
  });

  it('re-describes the group instead of trusting stale Details', async () => {
    // Arrange: the finding says the group has no rules; the live group has the default rules
    liveGroup();
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    const stale = resource({
      AwsEc2SecurityGroup: { GroupId: SG, GroupName: 'default', IpPermissions: [], IpPermissionsEgress: [] },
    });

    // Act
    const read = await ec2_2.read(contextFor(stale));

    // Assert
    expect(read).toEqual({
      kind: 'found',
      state: {
        groupId: SG,
        groupName: 'default',
        vpcId: 'vpc-1',
        ingress: [SELF_INGRESS],
        egress: [ALL_EGRESS],
        networkInterfaces: [],
        tags: { team: 'net' },
      },
    });
  });

  it('apply revokes exactly the planned permissions, and a permission already gone is success', async () => {
    // Arrange
    ec2
      .on(RevokeSecurityGroupIngressCommand)
      .rejects(
        Object.assign(new Error('The specified rule does not exist'), { name: 'InvalidPermission.NotFound' }),
      );
    ec2.on(RevokeSecurityGroupEgressCommand).resolves({ Return: true });
    const plan = ec2_2.plan(state(), planContext);
    if (plan.kind !== 'changes') throw new Error('expected changes');

    // Act
    await ec2_2.apply(plan.changes, contextFor());

    // Assert
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: SG,
      IpPermissions: [SELF_INGRESS],
    });
    expect(ec2.commandCalls(RevokeSecurityGroupEgressCommand)[0]?.args[0].input).toEqual({
      GroupId: SG,
      IpPermissions: [ALL_EGRESS],
    });
  });

  it('apply lets other errors through', async () => {
    ec2
      .on(RevokeSecurityGroupIngressCommand)
      .rejects(Object.assign(new Error('no'), { name: 'UnauthorizedOperation' }));
    const plan = ec2_2.plan(state(), planContext);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await expect(ec2_2.apply(plan.changes, contextFor())).rejects.toThrow('no');
  });
});
