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

/**
 * An app configuration's organization: SOAR assumes the member role only in accounts of this
 * organization (`aws:ResourceOrgID`).
 *
 * @example
 * ```ts
 * const AppConfigSchema = z
 *   .strictObject({ organizationId: OrganizationIdSchema, allowAnyOrganization: AllowAnyOrganizationSchema })
 *   .superRefine(checkOrganization);
 * ```
 */
export const OrganizationIdSchema = z
  .string()
  .regex(/^o-[a-z0-9]{10,32}$/, 'must be an organization id (o-…)')
  .optional();

/**
 * The explicit opt-in to deploy without an organization id: the member role may then be assumed in
 * any account whose role trusts the SOAR account. Off by default.
 */
export const AllowAnyOrganizationSchema = z.boolean().default(false);

/** What {@link checkOrganization} says when neither field is set (the field name comes first). */
export const MISSING_ORGANIZATION =
  'is not set. Set it to your organization id (o-…) so that the member role is assumed only in ' +
  "your organization's accounts, or set allowAnyOrganization: true to allow any account whose role " +
  'trusts this one.';

/**
 * Checks that a configuration either names its organization or opts in to any organization, and not
 * both: without either the organization condition would silently vanish.
 *
 * @example
 * ```ts
 * z.strictObject({ organizationId: OrganizationIdSchema, allowAnyOrganization: AllowAnyOrganizationSchema })
 *   .superRefine(checkOrganization)
 *   .safeParse({}); // issue at organizationId: 'is not set. Set it to your organization id (o-…) ...'
 * ```
 */
export function checkOrganization(
  config: { readonly organizationId?: string | undefined; readonly allowAnyOrganization: boolean },
  context: z.RefinementCtx,
): void {
  if (config.organizationId === undefined && !config.allowAnyOrganization) {
    context.addIssue({ code: 'custom', path: ['organizationId'], message: MISSING_ORGANIZATION });
  }
  if (config.organizationId !== undefined && config.allowAnyOrganization) {
    context.addIssue({
      code: 'custom',
      path: ['allowAnyOrganization'],
      message: 'cannot be true together with organizationId: remove one of them.',
    });
  }
}

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
