import { aControlFinding } from '@soar/testing';
import type { PlanContext } from '../../engine/control';
import { ec2_13 } from './ec2-13';
import { ec2_14 } from './ec2-14';
import { SECURITY_GROUP_ID } from './resource-ids';
import {
  isOffendingRule,
  planOpenPortIngress,
  securityGroupIdOf,
  toRuleState,
  type OpenPortBeforeImage,
  type SecurityGroupRuleState,
  type SecurityGroupState,
} from './open-port-ingress';

const SSH = { port: 22, service: 'SSH' };
const REGION = 'eu-west-1';

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
  return { groupId: 'sg-0123456789abcdef0', groupName: 'web', tags: {}, rules };
}

function revokedIds(state: SecurityGroupState, options = SSH): string[] {
  const plan = planOpenPortIngress(state, options, REGION);
  return plan.kind === 'changes' ? plan.changes.map((c) => c.params.securityGroupRuleId) : [];
}

const ipv4On22 = () => rule({ fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' });
const ipv6On22 = () => rule({ fromPort: 22, toPort: 22, cidrIpv6: '::/0' });

describe('open-port-ingress plan (EC2.13 / EC2.14)', () => {
  it.each<[string, boolean, SecurityGroupRuleState]>([
    ['IPv4 0.0.0.0/0 on port 22', true, ipv4On22()],
    ['IPv6 ::/0 on port 22', true, ipv6On22()],
    ['a TCP range containing 22 (20-25)', true, rule({ fromPort: 20, toPort: 25, cidrIpv4: '0.0.0.0/0' })],
    ['TCP 0-65535', true, rule({ fromPort: 0, toPort: 65535, cidrIpv6: '::/0' })],
    [
      'protocol -1 (all traffic)',
      true,
      rule({ protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' }),
    ],
    [
      'protocol number 6 (TCP) on port 22',
      true,
      rule({ protocol: '6', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }),
    ],
    [
      'a TCP range not containing 22 (23-80)',
      false,
      rule({ fromPort: 23, toPort: 80, cidrIpv4: '0.0.0.0/0' }),
    ],
    ['TCP 443 from 0.0.0.0/0', false, rule({ fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' })],
    ['UDP on port 22', false, rule({ protocol: 'udp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' })],
    ['a narrower CIDR on port 22', false, rule({ fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' })],
    [
      'a reference to another security group',
      false,
      rule({ fromPort: 22, toPort: 22, referencedGroupId: 'sg-0aaa' }),
    ],
    ['a prefix list', false, rule({ fromPort: 22, toPort: 22, prefixListId: 'pl-0123abcd' })],
    [
      'an egress rule to 0.0.0.0/0 on 22',
      false,
      rule({ isEgress: true, fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }),
    ],
  ])('%s → offending: %s', (_name, offending, r) => {
    expect(isOffendingRule(r, 22)).toBe(offending);
    expect(revokedIds(group(r))).toEqual(offending ? [r.ruleId] : []);
  });

  it('revokes both the IPv4 and the IPv6 rule, and nothing else', () => {
    // Arrange
    const v4 = ipv4On22();
    const v6 = ipv6On22();
    const https = rule({ fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' });
    const fromSg = rule({ fromPort: 22, toPort: 22, referencedGroupId: 'sg-0bastion' });
    const fromPrefixList = rule({ fromPort: 22, toPort: 22, prefixListId: 'pl-0office' });

    // Act
    const plan = planOpenPortIngress(group(v4, https, v6, fromSg, fromPrefixList), SSH, REGION);

    // Assert
    expect(plan.kind).toBe('changes');
    if (plan.kind !== 'changes') return;
    expect(plan.changes.map((c) => c.params)).toEqual([
      { groupId: 'sg-0123456789abcdef0', securityGroupRuleId: v4.ruleId },
      { groupId: 'sg-0123456789abcdef0', securityGroupRuleId: v6.ruleId },
    ]);
    expect(plan.changes.map((c) => c.action)).toEqual([
      'ec2:RevokeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
    ]);
    expect(plan.changes[0]?.description).toBe(
      `Closed SSH (port 22) to the internet on sg-0123456789abcdef0 (web): removed inbound rule ${v4.ruleId} (TCP port 22 from 0.0.0.0/0, any IPv4 address).`,
    );
    expect(plan.changes[1]?.description).toContain('from ::/0, any IPv6 address');
  });

  it('keeps the before-image needed to re-authorize the revoked rules, and the ids of the rules it kept', () => {
    const v4 = rule({ fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0', description: 'ops' });
    const all = rule({ protocol: '-1', fromPort: -1, toPort: -1, cidrIpv6: '::/0' });
    const internal = rule({ fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' });

    const plan = planOpenPortIngress(group(v4, internal, all), SSH, REGION);

    expect(plan.kind === 'changes' ? plan.beforeImage : undefined).toEqual<OpenPortBeforeImage>({
      groupId: 'sg-0123456789abcdef0',
      region: REGION,
      revokedRules: [v4, all],
      authorizeSecurityGroupIngress: {
        GroupId: 'sg-0123456789abcdef0',
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ops' }],
          },
          { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        ],
      },
      keptRuleIds: [internal.ruleId],
    });
  });

  it('revokes a rule wider than the port whole, and says so', () => {
    const wide = rule({ fromPort: 0, toPort: 65535, cidrIpv4: '0.0.0.0/0' });

    const plan = planOpenPortIngress(group(wide), SSH, REGION);

    expect(plan.kind).toBe('changes');
    if (plan.kind !== 'changes') return;
    expect(plan.changes[0]?.description).toContain(
      'The rule was wider than port 22, so it was removed whole: TCP ports 0-65535 is no longer open to 0.0.0.0/0 either.',
    );
    expect(plan.actionsRequired).toContain('also opened other ports');
  });

  it('describes an all-traffic rule as such', () => {
    const all = rule({ protocol: '-1', cidrIpv4: '0.0.0.0/0' });

    const plan = planOpenPortIngress(group(all), SSH, REGION);

    expect(plan.kind === 'changes' ? plan.changes[0]?.description : '').toContain('all traffic');
  });

  it('is compliant when no rule is offending', () => {
    const plan = planOpenPortIngress(
      group(rule({ fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8' })),
      SSH,
      REGION,
    );

    expect(plan).toEqual({
      kind: 'compliant',
      reason: 'No inbound rule of sg-0123456789abcdef0 (web) opens port 22 (SSH) to 0.0.0.0/0 or ::/0.',
    });
  });

  it('checks port 3389 for EC2.14, not 22', () => {
    const rdp = rule({ fromPort: 3389, toPort: 3389, cidrIpv6: '::/0' });
    const ssh = ipv4On22();
    const state = group(rdp, ssh);

    expect(ec2_14.plan(state, planContext())).toMatchObject({
      kind: 'changes',
      changes: [{ params: { securityGroupRuleId: rdp.ruleId } }],
    });
    expect(ec2_13.plan(state, planContext())).toMatchObject({
      kind: 'changes',
      changes: [{ params: { securityGroupRuleId: ssh.ruleId } }],
    });
  });

  describe('IPv6 and untouched groups (the original left IPv6 open and called unchanged groups fixed)', () => {
    it('an IPv6-only ::/0 rule on port 22 is revoked, not left open', () => {
      // The original looked only at IpRanges, so an IPv6-only permission was "not relevant" and stayed open.
      const v6 = ipv6On22();

      expect(revokedIds(group(v6))).toEqual([v6.ruleId]);
    });

    it('a group with nothing offending is compliant, not reported as fixed', () => {
      // The original counted "not relevant" permissions as done and reported AUTOFIXED.
      const https = rule({ fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' });

      expect(planOpenPortIngress(group(https), SSH, REGION).kind).toBe('compliant');
    });
  });

  describe('shared permissions (the original removed whole permissions)', () => {
    it('a security-group reference and a prefix list on the same port range are kept', () => {
      // In the original, one IpPermission held 0.0.0.0/0, the SG reference and the prefix list, and was revoked whole.
      const open = rule({ fromPort: 0, toPort: 65535, cidrIpv4: '0.0.0.0/0' });
      const sameRangeFromSg = rule({ fromPort: 0, toPort: 65535, referencedGroupId: 'sg-0app' });
      const sameRangeFromPrefixList = rule({ fromPort: 0, toPort: 65535, prefixListId: 'pl-0office' });

      expect(revokedIds(group(open, sameRangeFromSg, sameRangeFromPrefixList))).toEqual([open.ruleId]);
    });
  });

  it('finds the group id in the finding resource ARN only (its declared id), never in its Details', () => {
    expect(securityGroupIdOf({ Id: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0abc123' })).toBe(
      'sg-0abc123',
    );
    expect(securityGroupIdOf({ Id: 'something-else' })).toBeUndefined();
  });

  it('converts SDK rules, dropping rules without an id', () => {
    expect(
      toRuleState({
        SecurityGroupRuleId: 'sgr-1',
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        ReferencedGroupInfo: { GroupId: 'sg-0other' },
        Tags: [{ Key: 'team', Value: 'ops' }],
      }),
    ).toEqual({
      ruleId: 'sgr-1',
      isEgress: false,
      protocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      referencedGroupId: 'sg-0other',
      tags: { team: 'ops' },
    });
    expect(toRuleState({ IpProtocol: 'tcp' })).toBeUndefined();
  });

  it('declares exact IAM actions and is reversible, not destructive', () => {
    for (const control of [ec2_13, ec2_14]) {
      expect(control.iamActions).toEqual([
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSecurityGroupRules',
        'ec2:RevokeSecurityGroupIngress',
      ]);
      expect(control).toMatchObject({
        destructive: false,
        reversible: true,
        resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
      });
    }
  });
});

function planContext(): PlanContext {
  const finding = aControlFinding({ controlId: 'EC2.13', region: REGION });
  const resource = finding.Resources[0] ?? { Type: 'AwsEc2SecurityGroup', Id: 'sg-0123456789abcdef0' };
  return {
    finding,
    resource,
    accountId: '111122223333',
    region: REGION,
    partition: 'aws',
    now: new Date('2025-01-01T00:00:00Z'),
  };
}
