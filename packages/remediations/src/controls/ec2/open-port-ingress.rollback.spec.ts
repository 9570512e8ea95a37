import { AuthorizeSecurityGroupIngressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ec2_13 } from './ec2-13';
import { ec2_14 } from './ec2-14';
import {
  planOpenPortIngress,
  planOpenPortRollback,
  type OpenPortBeforeImage,
  type SecurityGroupRuleState,
  type SecurityGroupState,
} from './open-port-ingress';

const SSH = { port: 22, service: 'SSH' };
const REGION = 'eu-west-1';
const GROUP = 'sg-0123456789abcdef0';
const context = unitContext({
  controlId: 'EC2.13',
  resource: {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${REGION}:111122223333:security-group/${GROUP}`,
    Partition: 'aws',
    Region: REGION,
  },
  accountId: '111122223333',
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});

let nextRule = 0;
function rule(overrides: Partial<SecurityGroupRuleState>): SecurityGroupRuleState {
  nextRule += 1;
  return {
    ruleId: `sgr-${String(nextRule).padStart(17, '0')}`,
    isEgress: false,
    protocol: 'tcp',
    ...overrides,
  };
}

function group(...rules: SecurityGroupRuleState[]): SecurityGroupState {
  return { groupId: GROUP, groupName: 'web', tags: {}, rules };
}

/** The same rule as EC2 lists it after it was put back: a new rule id. */
function putBack(revoked: SecurityGroupRuleState): SecurityGroupRuleState {
  return { ...revoked, ruleId: `${revoked.ruleId}-new` };
}

// The group as the fix found it: SSH open over IPv4 (with a description) and IPv6, plus rules it kept.
const v4 = rule({ fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0', description: 'ops' });
const v6 = rule({ fromPort: 22, toPort: 22, cidrIpv6: '::/0' });
const internal = rule({ fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' });
const https = rule({ fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' });
const egress = rule({ isEgress: true, protocol: '-1', cidrIpv4: '0.0.0.0/0' });
const fixed = group(internal, https, egress);

function beforeImageOf(state: SecurityGroupState): OpenPortBeforeImage {
  const plan = planOpenPortIngress(state, SSH, REGION);
  if (plan.kind !== 'changes') throw new Error(`expected changes, got ${plan.kind}`);
  return parsedBeforeImage(ec2_13, stored(plan.beforeImage));
}

const before = beforeImageOf(group(v4, v6, internal, https, egress));

describe('Controls: EC2.13 and EC2.14 rollback plan (pure)', () => {
  it('share one rollback that re-authorizes inbound rules', () => {
    // Act / Assert
    for (const control of [ec2_13, ec2_14]) {
      expect(rollbackOf(control)).toMatchObject({
        readActions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'],
        iamActions: ['ec2:AuthorizeSecurityGroupIngress'],
      });
    }
  });

  it('records a before-image its rollback can parse: the revoked rules and the ids of those kept', () => {
    // Act / Assert
    expect(before).toMatchObject({ groupId: GROUP, region: REGION, revokedRules: [v4, v6] });
    expect(before.keptRuleIds).toEqual([internal.ruleId, https.ruleId, egress.ruleId]);
  });

  it('puts back exactly the revoked rules, with their descriptions', () => {
    // Act
    const plan = planOpenPortRollback(before, fixed, SSH, REGION);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:AuthorizeSecurityGroupIngress',
          description: `Put back the inbound rule of ${GROUP} (web) that SOAR removed (${v4.ruleId}: TCP port 22 from 0.0.0.0/0): SSH (port 22) is open to the internet again.`,
          params: {
            groupId: GROUP,
            revokedRuleId: v4.ruleId,
            permission: {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ops' }],
            },
          },
        },
        {
          params: {
            revokedRuleId: v6.ruleId,
            permission: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
          },
        },
      ],
      actionsRequired: expect.stringContaining('new rule ids'),
    });
  });

  it('puts back only the rules that are not back yet, and says when tags are not', () => {
    // Arrange
    const tagged = beforeImageOf(
      group(rule({ fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0', tags: { owner: 'ops' } }), v6),
    );

    // Act
    const plan = planOpenPortRollback(tagged, group(putBack(v6)), SSH, REGION);

    // Assert
    expect(plan.kind === 'changes' ? plan.changes.map((c) => c.description) : []).toEqual([
      expect.stringContaining('Its tags were not put back.'),
    ]);
  });

  it('puts a rule wider than the port back whole', () => {
    // Arrange
    const all = rule({ protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' });
    const wide = beforeImageOf(group(all, https));

    // Act
    const plan = planOpenPortRollback(wide, group(https), SSH, REGION);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [{ params: { permission: { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] } } }],
    });
  });

  it('is already as before when every revoked rule is back', () => {
    // Act
    const plan = planOpenPortRollback(
      before,
      group(internal, https, egress, putBack(v4), putBack(v6)),
      SSH,
      REGION,
    );

    // Assert
    expect(plan).toEqual({ kind: 'already_as_before', reason: expect.stringContaining('is there again') });
  });

  it('counts a rule put back by someone else, protocol spelled as a number, as put back, not as a conflict', () => {
    // Arrange
    const sameAsV4 = rule({ protocol: '6', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' });

    // Act
    const plan = planOpenPortRollback(before, group(...fixed.rules, sameAsV4), SSH, REGION);

    // Assert
    expect(plan.kind === 'changes' ? plan.changes.map((c) => c.params.revokedRuleId) : []).toEqual([
      v6.ruleId,
    ]);
  });

  it.each<[string, SecurityGroupRuleState, string]>([
    [
      'a range over 22 from the internet',
      rule({ fromPort: 20, toPort: 30, cidrIpv4: '0.0.0.0/0' }),
      'TCP ports 20-30',
    ],
    [
      'all traffic from ::/0',
      rule({ protocol: '-1', fromPort: -1, toPort: -1, cidrIpv6: '::/0' }),
      'all traffic',
    ],
  ])('refuses when a rule added since the fix conflicts: %s', (_name, added, listed) => {
    // Act
    const plan = planOpenPortRollback(before, group(internal, https, egress, added), SSH, REGION);

    // Assert
    expect(plan).toEqual({
      kind: 'refuse',
      reason: expect.stringMatching(
        new RegExp(`${added.ruleId} \\(${listed}.*so SOAR did not put the old rules back`),
      ),
    });
  });

  it('puts the rules back when the group is as the fix left it (the rules it kept, nothing else)', () => {
    expect(planOpenPortRollback(before, fixed, SSH, REGION).kind).toBe('changes');
  });

  it.each<[string, SecurityGroupRuleState]>([
    ['another source on port 22', rule({ fromPort: 22, toPort: 22, cidrIpv4: '192.0.2.0/24' })],
    ['another port from the internet', rule({ fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' })],
    ['UDP on port 22', rule({ protocol: 'udp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' })],
    ['an outbound rule', rule({ isEgress: true, fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' })],
  ])(
    'refuses when the group got a rule since the fix, even one that does not overlap: %s',
    (_name, added) => {
      // Arrange: someone configured the group after SOAR closed SSH (e.g. a bastion range instead)

      // Act
      const plan = planOpenPortRollback(before, group(...fixed.rules, added), SSH, REGION);

      // Assert
      expect(plan).toEqual({
        kind: 'refuse',
        reason: expect.stringMatching(
          new RegExp(
            `got rules it did not have after the fix \\(${added.ruleId} .*so SOAR did not put the old rules back`,
          ),
        ),
      });
    },
  );

  it('refuses when a rule the fix kept was removed since', () => {
    // Arrange: someone removed the internal SSH rule after the fix, tightening the group further

    // Act
    const plan = planOpenPortRollback(before, group(https, egress), SSH, REGION);

    // Assert
    expect(plan).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining(`lost rules the fix had kept (${internal.ruleId})`),
    });
  });

  it('without the kept rule ids (an older before-image), counts every other overlapping rule as a conflict', () => {
    // Arrange: the fix revoked all traffic from 0.0.0.0/0 and kept HTTPS from 0.0.0.0/0
    const all = rule({ protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' });
    const { keptRuleIds: _kept, ...older } = beforeImageOf(group(all, https));

    // Act / Assert
    expect(planOpenPortRollback(older, group(https), SSH, REGION).kind).toBe('refuse');
    expect(planOpenPortRollback(beforeImageOf(group(all, https)), group(https), SSH, REGION).kind).toBe(
      'changes',
    );
  });

  it.each([
    ['another group', { ...before, groupId: 'sg-0fff' }, 'sg-0fff'],
    ['another region', { ...before, region: 'us-east-1' }, 'us-east-1'],
  ])('refuses a before-image of %s', (_name, image, reason) => {
    // Act / Assert
    expect(planOpenPortRollback(image, fixed, SSH, REGION)).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining(reason),
    });
  });

  it.each([
    ['no revoked rules', { ...before, revokedRules: [] }, 'revokedRules'],
    [
      'a revoked rule that is outbound',
      { ...before, revokedRules: [{ ...v4, isEgress: true }] },
      'revokedRules[0]',
    ],
    ['a revoked rule not open to the internet', { ...before, revokedRules: [internal] }, 'revokedRules[0]'],
    [
      'a revoked rule without protocol',
      { ...before, revokedRules: [{ ...v4, protocol: undefined }] },
      'revokedRules[0].protocol',
    ],
    ['kept rule ids that are not a list', { ...before, keptRuleIds: 'sgr-1' }, 'keptRuleIds'],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(ec2_13, stored(value)).field).toBe(field);
  });
});

describe('Controls: EC2.13 and EC2.14 rollback apply', () => {
  const ec2 = mockClient(EC2Client);
  afterEach(() => ec2.reset());
  const changes = (() => {
    const plan = planOpenPortRollback(before, fixed, SSH, REGION);
    return plan.kind === 'changes' ? plan.changes : [];
  })();

  it('authorizes each rule, counting one that is already back as done', async () => {
    // Arrange
    ec2
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejectsOnce(Object.assign(new Error('already there'), { name: 'InvalidPermission.Duplicate' }))
      .resolves({ Return: true });

    // Act
    await rollbackOf(ec2_13).apply(changes, context);

    // Assert
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual(
      changes.map((c) => ({ GroupId: GROUP, IpPermissions: [c.params.permission] })),
    );
  });

  it('fails when EC2 answers false', async () => {
    // Arrange
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: false });

    // Act / Assert
    await expect(rollbackOf(ec2_13).apply(changes, context)).rejects.toThrow('returned false');
  });
});
