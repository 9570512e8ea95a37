/**
 * `@soar/soar-core-infra/config`: the parts of the soar-core app configuration that configure its
 * infrastructure (schedules, monitoring, the weekly report), kept with the constructs they configure.
 *
 * @packageDocumentation
 */
import { AiPromptOptionsSchema } from '@soar/ai-prompts';
import { BedrockConfigSchema } from '@soar/bedrock';
import * as z from 'zod';
import { AlarmsConfigSchema } from '@soar/constructs/monitoring';
import { DEFAULT_METRIC_NAMESPACE } from '@soar/scheduled-jobs/metric-names';
import { ScheduleExpressionSchema } from '@soar/constructs';

/**
 * When the scheduled jobs of the stack run (EventBridge schedule expressions).
 *
 * | Field | Default | Job |
 * |---|---|---|
 * | `syncControls` | `rate(1 hour)` | the enabled-controls sync: every active account's enabled Security Hub controls into the enabled-controls table |
 */
export const SchedulesConfigSchema = z.strictObject({
  syncControls: ScheduleExpressionSchema.default('rate(1 hour)'),
});
export type SchedulesConfig = z.infer<typeof SchedulesConfigSchema>;

/**
 * When the hourly tasks and the account cache refresh run. `hourly` is an EventBridge schedule expression (the
 * original's `cron(0 * * * ? *)` by default); the account cache refresh runs every
 * `accountRefreshHours` hours (default 6, as the original's `rate(6 hours)`).
 */
export const ScheduledJobsConfigSchema = z.strictObject({
  hourly: z
    .string()
    .regex(
      /^(cron\(\S+ \S+ \S+ \S+ \S+ \S+\)|rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\))$/,
      'must be an EventBridge schedule: cron(0 * * * ? *) or rate(1 hour)',
    )
    .default('cron(0 * * * ? *)'),
  accountRefreshHours: z.number().int().min(1).max(24).default(6),
});
export type ScheduledJobsConfig = z.infer<typeof ScheduledJobsConfigSchema>;

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

/**
 * The weekly AI security report: when it runs (an EventBridge schedule, Monday 01:00 UTC by default),
 * who receives it, how long the reports are kept in their bucket, and whether its title carries the
 * ISO week number.
 */
export const WeeklyReportConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  schedule: z
    .string()
    .regex(
      /^(cron\(\S+ \S+ \S+ \S+ \S+ \S+\)|rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\))$/,
      'must be an EventBridge schedule: cron(0 1 ? * MON *) or rate(7 days)',
    )
    .default('cron(0 1 ? * MON *)'),
  recipients: z.array(z.email('must be an email address')).default([]),
  retentionDays: z.number().int().min(1).max(3_650).default(365),
  isoWeekInTitle: z.boolean().default(true),
});
export type WeeklyReportConfig = z.infer<typeof WeeklyReportConfigSchema>;

/**
 * The AI section of SOAR's messages and the weekly report's prose: `provider` `bedrock` (Amazon
 * Bedrock, the default: `bedrock` says which model, `@soar/bedrock`), `local` (a labelled stand-in
 * that calls nothing) or `none`; `prompts` are `@soar/ai-prompts`' options (IaC flavour,
 * anonymisation, budgets). Without model access the messages go out saying the analysis is missing.
 */
export const AiConfigSchema = z.strictObject({
  provider: z.enum(['bedrock', 'local', 'none']).default('bedrock'),
  bedrock: BedrockConfigSchema.prefault({}),
  prompts: AiPromptOptionsSchema.prefault({}),
});
export type AiConfig = z.infer<typeof AiConfigSchema>;
