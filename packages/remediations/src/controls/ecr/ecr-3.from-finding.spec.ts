import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ecr_3 } from './ecr-3';

const control = registerControl(ecr_3);

function repository(details?: Record<string, unknown>): FindingResource {
  return {
    Type: 'AwsEcrRepository',
    Id: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/app`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEcrRepository: details } }),
  };
}

describe('Control: ECR.3 fromFinding', () => {
  it('is compliant when the finding shows a lifecycle policy', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({
        controlId: 'ECR.3',
        resource: repository({ LifecyclePolicy: { LifecyclePolicyText: '{"rules":[]}' } }),
        status: 'PASSED',
      }),
    );
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('plans SOAR policy for a FAILED repository without one', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'ECR.3', resource: repository({}) }),
    );
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'changes' } });
  });

  it('is unknown without a policy or a verdict', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'ECR.3', resource: repository(), status: 'none' }),
    );
    expect(evaluation.kind).toBe('unknown');
  });
});
