import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ecs_12 } from './ecs-12';

const control = registerControl(ecs_12);

function cluster(
  details?: Record<string, unknown>,
  id = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/orders`,
): FindingResource {
  return {
    Type: 'AwsEcsCluster',
    Id: id,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEcsCluster: details } }),
  };
}

describe('Control: ECS.12 fromFinding', () => {
  it.each([
    ['enabled', 'compliant'],
    ['disabled', 'changes'],
  ])('reads ClusterSettings containerInsights %s: %s', (value, kind) => {
    const resource = cluster({ ClusterSettings: [{ Name: 'containerInsights', Value: value }] });
    expect(control.evaluateFromFinding(findingContext({ controlId: 'ECS.12', resource }))).toMatchObject({
      kind: 'found',
      plan: { kind },
    });
  });

  it('reads a FAILED verdict without details as off', () => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'ECS.12', resource: cluster() })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes' },
    });
  });

  it.each([
    'arn:aws:ecs:eu-west-1:111122223333:service/orders/api',
    'orders',
    'arn:aws:ecs:eu-west-1:1111:cluster/orders',
  ])('refuses, naming the id, for %s', (id) => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'ECS.12', resource: cluster(undefined, id) })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining(id) },
    });
  });

  it.each(['aws-cn', 'aws-us-gov'])('accepts cluster ARNs of the %s partition', (partition) => {
    const resource = cluster(undefined, `arn:${partition}:ecs:${REGION}:${ACCOUNT}:cluster/orders`);
    expect(control.evaluateFromFinding(findingContext({ controlId: 'ECS.12', resource })).kind).toBe('found');
  });
});
