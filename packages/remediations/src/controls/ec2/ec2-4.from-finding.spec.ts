import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ec2_4 } from './ec2-4';

const INSTANCE = 'i-0123456789abcdef0';
const control = registerControl(ec2_4);

/** A stopped instance as Security Hub describes it: no state, stop time or termination protection. */
const resource: FindingResource = {
  Type: 'AwsEc2Instance',
  Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${INSTANCE}`,
  Partition: 'aws',
  Region: REGION,
  Details: {
    AwsEc2Instance: {
      Type: 't3.micro',
      ImageId: 'ami-0abcdef1234567890',
      LaunchedAt: '2026-06-01T08:00:00.000Z',
      VpcId: 'vpc-0f1e2d3c4b5a69788',
      SubnetId: 'subnet-0a1b2c3d4e5f67890',
    },
  },
};

describe('Control: EC2.4 fromFinding', () => {
  it('is unknown for a failing instance: state, stop time and termination protection are only known live', () => {
    // Act
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.4', resource, now: new Date('2027-06-01T00:00:00Z') }),
    );

    // Assert
    expect(evaluation.kind).toBe('unknown');
    if (evaluation.kind !== 'unknown') return;
    expect(evaluation.reason).toContain(`Security Hub reports the instance ${INSTANCE} stopped`);
    expect(evaluation.reason).toContain('termination protection');
    expect(evaluation.reason).toContain('SOAR checks these on the live instance before it changes anything');
  });

  it.each(['PASSED', 'NOT_AVAILABLE'] as const)('is unknown for a %s finding too', (status) => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.4', resource, status })),
    ).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('SOAR checks'),
    });
  });
});
