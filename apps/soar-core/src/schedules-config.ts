import * as z from 'zod';

const RATE = /^rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)$/;
const CRON = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/;

/**
 * An EventBridge schedule expression: `rate(1 hour)`, `rate(30 minutes)` (singular unit for 1, plural
 * otherwise, as EventBridge requires) or a six-field `cron(minutes hours day-of-month month
 * day-of-week year)` with `?` in one of the two day fields.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
export const ScheduleExpressionSchema = z.string().superRefine((value, context) => {
  if (RATE.test(value)) return;
  const cron = CRON.exec(value);
  if (cron === null) {
    context.addIssue({
      code: 'custom',
      message: `"${value}" is not a schedule: use rate(1 hour), rate(30 minutes) or cron(0 * * * ? *)`,
    });
    return;
  }
  if (cron[3] !== '?' && cron[5] !== '?') {
    context.addIssue({
      code: 'custom',
      message: `"${value}": one of day-of-month and day-of-week must be ?, e.g. cron(0 * * * ? *)`,
    });
  }
});

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
