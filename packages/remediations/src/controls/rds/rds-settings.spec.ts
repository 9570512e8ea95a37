import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { rds_11 } from './rds-11';
import { rds_13 } from './rds-13';
import { rds_17 } from './rds-17';

/** RDS.11, RDS.13 and RDS.17: the decisions of each on the shared setting shape (see rds-2.spec.ts for the shape). */

const context = unitContext({
  controlId: 'RDS.11',
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
const base = {
  instanceId: 'orders-db',
  engine: 'postgres',
  scope: 'instance',
  targetId: 'orders-db',
  status: 'available',
  tags: {},
} as const;
const aurora = {
  ...base,
  engine: 'aurora-postgresql',
  clusterId: 'orders',
  scope: 'cluster',
  targetId: 'orders',
} as const;

describe('Control: RDS.11 plan', () => {
  it.each([
    ['backups off', { ...base, value: 0 }, 'changes'],
    ['1 day', { ...base, value: 1 }, 'changes'],
    ['7 days', { ...base, value: 7 }, 'compliant'],
    ['35 days (never lowered)', { ...base, value: 35 }, 'compliant'],
    ['7 days pending', { ...base, value: 0, pending: 7 }, 'compliant'],
    ['a read replica', { ...base, value: 0, readReplicaOf: 'orders-primary' }, 'refuse'],
  ])('%s: %s', (_name, state, kind) => {
    expect(rds_11.plan(state, context).kind).toBe(kind);
  });

  it('sets 7 days on the Aurora cluster', () => {
    expect(rds_11.plan({ ...aurora, value: 1 }, context)).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'rds:ModifyDBCluster',
          params: { scope: 'cluster', targetId: 'orders', params: { BackupRetentionPeriod: 7 } },
        },
      ],
      beforeImage: { before: 1, after: 7 },
    });
  });

  it('reads the retention RDS is about to apply, so a change in progress verifies', async () => {
    // Arrange
    const rds = mockClient(RDSClient);
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'orders-db',
          Engine: 'postgres',
          DBInstanceStatus: 'modifying',
          BackupRetentionPeriod: 0,
          PendingModifiedValues: { BackupRetentionPeriod: 7 },
        },
      ],
    });

    // Act
    const read = await rds_11.read(context);
    rds.restore();

    // Assert
    expect(read).toEqual({ kind: 'found', state: { ...base, status: 'modifying', value: 0, pending: 7 } });
    if (read.kind === 'found') {
      expect(rds_11.plan(read.state, context)).toEqual({
        kind: 'compliant',
        reason: expect.stringContaining('RDS is applying automated backups kept 7 days'),
      });
    }
  });
});

describe('Control: RDS.13 plan', () => {
  it.each([
    ['off', { ...base, value: false }, 'changes'],
    ['on', { ...base, value: true }, 'compliant'],
  ])('%s: %s', (_name, state, kind) => {
    expect(rds_13.plan(state, context).kind).toBe(kind);
  });

  it('modifies the cluster of a Multi-AZ DB cluster member', () => {
    expect(
      rds_13.plan(
        { ...base, clusterId: 'orders', scope: 'cluster', targetId: 'orders', value: false },
        context,
      ),
    ).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'rds:ModifyDBCluster', params: { params: { AutoMinorVersionUpgrade: true } } }],
    });
  });
});

describe('Control: RDS.17 plan', () => {
  it.each([
    ['off', { ...base, value: false }, 'changes'],
    ['on', { ...base, value: true }, 'compliant'],
    ['Aurora cluster off', { ...aurora, value: false }, 'changes'],
  ])('%s: %s', (_name, state, kind) => {
    expect(rds_17.plan(state, context).kind).toBe(kind);
  });

  it('rolls back only what SOAR set', () => {
    const rollback = rds_17.rollback;
    const before = {
      instanceId: 'orders-db',
      scope: 'instance',
      targetId: 'orders-db',
      before: false,
      after: true,
    } as const;
    expect(rollback?.plan(before, { ...base, value: true }, context)).toMatchObject({
      kind: 'changes',
      changes: [{ params: { params: { CopyTagsToSnapshot: false } } }],
    });
  });
});

describe('fromFinding: RDS.11, RDS.13, RDS.17', () => {
  const finding = (details: Record<string, unknown>) => ({
    ...context,
    resource: {
      ...context.resource,
      Details: { AwsRdsDbInstance: { Engine: 'postgres', DbInstanceStatus: 'available', ...details } },
    },
  });

  it('derives each setting from the finding of a standalone instance', () => {
    expect(rds_11.fromFinding?.(finding({ BackupRetentionPeriod: 0 }))).toMatchObject({
      kind: 'found',
      state: { value: 0 },
    });
    expect(rds_13.fromFinding?.(finding({ AutoMinorVersionUpgrade: false }))).toMatchObject({
      kind: 'found',
      state: { value: false },
    });
    expect(rds_17.fromFinding?.(finding({ CopyTagsToSnapshot: false }))).toMatchObject({
      kind: 'found',
      state: { value: false },
    });
  });

  it('is unknown for an Aurora member when the cluster holds the setting', () => {
    const member = finding({
      Engine: 'aurora-postgresql',
      DBClusterIdentifier: 'orders',
      BackupRetentionPeriod: 1,
      CopyTagsToSnapshot: false,
    });
    expect(rds_11.fromFinding?.(member).kind).toBe('unknown');
    expect(rds_17.fromFinding?.(member).kind).toBe('unknown');
  });
});
