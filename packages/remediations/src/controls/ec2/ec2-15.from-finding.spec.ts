import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ec2_15 } from './ec2-15';

const SUBNET = 'subnet-0123456789abcdef0';
const control = registerControl(ec2_15);

/**
 * A subnet as Security Hub describes it (`AwsEc2Subnet`, read from the loose Details: `@soar/asff-schema`
 * has no schema for it yet).
 */
function subnet(details?: Record<string, unknown>): FindingResource {
  return {
    Type: 'AwsEc2Subnet',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${SUBNET}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEc2Subnet: details } }),
  };
}

const PUBLIC_SUBNET = {
  AssignIpv6AddressOnCreation: false,
  AvailabilityZone: 'eu-west-1a',
  AvailableIpAddressCount: 251,
  CidrBlock: '10.0.1.0/24',
  DefaultForAz: false,
  MapPublicIpOnLaunch: true,
  OwnerId: ACCOUNT,
  State: 'available',
  SubnetArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${SUBNET}`,
  SubnetId: SUBNET,
  VpcId: 'vpc-0f1e2d3c4b5a69788',
};

describe('Control: EC2.15 fromFinding', () => {
  it('reads MapPublicIpOnLaunch from the details and plans to turn it off', () => {
    // Act
    const derived = ec2_15.fromFinding?.(
      findingContext({ controlId: 'EC2.15', resource: subnet(PUBLIC_SUBNET) }),
    );
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.15', resource: subnet(PUBLIC_SUBNET) }),
    );

    // Assert
    expect(derived).toEqual({
      kind: 'found',
      state: { subnetId: SUBNET, vpcId: 'vpc-0f1e2d3c4b5a69788', mapPublicIpOnLaunch: true, tags: {} },
    });
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{ action: 'ec2:ModifySubnetAttribute' }] },
    });
  });

  it('is compliant when the details say the subnet does not map public IPs', () => {
    expect(
      control.evaluateFromFinding(
        findingContext({
          controlId: 'EC2.15',
          resource: subnet({ ...PUBLIC_SUBNET, MapPublicIpOnLaunch: false }),
          status: 'PASSED',
        }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it.each([
    ['FAILED', 'changes'],
    ['PASSED', 'compliant'],
  ] as const)('falls back on the verdict without details: %s -> %s', (status, kind) => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.15', resource: subnet(), status })),
    ).toMatchObject({ kind: 'found', plan: { kind } });
  });

  it.each<[string, FindingResource]>([
    ['has neither the setting nor a verdict', subnet({ SubnetId: SUBNET, MapPublicIpOnLaunch: 'yes' })],
  ])('is unknown when the finding %s', (_name, resource) => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.15', resource, status: 'WARNING' })),
    ).toMatchObject({ kind: 'unknown' });
  });

  it('refuses, naming the id and the shape it expects, a resource whose id has another shape', () => {
    const resource: FindingResource = { Type: 'AwsEc2Subnet', Id: 'arn:aws:ec2:eu-west-1:1:vpc/vpc-1' };
    expect(control.evaluateFromFinding(findingContext({ controlId: 'EC2.15', resource }))).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining('arn:aws:ec2:eu-west-1:1:vpc/vpc-1') },
    });
  });
});
