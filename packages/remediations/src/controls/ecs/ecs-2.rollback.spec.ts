import { beforeImageErrorOf, parsedBeforeImage, stored } from '../../../tests/rollback-support';
import { findingContext } from '../../../tests/finding-context';
import { ecs_2, planEcs2Rollback, type Ecs2State } from './ecs-2';

const SUBNET = 'subnet-0123456789abcdef0';
const GROUP = 'sg-0123456789abcdef0';
const resource = {
  Type: 'AwsEcsService',
  Id: 'arn:aws:ecs:eu-west-1:111122223333:service/orders/api',
  Partition: 'aws',
  Region: 'eu-west-1',
};

function state(overrides: Partial<Ecs2State> = {}): Ecs2State {
  return {
    clusterName: 'orders',
    serviceName: 'api',
    createdAt: '2026-09-01T08:30:00.000Z',
    deploymentController: 'ECS',
    assignPublicIp: 'DISABLED',
    subnets: [SUBNET],
    securityGroups: [GROUP],
    subnetRoutes: [],
    tags: {},
    ...overrides,
  };
}

const before = parsedBeforeImage(ecs_2, {
  clusterName: 'orders',
  serviceName: 'api',
  createdAt: '2026-09-01T08:30:00.000Z',
  subnets: [SUBNET],
  securityGroups: [GROUP],
  assignPublicIp: 'ENABLED',
});

describe('Control: ECS.2 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = ecs_2.plan(
      state({ assignPublicIp: 'ENABLED', subnetRoutes: [{ subnetId: SUBNET, routeTableId: 'rtb-1' }] }),
      findingContext({ controlId: 'ECS.2', resource }),
    );
    expect(plan.kind === 'changes' ? parsedBeforeImage(ecs_2, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns public IPs back on with the recorded subnets and security groups', () => {
    expect(planEcs2Rollback(before, state())).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ecs:UpdateService',
          params: { subnets: [SUBNET], securityGroups: [GROUP], assignPublicIp: 'ENABLED' },
        },
      ],
    });
  });

  it('is already as before when public IPs are on', () => {
    expect(planEcs2Rollback(before, state({ assignPublicIp: 'ENABLED' })).kind).toBe('already_as_before');
  });

  it.each([
    ['its subnets changed', state({ subnets: ['subnet-other'] }), 'reconfigured its network'],
    ['its security groups changed', state({ securityGroups: [GROUP, 'sg-new'] }), 'reconfigured its network'],
    ['it was created again', state({ createdAt: '2026-12-01T00:00:00.000Z' }), 'deleted and created again'],
  ])('refuses when %s since the fix', (_label, live, words) => {
    expect(planEcs2Rollback(before, live)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining(words),
    });
  });

  it('rejects a before-image without subnets, naming the field', () => {
    expect(beforeImageErrorOf(ecs_2, { ...before, subnets: [] }).field).toBe('subnets');
  });
});
