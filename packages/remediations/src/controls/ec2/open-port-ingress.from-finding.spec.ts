import type { AwsEc2SecurityGroupDetails } from '@soar/asff-schema/schemas';
import { registerControl, type FindingResource } from '../../engine/control';
import { findingContext, REGION, ACCOUNT } from '../../../tests/finding-context';
import { ec2_13 } from './ec2-13';
import { ec2_14 } from './ec2-14';
import { rulesFromDetails, type OpenPortBeforeImage } from './open-port-ingress';

const GROUP = 'sg-0123456789abcdef0';
const OTHER_GROUP = 'sg-0fedcba9876543210';

function securityGroup(
  details: AwsEc2SecurityGroupDetails | undefined,
  tags?: Record<string, string>,
): FindingResource {
  return {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${GROUP}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEc2SecurityGroup: details } }),
    ...(tags === undefined ? {} : { Tags: tags }),
  };
}

/** A group as Security Hub describes it: SSH open on IPv4 and IPv6, plus rules the fix must keep. */
const OPEN_SSH: AwsEc2SecurityGroupDetails = {
  GroupName: 'web',
  GroupId: GROUP,
  OwnerId: ACCOUNT,
  VpcId: 'vpc-0f1e2d3c4b5a69788',
  IpPermissions: [
    {
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8' }],
      Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      UserIdGroupPairs: [{ GroupId: OTHER_GROUP, UserId: ACCOUNT }],
      PrefixListIds: [{ PrefixListId: 'pl-0123abcd' }],
    },
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
};

/** All traffic from anywhere (IPv4 and IPv6), and RDP from a security group reference only. */
const ALL_TRAFFIC: AwsEc2SecurityGroupDetails = {
  GroupName: 'wide-open',
  GroupId: GROUP,
  IpPermissions: [
    { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
    { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, UserIdGroupPairs: [{ GroupId: OTHER_GROUP }] },
  ],
};

describe('Function: rulesFromDetails', () => {
  it('splits each permission into one rule per source, numbered in the order the finding lists them', () => {
    // Act
    const rules = rulesFromDetails(OPEN_SSH);

    // Assert
    const ssh = { isEgress: false, protocol: 'tcp', fromPort: 22, toPort: 22 };
    expect(rules).toEqual([
      { ruleId: 'finding-rule-1', ...ssh, cidrIpv4: '0.0.0.0/0' },
      { ruleId: 'finding-rule-2', ...ssh, cidrIpv4: '10.0.0.0/8' },
      { ruleId: 'finding-rule-3', ...ssh, cidrIpv6: '::/0' },
      { ruleId: 'finding-rule-4', ...ssh, prefixListId: 'pl-0123abcd' },
      { ruleId: 'finding-rule-5', ...ssh, referencedGroupId: OTHER_GROUP },
      {
        ruleId: 'finding-rule-6',
        isEgress: false,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '0.0.0.0/0',
      },
      { ruleId: 'finding-rule-7', isEgress: true, protocol: '-1', cidrIpv4: '0.0.0.0/0' },
    ]);
  });
});

describe('Control: EC2.13 fromFinding', () => {
  const control = registerControl(ec2_13);

  it('plans to revoke the IPv4 and IPv6 internet rules on port 22 only, keeping references and prefix lists', () => {
    // Arrange
    const context = findingContext({ controlId: 'EC2.13', resource: securityGroup(OPEN_SSH) });

    // Act
    const derived = ec2_13.fromFinding?.(context);
    const evaluation = control.evaluateFromFinding(context);

    // Assert
    expect(derived).toMatchObject({ kind: 'found', state: { groupId: GROUP, rulesFromFinding: true } });
    if (evaluation.kind !== 'found' || evaluation.plan.kind !== 'changes')
      throw new Error('expected changes');
    expect(evaluation.plan.changes.map((c) => c.params)).toEqual([
      { groupId: GROUP, securityGroupRuleId: 'finding-rule-1' },
      { groupId: GROUP, securityGroupRuleId: 'finding-rule-3' },
    ]);
    expect(evaluation.plan.changes.map((c) => c.action)).toEqual([
      'ec2:RevokeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
    ]);
    for (const change of evaluation.plan.changes) {
      expect(change.description).toContain('the live run revokes it by its real security group rule id');
    }
    expect(evaluation.plan.changes[1]?.description).toContain('::/0, any IPv6 address');
    const beforeImage = evaluation.plan.beforeImage as OpenPortBeforeImage;
    expect(beforeImage.authorizeSecurityGroupIngress.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
    ]);
  });

  it('revokes an all-traffic rule whole, saying it was wider than port 22', () => {
    // Arrange
    const context = findingContext({ controlId: 'EC2.13', resource: securityGroup(ALL_TRAFFIC) });

    // Act
    const evaluation = control.evaluateFromFinding(context);

    // Assert
    if (evaluation.kind !== 'found' || evaluation.plan.kind !== 'changes')
      throw new Error('expected changes');
    expect(evaluation.plan.changes.map((c) => c.params)).toEqual([
      { groupId: GROUP, securityGroupRuleId: 'finding-rule-1' },
      { groupId: GROUP, securityGroupRuleId: 'finding-rule-2' },
    ]);
    expect(evaluation.plan.changes[0]?.description).toContain('all traffic (every protocol and port)');
    expect(evaluation.plan.changes[0]?.description).toContain('removed whole');
  });

  it('is compliant for a passing group whose port 22 is open only to a network and a security group', () => {
    // Arrange
    const details: AwsEc2SecurityGroupDetails = {
      GroupName: 'bastion-clients',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '10.0.0.0/8' }],
          UserIdGroupPairs: [{ GroupId: OTHER_GROUP }],
        },
      ],
    };
    const context = findingContext({
      controlId: 'EC2.13',
      resource: securityGroup(details),
      status: 'PASSED',
    });

    // Act
    const evaluation = control.evaluateFromFinding(context);

    // Assert
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it.each<[string, FindingResource]>([
    ['carries no AwsEc2SecurityGroup details', securityGroup(undefined)],
    [
      'fails but lists no rule open to the internet on 22',
      securityGroup({ GroupName: 'web', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }] }),
    ],
  ])('is unknown when the finding %s', (_name, resource) => {
    // Act
    const evaluation = control.evaluateFromFinding(findingContext({ controlId: 'EC2.13', resource }));

    // Assert
    expect(evaluation).toMatchObject({ kind: 'unknown', reason: expect.any(String) });
  });

  it('refuses, naming the id and the shape it expects, a resource whose id has another shape', () => {
    const resource: FindingResource = {
      Type: 'AwsEc2SecurityGroup',
      Id: 'arn:aws:ec2:eu-west-1:1:vpc/vpc-1',
    };
    expect(control.evaluateFromFinding(findingContext({ controlId: 'EC2.13', resource }))).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining('arn:aws:ec2:eu-west-1:1:vpc/vpc-1') },
    });
  });

  it('takes the tags for the opt-out tag from the finding resource', () => {
    // Arrange
    const resource = securityGroup(OPEN_SSH, { 'soar:auto-remediation': 'off' });

    // Act
    const evaluation = control.evaluateFromFinding(findingContext({ controlId: 'EC2.13', resource }));

    // Assert
    expect(evaluation).toMatchObject({ kind: 'found', tags: { 'soar:auto-remediation': 'off' } });
  });
});

describe('Control: EC2.14 fromFinding', () => {
  const control = registerControl(ec2_14);

  it('revokes the all-traffic rules but keeps RDP from a security group reference', () => {
    // Arrange
    const context = findingContext({ controlId: 'EC2.14', resource: securityGroup(ALL_TRAFFIC) });

    // Act
    const evaluation = control.evaluateFromFinding(context);

    // Assert
    if (evaluation.kind !== 'found' || evaluation.plan.kind !== 'changes')
      throw new Error('expected changes');
    expect(evaluation.plan.changes.map((c) => c.params)).toEqual([
      { groupId: GROUP, securityGroupRuleId: 'finding-rule-1' },
      { groupId: GROUP, securityGroupRuleId: 'finding-rule-2' },
    ]);
    expect(evaluation.plan.changes.map((c) => c.description).join(' ')).toContain('port 3389');
  });

  it('revokes IPv4 and IPv6 rules on 3389 and is compliant for a group that only opens SSH', () => {
    // Arrange
    const rdp: AwsEc2SecurityGroupDetails = {
      GroupName: 'windows',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 3389,
          ToPort: 3389,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        },
      ],
    };
    const sshOnly = findingContext({
      controlId: 'EC2.14',
      resource: securityGroup(OPEN_SSH),
      status: 'PASSED',
    });

    // Act
    const open = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.14', resource: securityGroup(rdp) }),
    );
    const closed = control.evaluateFromFinding(sshOnly);

    // Assert
    if (open.kind !== 'found' || open.plan.kind !== 'changes') throw new Error('expected changes');
    expect(open.plan.changes).toHaveLength(2);
    expect(closed).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('is unknown for a failing finding whose rules open only SSH (the live group may differ)', () => {
    // Act
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.14', resource: securityGroup(OPEN_SSH) }),
    );

    // Assert
    expect(evaluation).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('SOAR checks the inbound rules'),
    });
  });
});
