import type { AwsEc2SecurityGroupDetails } from '@soar/asff-schema/schemas';
import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ec2_2 } from './ec2-2';
import { toSdkPermission } from './security-group-details';

const GROUP = 'sg-0a1b2c3d4e5f60718';
const control = registerControl(ec2_2);

function securityGroup(details: AwsEc2SecurityGroupDetails | undefined): FindingResource {
  return {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${GROUP}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEc2SecurityGroup: details } }),
  };
}

/** The VPC default group with the AWS default rules, as Security Hub describes it. */
const DEFAULT_GROUP: AwsEc2SecurityGroupDetails = {
  GroupName: 'default',
  GroupId: GROUP,
  OwnerId: ACCOUNT,
  VpcId: 'vpc-0123456789abcdef0',
  IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: GROUP, UserId: ACCOUNT }] }],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
};

describe('Control: EC2.2 fromFinding', () => {
  it('is unknown for a default group with rules: only the live run sees whether network interfaces use it', () => {
    // Act
    const derived = ec2_2.fromFinding?.(
      findingContext({ controlId: 'EC2.2', resource: securityGroup(DEFAULT_GROUP) }),
    );

    // Assert
    expect(derived?.kind).toBe('unknown');
    if (derived?.kind !== 'unknown') return;
    expect(derived.reason).toContain('network interfaces');
    expect(derived.reason).toContain('SOAR checks that on the live resource before it changes anything');
    expect(derived.reason).toContain(`inbound all traffic from members of ${GROUP}`);
    expect(derived.reason).toContain('outbound all traffic to 0.0.0.0/0');
  });

  it('is compliant for a default group without rules', () => {
    // Arrange
    const resource = securityGroup({ GroupName: 'default', GroupId: GROUP, IpPermissions: [] });

    // Act
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.2', resource, status: 'PASSED' }),
    );

    // Assert
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('refuses a group that is not the default group, as the live run does', () => {
    // Act
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.2', resource: securityGroup({ ...DEFAULT_GROUP, GroupName: 'web' }) }),
    );

    // Assert
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'refuse' } });
  });

  it.each<[string, FindingResource]>([
    ['carries no AwsEc2SecurityGroup details', securityGroup(undefined)],
    ['does not name the group', securityGroup({ GroupId: GROUP, IpPermissions: [] })],
  ])('is unknown when the finding %s', (_name, resource) => {
    expect(control.evaluateFromFinding(findingContext({ controlId: 'EC2.2', resource }))).toMatchObject({
      kind: 'unknown',
    });
  });

  it('refuses, naming the id and the shape it expects, a resource whose id has another shape', () => {
    const resource: FindingResource = {
      Type: 'AwsEc2SecurityGroup',
      Id: 'arn:aws:ec2:eu-west-1:1:vpc/vpc-1',
    };
    expect(control.evaluateFromFinding(findingContext({ controlId: 'EC2.2', resource }))).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining('arn:aws:ec2:eu-west-1:1:vpc/vpc-1') },
    });
  });
});

describe('Function: toSdkPermission', () => {
  it('carries every source of an ASFF permission over to the EC2 API shape', () => {
    expect(
      toSdkPermission({
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        PrefixListIds: [{ PrefixListId: 'pl-1' }],
        UserIdGroupPairs: [{ GroupId: GROUP, UserId: ACCOUNT }],
      }),
    ).toEqual({
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      PrefixListIds: [{ PrefixListId: 'pl-1' }],
      UserIdGroupPairs: [{ GroupId: GROUP, UserId: ACCOUNT }],
    });
    expect(toSdkPermission({})).toEqual({ IpProtocol: '-1' });
  });
});
