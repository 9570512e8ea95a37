import * as z from 'zod';
import { rdsSettingControl, rdsSettingStateSchema } from './shared';

/** The retention, in days, that Security Hub's RDS.11 asks for at least, and that the fix sets. */
export const RDS_11_RETENTION_DAYS = 7;

/**
 * Live state of RDS.11: the DB instance (or the cluster that keeps its backups) and its automated
 * backup retention in days (`BackupRetentionPeriod`, 0 when backups are off).
 *
 * @example
 * ```ts
 * Rds11StateSchema.parse({
 *   instanceId: 'orders-db', engine: 'postgres', scope: 'instance', targetId: 'orders-db',
 *   status: 'available', value: 0, tags: {},
 * });
 * ```
 */
export const Rds11StateSchema = z.lazy(() => rdsSettingStateSchema(z.number().int().min(0)));

/** Live state of RDS.11; inferred from {@link Rds11StateSchema}. */
export type Rds11State = z.infer<typeof Rds11StateSchema>;

const says = (days: number) =>
  days === 0 ? 'automated backups turned off' : `automated backups kept ${days} days`;

/**
 * RDS.11: RDS instances should have automatic backups enabled. The fix sets the backup retention to
 * 7 days where it is shorter (a longer one passes and is never lowered): on a standalone instance, or
 * on the cluster of an Aurora or Multi-AZ DB cluster member, where the cluster keeps the backups.
 * Read replicas are left alone (backups are taken on their source). Turning backups on from 0 takes a
 * first backup at once, with a short I/O pause on single-AZ instances.
 *
 * Unlike the original, the result says what was changed, a deleted instance is found by the describe
 * call, and nothing waits: a busy instance is reconsidered later, and RDS's pending retention verifies.
 *
 * Rollback: the retention of before the fix again (backups off again when they were off), unless
 * someone changed it since. From the finding: `Details.AwsRdsDbInstance.BackupRetentionPeriod` of a
 * standalone instance; a cluster member is `unknown`.
 */
export const rds_11 = rdsSettingControl<number>({
  controlId: 'RDS.11',
  title: 'RDS instances should have automatic backups enabled',
  fix: `Sets the automated backup retention to ${RDS_11_RETENTION_DAYS} days where it is shorter, on the DB instance or on the cluster that keeps its backups (Aurora, Multi-AZ DB cluster).`,
  auroraScope: 'cluster',
  valueSchema: () => z.number().int().min(0),
  stateSchema: Rds11StateSchema,
  read: (source) => {
    const pending =
      'PendingModifiedValues' in source ? source.PendingModifiedValues?.BackupRetentionPeriod : undefined;
    return { value: source.BackupRetentionPeriod ?? 0, ...(pending === undefined ? {} : { pending }) };
  },
  fromDetails: (details) => {
    const days = details['BackupRetentionPeriod'];
    return typeof days === 'number' ? days : undefined;
  },
  decide: (days, state) => {
    if (days >= RDS_11_RETENTION_DAYS) return { kind: 'passes' };
    if (state.readReplicaOf !== undefined) {
      return {
        kind: 'refuse',
        reason: `The DB instance ${state.instanceId} is a read replica of ${state.readReplicaOf}: backups are taken on the source, so SOAR leaves the replica alone.`,
      };
    }
    return { kind: 'set', to: RDS_11_RETENTION_DAYS };
  },
  params: (_from, to) => ({ BackupRetentionPeriod: to }),
  says,
  actionsRequired:
    'Backups cost storage beyond the free allowance. Set the backup retention in the template that created the database, ' +
    'so the next deployment does not turn it back.',
});
