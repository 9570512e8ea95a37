import * as z from 'zod';
import { booleanField } from '../finding';
import { rdsSettingControl, rdsSettingStateSchema, type RdsSettingState } from './shared';

/**
 * Live state of RDS.2: the DB instance (or, for a Multi-AZ DB cluster member, its cluster) and
 * whether it is publicly accessible (`PubliclyAccessible`).
 *
 * @example
 * ```ts
 * Rds2StateSchema.parse({
 *   instanceId: 'orders-db', engine: 'postgres', scope: 'instance', targetId: 'orders-db',
 *   status: 'available', value: true, tags: {},
 * });
 * ```
 */
export const Rds2StateSchema = z.lazy(() => rdsSettingStateSchema(z.boolean()));

/** Live state of RDS.2; inferred from {@link Rds2StateSchema}. */
export type Rds2State = z.infer<typeof Rds2StateSchema>;

const says = (open: boolean) => (open ? 'public access turned on' : 'public access turned off');

/**
 * RDS.2: RDS DB instances should prohibit public access. The fix sets `PubliclyAccessible` to false:
 * on the instance itself (also for Aurora members, where each instance has its own setting), or on
 * the cluster of a Multi-AZ DB cluster member (where the cluster holds it). The DNS name then
 * resolves to the private address; clients outside the VPC lose access, which is the point.
 *
 * Unlike the original, the result says what was changed (the original reported "None." after a
 * successful change), a deleted instance is found by the describe call (no waiter that fails
 * first), and nothing waits: a busy instance is reconsidered later, and a change RDS is still
 * applying verifies as pending.
 *
 * Rollback: public access on again, unless someone changed the setting since.
 *
 * From the finding: `Details.AwsRdsDbInstance` (`PubliclyAccessible`, `Engine`, `DbInstanceStatus`,
 * `DBClusterIdentifier`); a Multi-AZ DB cluster member is `unknown` (the cluster holds the setting).
 */
export const rds_2 = rdsSettingControl<boolean>({
  controlId: 'RDS.2',
  title:
    'RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration',
  fix: 'Turns off public access of the DB instance (of its cluster for a Multi-AZ DB cluster member), applied immediately without a reboot.',
  auroraScope: 'instance',
  valueSchema: () => z.boolean(),
  stateSchema: Rds2StateSchema,
  read: (source) => ({ value: source.PubliclyAccessible === true }),
  fromDetails: (details) => booleanField(details, 'PubliclyAccessible'),
  decide: (open: boolean, _state: RdsSettingState<boolean>) =>
    open ? { kind: 'set', to: false } : { kind: 'passes' },
  params: (_from, to) => ({ PubliclyAccessible: to }),
  says,
  actionsRequired:
    'Clients outside the VPC can no longer reach the database. Reach it through the VPC (VPN, bastion, peering), ' +
    'and set PubliclyAccessible to false in the template that created it.',
});
