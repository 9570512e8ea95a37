import * as z from 'zod';
import { booleanField } from '../finding';
import { rdsSettingControl, rdsSettingStateSchema } from './shared';

/**
 * Live state of RDS.17: the DB instance, or the cluster of an Aurora or Multi-AZ DB cluster member
 * (the cluster decides for its snapshots), and whether tags are copied to snapshots.
 *
 * @example
 * ```ts
 * Rds17StateSchema.parse({
 *   instanceId: 'orders-db-1', engine: 'aurora-postgresql', clusterId: 'orders', scope: 'cluster',
 *   targetId: 'orders', status: 'available', value: false, tags: {},
 * });
 * ```
 */
export const Rds17StateSchema = z.lazy(() => rdsSettingStateSchema(z.boolean()));

/** Live state of RDS.17; inferred from {@link Rds17StateSchema}. */
export type Rds17State = z.infer<typeof Rds17StateSchema>;

const says = (on: boolean) =>
  on ? 'copying of tags to snapshots turned on' : 'copying of tags to snapshots turned off';

/**
 * RDS.17: RDS DB instances should be configured to copy tags to snapshots. The fix turns
 * `CopyTagsToSnapshot` on: on a standalone instance, or on the cluster of an Aurora or Multi-AZ DB
 * cluster member (for Aurora the instance's own setting has no effect: the cluster decides). No
 * restart, no other effect.
 *
 * Unlike the original, the result says what was changed, a deleted instance is found by the describe
 * call, and nothing waits (a busy instance is reconsidered later).
 *
 * Rollback: copying off again, unless someone changed it since. From the finding:
 * `Details.AwsRdsDbInstance.CopyTagsToSnapshot` of a standalone instance; a cluster member is `unknown`.
 */
export const rds_17 = rdsSettingControl<boolean>({
  controlId: 'RDS.17',
  title: 'RDS DB instances should be configured to copy tags to snapshots',
  fix: 'Turns on copying of tags to snapshots, on the DB instance or on the cluster that takes its snapshots (Aurora, Multi-AZ DB cluster).',
  auroraScope: 'cluster',
  valueSchema: () => z.boolean(),
  stateSchema: Rds17StateSchema,
  read: (source) => ({ value: source.CopyTagsToSnapshot === true }),
  fromDetails: (details) => booleanField(details, 'CopyTagsToSnapshot'),
  decide: (on) => (on ? { kind: 'passes' } : { kind: 'set', to: true }),
  params: (_from, to) => ({ CopyTagsToSnapshot: to }),
  says,
  actionsRequired: 'Set CopyTagsToSnapshot in the template that created the database.',
});
