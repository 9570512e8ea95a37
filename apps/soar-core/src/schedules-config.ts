import { ScheduleExpressionSchema } from '@soar/constructs';
import * as z from 'zod';

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
