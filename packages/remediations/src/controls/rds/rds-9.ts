import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import * as z from 'zod';
import { rdsSettingControl, rdsSettingStateSchema } from './shared';

/**
 * The log types Security Hub's RDS.9 expects each engine to publish to CloudWatch Logs. An engine
 * not listed here (e.g. Db2) is refused: SOAR does not guess which logs it should publish.
 */
export const RDS_9_LOG_TYPES: Readonly<Record<string, readonly string[]>> = {
  postgres: ['postgresql', 'upgrade'],
  'aurora-postgresql': ['postgresql'],
  mysql: ['audit', 'error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  aurora: ['audit', 'error', 'general', 'slowquery'],
  'aurora-mysql': ['audit', 'error', 'general', 'slowquery'],
  'oracle-ee': ['alert', 'audit', 'listener', 'trace'],
  'oracle-ee-cdb': ['alert', 'audit', 'listener', 'trace'],
  'oracle-se2': ['alert', 'audit', 'listener', 'trace'],
  'oracle-se2-cdb': ['alert', 'audit', 'listener', 'trace'],
  'sqlserver-ee': ['agent', 'error'],
  'sqlserver-se': ['agent', 'error'],
  'sqlserver-ex': ['agent', 'error'],
  'sqlserver-web': ['agent', 'error'],
};

/**
 * Live state of RDS.9: the DB instance (or the cluster of an Aurora or Multi-AZ DB cluster member,
 * which publishes the logs) and the log types it exports to CloudWatch Logs, sorted.
 *
 * @example
 * ```ts
 * Rds9StateSchema.parse({
 *   instanceId: 'orders-db', engine: 'postgres', scope: 'instance', targetId: 'orders-db',
 *   status: 'available', value: ['postgresql'], tags: {},
 * });
 * ```
 */
export const Rds9StateSchema = z.lazy(() => rdsSettingStateSchema(z.array(z.string()).readonly()));

/** Live state of RDS.9; inferred from {@link Rds9StateSchema}. */
export type Rds9State = z.infer<typeof Rds9StateSchema>;

const sorted = (types: Iterable<string>): readonly string[] => [...new Set(types)].sort();
const says = (types: readonly string[]) =>
  types.length === 0
    ? 'no logs published to CloudWatch Logs'
    : `the ${types.join(', ')} logs published to CloudWatch Logs`;

/** The exported log types after RDS applies its pending change, when one is pending. */
function pendingOf(source: DBInstance | DBCluster, value: readonly string[]): readonly string[] | undefined {
  const pending = source.PendingModifiedValues?.PendingCloudwatchLogsExports;
  if (pending === undefined) return undefined;
  const disable = new Set(pending.LogTypesToDisable ?? []);
  return sorted([...value, ...(pending.LogTypesToEnable ?? [])].filter((type) => !disable.has(type)));
}

/**
 * RDS.9: RDS DB instances should publish logs to CloudWatch Logs. The fix adds the log types the
 * engine should publish (see {@link RDS_9_LOG_TYPES}) to the exports of the instance, or of the
 * cluster of an Aurora or Multi-AZ DB cluster member (the cluster publishes them); exports already on
 * stay on. RDS applies it without a reboot.
 *
 * Unlike the original, SOAR never replaces the parameter group (the original swapped it for a copy
 * of the engine defaults, losing every custom parameter such as `rds.force_ssl`) and never reboots
 * (the original rebooted right after the change, which failed on the instance still modifying).
 * What the logs contain is left to the parameter group the team owns: actionsRequired says which
 * parameters to look at, and changing them is theirs to plan with any reboot it needs.
 *
 * Rollback: stops exporting the log types SOAR added, unless the exports changed since. From the
 * finding: `Details.AwsRdsDbInstance.EnabledCloudWatchLogsExports` of a standalone instance.
 */
export const rds_9 = rdsSettingControl<readonly string[]>({
  controlId: 'RDS.9',
  title: 'RDS DB instances should publish logs to CloudWatch Logs',
  fix: 'Adds the log types the engine should publish to the CloudWatch Logs exports of the DB instance, or of its cluster (Aurora, Multi-AZ DB cluster); no parameter group change, no reboot.',
  auroraScope: 'cluster',
  valueSchema: () => z.array(z.string()).readonly(),
  stateSchema: Rds9StateSchema,
  read: (source) => {
    const value = sorted(source.EnabledCloudwatchLogsExports ?? []);
    const pending = pendingOf(source, value);
    return { value, ...(pending === undefined ? {} : { pending }) };
  },
  fromDetails: (details) => {
    const types = details['EnabledCloudWatchLogsExports'];
    if (types === undefined) return [];
    return Array.isArray(types) && types.every((t) => typeof t === 'string') ? sorted(types) : undefined;
  },
  decide: (types, state) => {
    const required = RDS_9_LOG_TYPES[state.engine];
    if (required === undefined) {
      return {
        kind: 'refuse',
        reason: `SOAR does not know which logs the ${state.engine} engine of ${state.instanceId} should publish, so it changed nothing.`,
      };
    }
    const missing = required.filter((type) => !types.includes(type));
    return missing.length === 0 ? { kind: 'passes' } : { kind: 'set', to: sorted([...types, ...required]) };
  },
  params: (from, to) => {
    const enable = to.filter((type) => !from.includes(type));
    const disable = from.filter((type) => !to.includes(type));
    return {
      CloudwatchLogsExportConfiguration: {
        ...(enable.length === 0 ? {} : { EnableLogTypes: [...enable] }),
        ...(disable.length === 0 ? {} : { DisableLogTypes: [...disable] }),
      },
    };
  },
  says,
  actionsRequired:
    'CloudWatch Logs charges for the logs. What they contain follows your parameter group (for PostgreSQL e.g. log_statement and ' +
    'log_min_duration_statement, for MySQL general_log and slow_query_log with log_output FILE); SOAR did not change it. ' +
    'Set the exports in the template that created the database.',
});
