import type { AwsEc2SecurityGroupDetails } from '@soar/asff-schema/schemas';
import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ec2_22 } from './ec2-22';

const GROUP = 'sg-0123456789abcdef0';
const control = registerControl(ec2_22);
/** FirstObservedAt of the findings is 2026-11-20T10:15:30Z. */
const WITHIN_GRACE = new Date('2026-11-20T20:00:00Z');
const AFTER_GRACE = new Date('2026-12-01T00:00:00Z');

function securityGroup(details: AwsEc2SecurityGroupDetails | undefined): FindingResource {
  return {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${GROUP}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEc2SecurityGroup: details } }),
  };
}

const UNUSED: AwsEc2SecurityGroupDetails = {
  GroupName: 'old-batch-workers',
  GroupId: GROUP,
  OwnerId: ACCOUNT,
  VpcId: 'vpc-0f1e2d3c4b5a69788',
  IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
};

describe('Control: EC2.22 fromFinding', () => {
  it('is unknown once the grace period is over: references and launch templates are only known live', () => {
    // Act
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.22', resource: securityGroup(UNUSED), now: AFTER_GRACE }),
    );

    // Assert
    expect(evaluation).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('launch templates'),
    });
  });

  it('defers within the grace period, keeping the rules for the before-image', () => {
    // Act
    const derived = ec2_22.fromFinding?.(
      findingContext({ controlId: 'EC2.22', resource: securityGroup(UNUSED), now: WITHIN_GRACE }),
    );
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.22', resource: securityGroup(UNUSED), now: WITHIN_GRACE }),
    );

    // Assert
    expect(derived).toMatchObject({
      kind: 'found',
      state: {
        groupName: 'old-batch-workers',
        networkInterfaceIds: [],
        ipPermissions: [
          { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
        ],
      },
    });
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'defer' } });
  });

  it.each<[string, AwsEc2SecurityGroupDetails, 'FAILED' | 'PASSED', string | undefined, string]>([
    ['the default group', { ...UNUSED, GroupName: 'default' }, 'FAILED', '2026-11-20T10:15:30Z', 'refuse'],
    ['a finding without FirstObservedAt', UNUSED, 'FAILED', undefined, 'refuse'],
    ['a group in use (PASSED)', UNUSED, 'PASSED', '2026-11-20T10:15:30Z', 'compliant'],
  ])('plans as live for %s', (_name, details, status, firstObservedAt, kind) => {
    expect(
      control.evaluateFromFinding(
        findingContext({
          controlId: 'EC2.22',
          resource: securityGroup(details),
          status,
          firstObservedAt,
          now: AFTER_GRACE,
        }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind } });
  });

  it.each<[string, FindingResource, 'FAILED' | 'WARNING']>([
    ['does not name the group', securityGroup(undefined), 'FAILED'],
    ['has no PASSED or FAILED verdict', securityGroup(UNUSED), 'WARNING'],
  ])('is unknown when the finding %s', (_name, resource, status) => {
    expect(
      control.evaluateFromFinding(
        findingContext({ controlId: 'EC2.22', resource, status, now: WITHIN_GRACE }),
      ),
    ).toMatchObject({ kind: 'unknown' });
  });

  it('refuses, naming the id and the shape it expects, a resource whose id has another shape', () => {
    const resource: FindingResource = {
      Type: 'AwsEc2SecurityGroup',
      Id: 'arn:aws:ec2:eu-west-1:1:vpc/vpc-1',
    };
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.22', resource, status: 'FAILED' })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining('arn:aws:ec2:eu-west-1:1:vpc/vpc-1') },
    });
  });
});
