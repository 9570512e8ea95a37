import { DEFAULT_METRIC_NAMESPACE } from '@soar/scheduled-jobs/metric-names';
import * as z from 'zod';

/**
 * Where SOAR's alarms notify, besides becoming findings through alarms-to-sechub: an existing SNS
 * topic, or a topic the stack creates with these email subscribers (not both: one topic receives
 * every alarm).
 *
 * @example
 * ```yaml
 * alarms:
 *   email: [secops@example.com]
 * ```
 */
export const AlarmsConfigSchema = z
  .strictObject({
    snsTopicArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'must be an SNS topic ARN')
      .optional(),
    email: z.array(z.email()).min(1).optional(),
  })
  .refine((alarms) => alarms.snsTopicArn === undefined || alarms.email === undefined, {
    message: 'set snsTopicArn or email, not both (subscribe the addresses to the existing topic)',
    path: ['email'],
  });
export type AlarmsConfig = z.infer<typeof AlarmsConfigSchema>;

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

/** The monitoring fields of the app configuration (spread into it, so they sit at its top level). */
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
