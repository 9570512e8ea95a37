import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ec2_6, flowLogRoleName } from './ec2-6';

const VPC = 'vpc-0f1e2d3c4b5a69788';
const control = registerControl(ec2_6);

/** A VPC as Security Hub describes it: ASFF VPC details list no flow logs. */
const vpc = (tags?: Record<string, string>): FindingResource => ({
  Type: 'AwsEc2Vpc',
  Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC}`,
  Partition: 'aws',
  Region: REGION,
  Details: {
    AwsEc2Vpc: {
      CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16', CidrBlockState: 'associated' }],
      DhcpOptionsId: 'dopt-0a1b2c3d4e5f67890',
      State: 'available',
    },
  },
  ...(tags === undefined ? {} : { Tags: tags }),
});

describe('Control: EC2.6 fromFinding', () => {
  it('plans the flow log for a failing VPC, creating the role only if it is missing', () => {
    // Act
    const derived = ec2_6.fromFinding?.(findingContext({ controlId: 'EC2.6', resource: vpc() }));
    const evaluation = control.evaluateFromFinding(findingContext({ controlId: 'EC2.6', resource: vpc() }));

    // Assert
    expect(derived).toEqual({
      kind: 'found',
      state: { vpcId: VPC, flowLogs: [], roleName: flowLogRoleName(REGION), roleExists: undefined, tags: {} },
    });
    if (evaluation.kind !== 'found' || evaluation.plan.kind !== 'changes')
      throw new Error('expected changes');
    expect(evaluation.plan.changes.map((c) => c.action)).toEqual([
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'ec2:CreateFlowLogs',
    ]);
    expect(evaluation.plan.changes[0]?.description).toContain('(if it did not exist yet)');
    expect(evaluation.plan.beforeImage).toMatchObject({ roleExisted: undefined });
  });

  it('is compliant for a passing VPC', () => {
    // Act
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.6', resource: vpc(), status: 'PASSED' }),
    );

    // Assert
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: { kind: 'compliant', reason: expect.stringContaining('as Security Hub reports') },
    });
  });

  it('takes the tags from the finding resource', () => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.6', resource: vpc({ team: 'net' }) })),
    ).toMatchObject({ tags: { team: 'net' } });
  });

  it.each<[string, FindingResource, 'FAILED' | 'WARNING']>([
    ['has no PASSED or FAILED verdict', vpc(), 'WARNING'],
  ])('is unknown when the finding %s', (_name, resource, status) => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.6', resource, status })),
    ).toMatchObject({
      kind: 'unknown',
    });
  });

  it('refuses, naming the id and the shape it expects, a resource whose id has another shape', () => {
    const resource: FindingResource = { Type: 'AwsEc2Vpc', Id: 'arn:aws:ec2:eu-west-1:1:subnet/subnet-1' };
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.6', resource, status: 'FAILED' })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining('arn:aws:ec2:eu-west-1:1:subnet/subnet-1') },
    });
  });
});
