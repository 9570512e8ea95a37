import type { AwsSecurityFinding } from '@soar/asff-schema';
import * as z from 'zod';

import { EnrichmentInputError } from './errors';
import { firstIssue } from './options';

/** Types of a finding made from a CloudWatch alarm start with this (the suffix is the configured alarm type). */
export const ALARM_FINDING_TYPE_PREFIX = 'Software and Configuration Checks/CloudWatch Alarms/';

/**
 * What enrichment needs to know of the alarm: its name, account, region and state-change time, and
 * optionally the incident id (so the current incident is never counted as its own history) and the
 * resources the finding names (used when the alarm's configuration cannot be read). Values come from
 * findings, so every text is bounded.
 */
export const EnrichmentInputSchema = z.lazy(() =>
  z.strictObject({
    alarmName: z.string().trim().min(1).max(255),
    alarmArn: z.string().max(512).optional(),
    accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
    region: z
      .string()
      .regex(/^(?=.{1,30}$)[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/, 'must be a region name such as eu-west-1'),
    partition: z
      .string()
      .regex(/^aws(?:-[a-z0-9]+)*$/)
      .max(16)
      .default('aws'),
    /** An ISO 8601 time, with an offset (`Z`, `+00:00` or CloudWatch's `+0000`); kept as UTC ISO. */
    stateChangeTime: z
      .string()
      .max(64)
      .transform((value, context) => {
        const time = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
        if (!Number.isNaN(time.getTime())) return time.toISOString();
        context.addIssue({
          code: 'custom',
          message: 'must be an ISO 8601 time such as 2026-05-01T10:15:00Z',
        });
        return z.NEVER;
      }),
    incidentId: z.string().min(1).max(512).optional(),
    resourceArns: z.array(z.string().max(512)).max(32).default([]),
  }),
);

/** The input of enrichment, defaults applied; inferred from {@link EnrichmentInputSchema}. */
export type EnrichmentInput = z.infer<typeof EnrichmentInputSchema>;
/** The input of enrichment as written by a caller. */
export type EnrichmentInputData = z.input<typeof EnrichmentInputSchema>;

/**
 * Parses an enrichment input.
 *
 * @throws {EnrichmentInputError} naming the first bad field.
 *
 * @example
 * ```ts
 * parseEnrichmentInput({ alarmName: 'x', accountId: '111122223333', region: 'eu-west-1', stateChangeTime: '2026-05-01T10:15:00Z' });
 * ```
 */
export function parseEnrichmentInput(input: unknown): EnrichmentInput {
  const parsed = EnrichmentInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  throw new EnrichmentInputError('enrichment input', field, message, { cause: parsed.error });
}

const field = (finding: AwsSecurityFinding, key: string): string | undefined => {
  const value = finding.ProductFields?.[`soar/alarm/${key}`];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/**
 * The enrichment input of a finding made from a CloudWatch alarm (`@soar/alarms` puts the alarm's
 * facts in `ProductFields` under `soar/alarm/…`), or `undefined` for any other finding. A finding
 * whose type says "CloudWatch Alarms" counts, whatever the configured alarm type.
 *
 * @throws {EnrichmentInputError} when it is an alarm finding whose facts are malformed.
 *
 * @example
 * ```ts
 * const input = enrichmentInputFromFinding(finding);
 * if (input !== undefined) finding.enriched_context = await enrichAlarmContext(ports, input);
 * ```
 */
export function enrichmentInputFromFinding(finding: AwsSecurityFinding): EnrichmentInput | undefined {
  if (!finding.Types?.some((type) => type.startsWith(ALARM_FINDING_TYPE_PREFIX))) return undefined;
  const arnOf = (resource: { Id: string; Type: string }) =>
    resource.Type === 'AwsStepFunctionStateMachine' || resource.Type === 'AwsLambdaFunction'
      ? [resource.Id]
      : [];
  return parseEnrichmentInput({
    alarmName: field(finding, 'name') ?? finding.GeneratorId,
    alarmArn: field(finding, 'arn'),
    accountId: field(finding, 'account') ?? finding.AwsAccountId,
    region: field(finding, 'region') ?? finding.Region,
    partition: /^arn:([^:]+):/.exec(finding.ProductArn)?.[1],
    stateChangeTime: field(finding, 'stateTimestamp') ?? finding.FirstObservedAt ?? finding.CreatedAt,
    incidentId: finding.Id,
    resourceArns: (finding.Resources ?? []).flatMap(arnOf).slice(0, 32),
  });
}
