import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ecs_2 } from './ecs-2';

const control = registerControl(ecs_2);

function service(
  details?: Record<string, unknown>,
  id = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/orders/api`,
): FindingResource {
  return {
    Type: 'AwsEcsService',
    Id: id,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEcsService: details } }),
  };
}

const network = (AssignPublicIp: string) => ({
  NetworkConfiguration: {
    AwsVpcConfiguration: { AssignPublicIp, Subnets: ['subnet-1'], SecurityGroups: ['sg-1'] },
  },
});

describe('Control: ECS.2 fromFinding', () => {
  it('is compliant when the finding says public IPs are off', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'ECS.2', resource: service(network('DISABLED')), status: 'PASSED' }),
    );
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('is unknown when they are on: only the live subnets routes decide between the fix and a refusal', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'ECS.2', resource: service(network('ENABLED')) }),
    );
    expect(evaluation).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('internet gateway'),
    });
  });

  it('is unknown, naming the id, for a service ARN of the old format without a cluster', () => {
    const id = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/api`;
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'ECS.2', resource: service(undefined, id) })),
    ).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining(id),
    });
  });

  it.each([`arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/orders`, 'api'])(
    'refuses, naming the id, for %s',
    (id) => {
      expect(
        control.evaluateFromFinding(findingContext({ controlId: 'ECS.2', resource: service(undefined, id) })),
      ).toMatchObject({
        kind: 'found',
        plan: { kind: 'refuse', reason: expect.stringContaining(id) },
      });
    },
  );

  it.each(['aws-cn', 'aws-us-gov'])('accepts service ARNs of the %s partition', (partition) => {
    const resource = service(
      network('DISABLED'),
      `arn:${partition}:ecs:${REGION}:${ACCOUNT}:service/orders/api`,
    );
    expect(control.evaluateFromFinding(findingContext({ controlId: 'ECS.2', resource })).kind).toBe('found');
  });
});
