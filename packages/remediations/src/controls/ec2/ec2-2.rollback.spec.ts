import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ec2_2, planEc22Rollback, type Ec22State } from './ec2-2';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const GROUP = 'sg-0123456789abcdef0';
const context = unitContext({
  controlId: 'EC2.2',
  resource: {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${GROUP}`,
    Partition: 'aws',
    Region: REGION,
  },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const rollback = rollbackOf(ec2_2);

/** The AWS default rules: all inbound from the group itself, all outbound to IPv4 and IPv6. */
const SELF: IpPermission = { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: GROUP, UserId: ACCOUNT }] };
const OUT: IpPermission = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [{ CidrIpv6: '::/0' }],
};

function state(ingress: IpPermission[], egress: IpPermission[]): Ec22State {
  return {
    groupId: GROUP,
    groupName: 'default',
    vpcId: 'vpc-0123',
    ingress,
    egress,
    networkInterfaces: [],
    tags: {},
  };
}

const before = parsedBeforeImage(ec2_2, { groupId: GROUP, ingress: [SELF], egress: [OUT] });

describe('Control: EC2.2 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    // Act
    const plan = ec2_2.plan(state([SELF], [OUT]), context);

    // Assert
    expect(plan.kind === 'changes' ? parsedBeforeImage(ec2_2, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('puts back every removed rule, one per source', () => {
    // Act
    const plan = planEc22Rollback(before, state([], []));

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:AuthorizeSecurityGroupIngress',
          description: `Put back the rule allowing inbound all traffic from members of ${GROUP} on the default security group ${GROUP} of vpc-0123.`,
          params: { groupId: GROUP, direction: 'ingress', permission: SELF },
        },
        {
          action: 'ec2:AuthorizeSecurityGroupEgress',
          params: {
            direction: 'egress',
            permission: { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          },
        },
        {
          action: 'ec2:AuthorizeSecurityGroupEgress',
          params: {
            direction: 'egress',
            permission: { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
          },
        },
      ],
    });
  });

  it('puts back only the rules that are not back yet', () => {
    // Arrange: the IPv4 outbound rule is back (as EC2 reports it, protocol spelled differently)
    const live = state([], [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'back' }] }]);

    // Act
    const plan = planEc22Rollback(before, live);

    // Assert
    expect(plan.kind === 'changes' ? plan.changes.map((c) => c.params.permission) : []).toEqual([
      SELF,
      { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
    ]);
  });

  it('is already as before when every rule is back', () => {
    // Act / Assert
    expect(planEc22Rollback(before, state([SELF], [OUT])).kind).toBe('already_as_before');
  });

  it('refuses when the group got rules it did not have before the fix', () => {
    // Arrange: someone opened HTTPS on the default group since
    const https: IpPermission = {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    };

    // Act
    const plan = planEc22Rollback(before, state([https], []));

    // Assert
    expect(plan).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining('inbound TCP port 443 from 0.0.0.0/0): someone configured it since'),
    });
  });

  it('refuses a before-image of another group', () => {
    // Act / Assert
    expect(planEc22Rollback({ ...before, groupId: 'sg-0fff' }, state([], [])).kind).toBe('refuse');
  });

  it.each([
    ['a group id that is not one', { ...before, groupId: 'vpc-1' }, 'groupId'],
    ['rules that are not a list', { ...before, ingress: SELF }, 'ingress'],
    [
      'a port that is no number',
      { ...before, egress: [{ IpProtocol: 'tcp', FromPort: '22', ToPort: 22 }] },
      'egress[0].FromPort',
    ],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(ec2_2, value).field).toBe(field);
  });
});

describe('Control: EC2.2 rollback apply', () => {
  const ec2 = mockClient(EC2Client);
  afterEach(() => ec2.reset());

  it('authorizes each rule in its direction, counting a rule that is already back as done', async () => {
    // Arrange
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2
      .on(AuthorizeSecurityGroupEgressCommand)
      .rejectsOnce(Object.assign(new Error('already there'), { name: 'InvalidPermission.Duplicate' }))
      .resolves({ Return: true });
    const plan = planEc22Rollback(before, state([], []));

    // Act
    await rollback.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual([
      { GroupId: GROUP, IpPermissions: [SELF] },
    ]);
    expect(ec2.commandCalls(AuthorizeSecurityGroupEgressCommand)).toHaveLength(2);
  });

  it('fails on any other error', async () => {
    // Arrange
    ec2
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejects(Object.assign(new Error('limit'), { name: 'RulesPerSecurityGroupLimitExceeded' }));
    const plan = planEc22Rollback(before, state([], [OUT]));

    // Act / Assert
    await expect(rollback.apply(plan.kind === 'changes' ? plan.changes : [], context)).rejects.toThrow(
      'limit',
    );
  });
});
