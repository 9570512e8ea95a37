import { DescribeClustersCommand, ECSClient, UpdateClusterCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { ecs_12, type Ecs12State } from './ecs-12';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/orders`;
const context = unitContext({
  controlId: 'ECS.12',
  resource: { Type: 'AwsEcsCluster', Id: ARN, Partition: 'aws', Region: REGION },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});

const state = (containerInsights: Ecs12State['containerInsights']): Ecs12State => ({
  clusterName: 'orders',
  containerInsights,
  tags: {},
});

describe('Control: ECS.12 plan', () => {
  it.each([
    ['enabled', 'compliant'],
    ['enhanced', 'compliant'],
    ['disabled', 'changes'],
  ] as const)('containerInsights %s: %s', (value, kind) => {
    expect(ecs_12.plan(state(value), context).kind).toBe(kind);
  });

  it('turns Container Insights on, recording that it was off', () => {
    expect(ecs_12.plan(state('disabled'), context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'ecs:UpdateCluster',
          description: 'Turned on Container Insights for the ECS cluster orders.',
          params: { clusterName: 'orders', containerInsights: 'enabled' },
        },
      ],
      beforeImage: { clusterName: 'orders', containerInsights: 'disabled' },
      actionsRequired: expect.stringContaining('CloudWatch'),
    });
  });
});

describe('Control: ECS.12 read and apply (aws-sdk-client-mock)', () => {
  const ecs = mockClient(ECSClient);
  afterEach(() => ecs.reset());

  it('reads the setting and tags, asking for both', async () => {
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [
        {
          clusterName: 'orders',
          status: 'ACTIVE',
          settings: [{ name: 'containerInsights', value: 'disabled' }],
          tags: [{ key: 'team', value: 'payments' }],
        },
      ],
    });
    expect(await ecs_12.read(context)).toEqual({
      kind: 'found',
      state: { ...state('disabled'), tags: { team: 'payments' } },
    });
    expect(ecs.commandCalls(DescribeClustersCommand)[0]?.args[0].input).toEqual({
      clusters: ['orders'],
      include: ['SETTINGS', 'TAGS'],
    });
  });

  it.each([
    ['listed as MISSING', { clusters: [], failures: [{ arn: ARN, reason: 'MISSING' }] }],
    ['INACTIVE', { clusters: [{ clusterName: 'orders', status: 'INACTIVE' }] }],
  ])('is gone when the cluster is %s', async (_label, output) => {
    ecs.on(DescribeClustersCommand).resolves(output);
    expect((await ecs_12.read(context)).kind).toBe('gone');
  });

  it('is gone on ClusterNotFoundException, without a waiter', async () => {
    ecs
      .on(DescribeClustersCommand)
      .rejects(Object.assign(new Error('x'), { name: 'ClusterNotFoundException' }));
    expect((await ecs_12.read(context)).kind).toBe('gone');
  });

  it('updates the containerInsights setting', async () => {
    ecs.on(UpdateClusterCommand).resolves({});
    const plan = ecs_12.plan(state('disabled'), context);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await ecs_12.apply(plan.changes, context);
    expect(ecs.commandCalls(UpdateClusterCommand)[0]?.args[0].input).toEqual({
      cluster: 'orders',
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    });
  });
});
