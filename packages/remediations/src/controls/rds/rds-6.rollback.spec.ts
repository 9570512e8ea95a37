import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { rds_6, type Rds6State } from './rds-6';

const context = unitContext({
  controlId: 'RDS.6',
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
const rollback = rollbackOf(rds_6);

function state(value: number, overrides: Partial<Rds6State> = {}): Rds6State {
  return {
    instanceId: 'orders-db',
    engine: 'postgres',
    scope: 'instance',
    targetId: 'orders-db',
    status: 'available',
    value,
    tags: {},
    role: {
      name: 'rds-monitoring-role',
      exists: true,
      trustsMonitoring: true,
      canWriteMetrics: true,
      createdAt: '2025-03-01T10:00:00.000Z',
    },
    ...overrides,
  };
}

const before = parsedBeforeImage(rds_6, {
  instanceId: 'orders-db',
  scope: 'instance',
  targetId: 'orders-db',
  before: 0,
  after: 60,
});

describe('Control: RDS.6 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = rds_6.plan(state(0), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(rds_6, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns enhanced monitoring off again, and keeps the role', () => {
    expect(rollback.plan(before, state(60), context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'rds:ModifyDBInstance',
          description: expect.stringContaining('enhanced monitoring turned off'),
          params: { scope: 'instance', targetId: 'orders-db', params: { MonitoringInterval: 0 } },
        },
      ],
      actionsRequired: expect.stringContaining('RDS.6 fails again'),
    });
  });

  it('is already as before when monitoring is off again', () => {
    expect(rollback.plan(before, state(0), context).kind).toBe('already_as_before');
  });

  it('refuses when someone changed the interval since the fix', () => {
    expect(rollback.plan(before, state(15), context)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('someone changed it since'),
    });
  });

  it('rejects a before-image without the interval before, naming the field', () => {
    expect(
      beforeImageErrorOf(rds_6, {
        instanceId: 'orders-db',
        scope: 'instance',
        targetId: 'orders-db',
        after: 60,
      }).field,
    ).toBe('before');
  });
});
