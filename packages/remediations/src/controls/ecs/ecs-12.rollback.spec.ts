import { beforeImageErrorOf, parsedBeforeImage, stored } from '../../../tests/rollback-support';
import { findingContext } from '../../../tests/finding-context';
import { ecs_12, planEcs12Rollback, type Ecs12State } from './ecs-12';

const resource = {
  Type: 'AwsEcsCluster',
  Id: 'arn:aws:ecs:eu-west-1:111122223333:cluster/orders',
  Partition: 'aws',
  Region: 'eu-west-1',
};
const state = (containerInsights: Ecs12State['containerInsights']): Ecs12State => ({
  clusterName: 'orders',
  containerInsights,
  tags: {},
});
const before = parsedBeforeImage(ecs_12, { clusterName: 'orders', containerInsights: 'disabled' });

describe('Control: ECS.12 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = ecs_12.plan(state('disabled'), findingContext({ controlId: 'ECS.12', resource }));
    expect(plan.kind === 'changes' ? parsedBeforeImage(ecs_12, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns Container Insights off again while it is enabled', () => {
    expect(planEcs12Rollback(before, state('enabled'))).toMatchObject({
      kind: 'changes',
      changes: [
        { action: 'ecs:UpdateCluster', params: { clusterName: 'orders', containerInsights: 'disabled' } },
      ],
    });
  });

  it('is already as before when it is off', () => {
    expect(planEcs12Rollback(before, state('disabled')).kind).toBe('already_as_before');
  });

  it('refuses when someone switched to enhanced observability since', () => {
    expect(planEcs12Rollback(before, state('enhanced'))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('enhanced observability'),
    });
  });

  it('refuses a before-image of another cluster', () => {
    expect(planEcs12Rollback({ ...before, clusterName: 'other' }, state('enabled')).kind).toBe('refuse');
  });

  it('rejects a before-image that was not off, naming the field', () => {
    expect(beforeImageErrorOf(ecs_12, { clusterName: 'orders', containerInsights: 'enabled' }).field).toBe(
      'containerInsights',
    );
  });
});
