import { AlarmsConfigSchema } from '@soar/constructs/monitoring';
import { DEFAULT_METRIC_NAMESPACE } from '@soar/scheduled-jobs/metric-names';
import * as z from 'zod';

const dashboardName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,255}$/, 'must be a dashboard name (letters, digits, "-" and "_")');

/**
 * The two CloudWatch dashboards: security status (the statistics) and execution (the workflows).
 * Dashboard names are global in an account, so the default names end with the stack's region
 * (`<stackName>-Security-Status-<region>`, `<stackName>-Execution-<region>`): SOAR deployed in two
 * regions has two pairs.
 */
export const DashboardsConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  securityStatusName: dashboardName.optional(),
  executionName: dashboardName.optional(),
});
export type DashboardsConfig = z.infer<typeof DashboardsConfigSchema>;

/**
 * The monitoring fields of the app configuration (spread into it, so they sit at its top level).
 * `alarms`: an existing SNS topic every SOAR alarm notifies, or a new one with email subscribers
 * (`AlarmsConfigSchema` of `@soar/constructs/monitoring`).
 */
export const MonitoringConfigShape = {
  /** The namespace the statistics are published in and the security status dashboard reads. */
  metricNamespace: z
    .string()
    .regex(/^[A-Za-z0-9._#:/-]{1,255}$/, 'must be a CloudWatch namespace')
    .refine((namespace) => !namespace.startsWith('AWS/'), 'must not start with "AWS/" (reserved)')
    .default(DEFAULT_METRIC_NAMESPACE),
  alarms: AlarmsConfigSchema.prefault({}),
  dashboards: DashboardsConfigSchema.prefault({}),
};
