import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ecr_2 } from './ecr-2';

const control = registerControl(ecr_2);

function repository(details?: Record<string, unknown>): FindingResource {
  return {
    Type: 'AwsEcrRepository',
    Id: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/app`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEcrRepository: details } }),
  };
}

describe('Control: ECR.2 fromFinding', () => {
  it('plans the change from ImageTagMutability MUTABLE', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'ECR.2', resource: repository({ ImageTagMutability: 'MUTABLE' }) }),
    );
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'changes' } });
  });

  it('is compliant for IMMUTABLE', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({
        controlId: 'ECR.2',
        resource: repository({ ImageTagMutability: 'IMMUTABLE' }),
        status: 'PASSED',
      }),
    );
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('reads a FAILED verdict without details as mutable tags', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'ECR.2', resource: repository() }),
    );
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'changes' } });
  });

  it('is unknown without details or verdict', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'ECR.2', resource: repository(), status: 'none' }),
    );
    expect(evaluation.kind).toBe('unknown');
  });
});
