import * as z from 'zod';
import { booleanField } from '../finding';
import { rdsSettingControl, rdsSettingStateSchema } from './shared';

/**
 * Live state of RDS.13: the DB instance (or the cluster of a Multi-AZ DB cluster member) and whether
 * minor engine versions are upgraded automatically (`AutoMinorVersionUpgrade`).
 *
 * @example
 * ```ts
 * Rds13StateSchema.parse({
 *   instanceId: 'orders-db', engine: 'mysql', scope: 'instance', targetId: 'orders-db',
 *   status: 'available', value: false, tags: {},
 * });
 * ```
 */
export const Rds13StateSchema = z.lazy(() => rdsSettingStateSchema(z.boolean()));

/** Live state of RDS.13; inferred from {@link Rds13StateSchema}. */
export type Rds13State = z.infer<typeof Rds13StateSchema>;

const says = (on: boolean) =>
  on ? 'automatic minor version upgrades turned on' : 'automatic minor version upgrades turned off';

/**
 * RDS.13: RDS automatic minor version upgrades should be enabled. The fix turns
 * `AutoMinorVersionUpgrade` on: on the instance (Aurora members too: each has its own setting), or on
 * the cluster of a Multi-AZ DB cluster member. Nothing restarts now; RDS upgrades the minor version in
 * a later maintenance window (a short restart then).
 *
 * Unlike the original, the result says what was changed, a deleted instance is found by the describe
 * call, and nothing waits (a busy instance is reconsidered later).
 *
 * Rollback: the setting off again, unless someone changed it since. From the finding:
 * `Details.AwsRdsDbInstance.AutoMinorVersionUpgrade`; a Multi-AZ DB cluster member is `unknown`.
 */
export const rds_13 = rdsSettingControl<boolean>({
  controlId: 'RDS.13',
  title: 'RDS automatic minor version upgrades should be enabled',
  fix: 'Turns on automatic minor version upgrades of the DB instance (of its cluster for a Multi-AZ DB cluster member); upgrades happen in the maintenance window.',
  auroraScope: 'instance',
  valueSchema: () => z.boolean(),
  stateSchema: Rds13StateSchema,
  read: (source) => ({ value: source.AutoMinorVersionUpgrade === true }),
  fromDetails: (details) => booleanField(details, 'AutoMinorVersionUpgrade'),
  decide: (on) => (on ? { kind: 'passes' } : { kind: 'set', to: true }),
  params: (_from, to) => ({ AutoMinorVersionUpgrade: to }),
  says,
  actionsRequired:
    'RDS restarts the database briefly when it upgrades the minor version in the maintenance window; check that the window suits you, ' +
    'and set AutoMinorVersionUpgrade in the template that created the database.',
});
