import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { rds_2, type Rds2State } from './rds-2';

const context = unitContext({
  controlId: 'RDS.2',
  resource: {
    Type: 'AwsRdsDbInstance',
    Id: 'arn:aws:rds:eu-west-1:111122223333:db:orders-db',
    Region: 'eu-west-1',
  },
  accountId: '111122223333',
  region: 'eu-west-1',
  now: new Date('2026-12-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const rollback = rollbackOf(rds_2);

function state(value: boolean, overrides: Partial<Rds2State> = {}): Rds2State {
  return {
    instanceId: 'orders-db',
    engine: 'postgres',
    scope: 'instance',
    targetId: 'orders-db',
    status: 'available',
    value,
    tags: {},
    ...overrides,
  };
}

const before = parsedBeforeImage(rds_2, {
  instanceId: 'orders-db',
  scope: 'instance',
  targetId: 'orders-db',
  before: true,
  after: false,
});

describe('Control: RDS.2 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = rds_2.plan(state(true), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(rds_2, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns public access on again', () => {
    expect(rollback.plan(before, state(false), context)).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'rds:ModifyDBInstance',
          params: { scope: 'instance', targetId: 'orders-db', params: { PubliclyAccessible: true } },
        },
      ],
    });
  });

  it('is already as before when public access is on again', () => {
    expect(rollback.plan(before, state(true), context).kind).toBe('already_as_before');
  });

  it('refuses when the setting moved to a cluster since the fix', () => {
    expect(
      rollback.plan(
        before,
        state(false, { scope: 'cluster', targetId: 'orders', clusterId: 'orders' }),
        context,
      ),
    ).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('now lives on the DB cluster orders'),
    });
  });

  it('refuses while the instance is busy', () => {
    expect(rollback.plan(before, state(false, { status: 'modifying' }), context).kind).toBe('refuse');
  });

  it('rejects a before-image without the value before, naming the field', () => {
    expect(
      beforeImageErrorOf(rds_2, {
        instanceId: 'orders-db',
        scope: 'instance',
        targetId: 'orders-db',
        after: false,
      }).field,
    ).toBe('before');
  });
});
