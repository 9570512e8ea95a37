import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ecr_1 } from './ecr-1';

const control = registerControl(ecr_1);

function repository(
  details?: Record<string, unknown>,
  id = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/app`,
): FindingResource {
  return {
    Type: 'AwsEcrRepository',
    Id: id,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEcrRepository: details } }),
  };
}

describe('Control: ECR.1 fromFinding', () => {
  it('is compliant when the finding says the repository scans on push', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({
        controlId: 'ECR.1',
        resource: repository({ ImageScanningConfiguration: { ScanOnPush: true } }),
      }),
    );
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('is unknown when scan on push is off: the registry configuration decides between the fix and a refusal', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({
        controlId: 'ECR.1',
        resource: repository({ ImageScanningConfiguration: { ScanOnPush: false } }),
      }),
    );
    expect(evaluation).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining("registry's scanning configuration"),
    });
  });

  it.each(['arn:aws:ecr:eu-west-1:111122223333:repository/Team', 'arn:aws:s3:::bucket', 'team/app'])(
    'refuses, naming the id, for %s',
    (id) => {
      const evaluation = control.evaluateFromFinding(
        findingContext({ controlId: 'ECR.1', resource: repository(undefined, id) }),
      );
      expect(evaluation).toMatchObject({
        kind: 'found',
        plan: { kind: 'refuse', reason: expect.stringContaining(id) },
      });
    },
  );

  it.each(['aws-cn', 'aws-us-gov'])('accepts repository ARNs of the %s partition', (partition) => {
    const id = `arn:${partition}:ecr:${REGION}:${ACCOUNT}:repository/team/app`;
    const evaluation = control.evaluateFromFinding(
      findingContext({
        controlId: 'ECR.1',
        resource: repository({ ImageScanningConfiguration: { ScanOnPush: true } }, id),
      }),
    );
    expect(evaluation.kind).toBe('found');
  });
});
