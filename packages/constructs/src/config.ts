import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';

/** The retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = Object.values(RetentionDays).filter(
  (days): days is RetentionDays => typeof days === 'number',
);

/**
 * An app configuration's log retention: one of the periods CloudWatch Logs accepts (any other value
 * would fail the deployment, so it fails the synth instead), 30 days by default.
 *
 * @example
 * ```ts
 * const AppConfigSchema = z.strictObject({ logRetentionDays: LogRetentionDaysSchema });
 * ```
 */
export const LogRetentionDaysSchema = z
  .number()
  .refine((days): days is RetentionDays => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    message: `must be one of ${LOG_RETENTION_DAYS.join(', ')} (the retention periods CloudWatch Logs accepts)`,
  })
  .default(RetentionDays.ONE_MONTH);
