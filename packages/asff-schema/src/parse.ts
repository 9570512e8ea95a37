import { type AwsSecurityFinding, AwsSecurityFindingSchema } from './finding/aws-security-finding';
import {
  type CloudWatchAlarmStateChangeEvent,
  CloudWatchAlarmStateChangeEventSchema,
} from './events/cloudwatch-alarm-state-change-event';
import { type SecurityHubEvent, SecurityHubEventSchema } from './events/security-hub-event';
import { type SafeParseResult, safeParseWith } from './internal/validation';

export type { SafeParseResult } from './internal/validation';

/**
 * Validates an ASFF finding without throwing, whatever the input.
 *
 * @returns `{ success: true, data }` with the finding (unknown fields kept), or
 * `{ success: false, error }` with an {@link AsffValidationError} that lists every failing field path.
 *
 * @example
 * ```ts
 * const result = safeParseFinding(JSON.parse(body));
 * if (!result.success) {
 *   logger.warn(result.error.message, { issues: result.error.issues });
 *   return;
 * }
 * console.log(result.data.Compliance?.SecurityControlId); // 'EC2.2'
 * ```
 */
export function safeParseFinding(input: unknown): SafeParseResult<AwsSecurityFinding> {
  return safeParseWith(AwsSecurityFindingSchema, input, 'ASFF finding');
}

/**
 * Validates an ASFF finding and returns it, unknown fields kept.
 *
 * @throws {@link AsffValidationError} when the input is not a valid finding; its message names the
 * failing field paths, such as `Severity.Label`.
 *
 * @example
 * ```ts
 * const finding = parseFinding(response.Findings[0]);
 * finding.Severity.Label; // 'HIGH'
 * ```
 */
export function parseFinding(input: unknown): AwsSecurityFinding {
  const result = safeParseFinding(input);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Tells whether a value is a valid ASFF finding.
 *
 * @example
 * ```ts
 * const findings = items.filter(isAsffFinding); // AwsSecurityFinding[]
 * ```
 */
export function isAsffFinding(value: unknown): value is AwsSecurityFinding {
  return safeParseFinding(value).success;
}

/**
 * Validates a Security Hub EventBridge event that carries findings, `Security Hub Findings - Imported`
 * or `Security Hub Findings - Custom Action`, without throwing, whatever the input.
 *
 * @example
 * ```ts
 * export const handler = async (event: unknown) => {
 *   const result = safeParseFindingsEvent(event);
 *   if (!result.success) {
 *     logger.error('Not a Security Hub findings event', { issues: result.error.issues });
 *     return;
 *   }
 *   for (const finding of result.data.detail.findings) {
 *     await triage(finding);
 *   }
 * };
 * ```
 */
export function safeParseFindingsEvent(input: unknown): SafeParseResult<SecurityHubEvent> {
  return safeParseWith(SecurityHubEventSchema, input, 'Security Hub findings event');
}

/**
 * Validates a Security Hub EventBridge event that carries findings and returns it, typed by its
 * `detail-type`.
 *
 * @throws {@link AsffValidationError} when the input is neither event; the message names the failing
 * paths, such as `detail.findings[0].AwsAccountId`.
 *
 * @example
 * ```ts
 * const event = parseFindingsEvent(input);
 * const [finding] = event.detail.findings;
 * if (event['detail-type'] === 'Security Hub Findings - Custom Action') {
 *   console.log(`${event.detail.actionName} on ${finding.Id}`);
 * }
 * ```
 */
export function parseFindingsEvent(input: unknown): SecurityHubEvent {
  const result = safeParseFindingsEvent(input);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Validates a `CloudWatch Alarm State Change` EventBridge event without throwing, whatever the input.
 *
 * @example
 * ```ts
 * const result = safeParseAlarmStateChangeEvent(event);
 * if (result.success && result.data.detail.state.value === 'ALARM') {
 *   await raiseFinding(result.data);
 * }
 * ```
 */
export function safeParseAlarmStateChangeEvent(
  input: unknown,
): SafeParseResult<CloudWatchAlarmStateChangeEvent> {
  return safeParseWith(CloudWatchAlarmStateChangeEventSchema, input, 'CloudWatch alarm state change event');
}

/**
 * Validates a `CloudWatch Alarm State Change` EventBridge event (metric, metric math, anomaly
 * detection, Metrics Insights or composite alarm) and returns it.
 *
 * @throws {@link AsffValidationError} when the input is not such an event.
 *
 * @example
 * ```ts
 * const { detail } = parseAlarmStateChangeEvent(event);
 * console.log(`${detail.alarmName}: ${detail.previousState.value} -> ${detail.state.value}`);
 * // ServerCpuTooHigh: OK -> ALARM
 * ```
 */
export function parseAlarmStateChangeEvent(input: unknown): CloudWatchAlarmStateChangeEvent {
  const result = safeParseAlarmStateChangeEvent(input);
  if (!result.success) throw result.error;
  return result.data;
}
