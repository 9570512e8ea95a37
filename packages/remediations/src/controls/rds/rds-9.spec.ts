import { ModifyDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { rds_9, type Rds9State } from './rds-9';

const context = unitContext({
  controlId: 'RDS.9',
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

function state(overrides: Partial<Rds9State> = {}): Rds9State {
  return {
    instanceId: 'orders-db',
    engine: 'postgres',
    scope: 'instance',
    targetId: 'orders-db',
    status: 'available',
    value: [],
    tags: {},
    ...overrides,
  };
}

describe('Control: RDS.9 plan', () => {
  it.each([
    ['postgres without exports', state(), 'changes'],
    ['postgres with both', state({ value: ['postgresql', 'upgrade'] }), 'compliant'],
    ['postgres with one', state({ value: ['postgresql'] }), 'changes'],
    ['both pending', state({ pending: ['postgresql', 'upgrade'] }), 'compliant'],
    ['an engine SOAR has no list for', state({ engine: 'db2-se' }), 'refuse'],
  ])('%s: %s', (_name, given, kind) => {
    expect(rds_9.plan(given, context).kind).toBe(kind);
  });

  it('adds only the missing log types, keeping those already exported, and changes nothing else', () => {
    const plan = rds_9.plan(state({ engine: 'mysql', value: ['error', 'iam-db-auth-error'] }), context);
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'rds:ModifyDBInstance',
          params: {
            params: {
              CloudwatchLogsExportConfiguration: { EnableLogTypes: ['audit', 'general', 'slowquery'] },
            },
          },
        },
      ],
      beforeImage: {
        before: ['error', 'iam-db-auth-error'],
        after: ['audit', 'error', 'general', 'iam-db-auth-error', 'slowquery'],
      },
    });
    // No parameter group, no reboot: the original's reboot raced the modification it had just started.
    expect(plan.kind === 'changes' ? plan.changes.map((c) => c.action) : []).toEqual([
      'rds:ModifyDBInstance',
    ]);
    expect(rds_9.iamActions).not.toContain('rds:RebootDBInstance');
    expect(rds_9.iamActions).not.toContain('rds:ModifyDBParameterGroup');
  });

  it('exports the Aurora PostgreSQL log from the cluster (moto ignores log exports in ModifyDBCluster, so this is mocked)', async () => {
    // Arrange
    const rds = mockClient(RDSClient);
    rds.on(ModifyDBClusterCommand).resolves({});
    const plan = rds_9.plan(
      state({ engine: 'aurora-postgresql', clusterId: 'orders', scope: 'cluster', targetId: 'orders' }),
      context,
    );

    // Act
    if (plan.kind === 'changes') await rds_9.apply(plan.changes, context);
    rds.restore();

    // Assert
    expect(rds.commandCalls(ModifyDBClusterCommand).map((call) => call.args[0].input)).toEqual([
      {
        DBClusterIdentifier: 'orders',
        ApplyImmediately: true,
        CloudwatchLogsExportConfiguration: { EnableLogTypes: ['postgresql'] },
      },
    ]);
  });

  it('rolls back by stopping only the exports SOAR added', () => {
    const before = {
      instanceId: 'orders-db',
      scope: 'instance',
      targetId: 'orders-db',
      before: ['postgresql'],
      after: ['postgresql', 'upgrade'],
    } as const;
    expect(rds_9.rollback?.plan(before, state({ value: ['postgresql', 'upgrade'] }), context)).toMatchObject({
      kind: 'changes',
      changes: [
        { params: { params: { CloudwatchLogsExportConfiguration: { DisableLogTypes: ['upgrade'] } } } },
      ],
    });
  });
});
