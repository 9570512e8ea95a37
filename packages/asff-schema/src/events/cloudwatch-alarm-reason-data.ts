import * as z from 'zod';

import { AwsTimestampSchema } from '../primitives';
import { CloudWatchAlarmStateValueSchema } from './cloudwatch-alarm-state-change-event';

/**
 * The decoded `reasonData` of a metric alarm state: the datapoints and thresholds that the last
 * evaluation compared. Anomaly detection alarms have `recentLowerThresholds` and
 * `recentUpperThresholds` instead of `threshold`.
 *
 * @example
 * ```ts
 * const data = CloudWatchMetricAlarmReasonDataSchema.parse({
 *   version: '1.0',
 *   queryDate: '2019-10-02T17:04:40.985+0000',
 *   startDate: '2019-10-02T16:59:00.000+0000',
 *   statistic: 'Average',
 *   period: 300,
 *   recentDatapoints: [99.50160229693434],
 *   threshold: 50.0,
 * });
 * data.recentDatapoints[0]; // 99.50160229693434
 * ```
 */
export const CloudWatchMetricAlarmReasonDataSchema = z.looseObject({
  version: z.string(),
  queryDate: AwsTimestampSchema,
  startDate: AwsTimestampSchema,
  statistic: z.string().optional(),
  unit: z.string().optional(),
  period: z.number(),
  recentDatapoints: z.array(z.number()),
  threshold: z.number().optional(),
  recentLowerThresholds: z.array(z.number()).optional(),
  recentUpperThresholds: z.array(z.number()).optional(),
});

/** The decoded `reasonData` of a metric alarm; inferred from {@link CloudWatchMetricAlarmReasonDataSchema}. */
export type CloudWatchMetricAlarmReasonData = z.infer<typeof CloudWatchMetricAlarmReasonDataSchema>;

/**
 * The decoded `reasonData` of a composite alarm state: the alarms of its rule whose states decided
 * this one.
 *
 * @example
 * ```ts
 * const data = CloudWatchCompositeAlarmReasonDataSchema.parse({
 *   triggeringAlarms: [
 *     {
 *       arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh',
 *       state: { value: 'ALARM', timestamp: '2022-07-22T15:57:45.394+0000' },
 *     },
 *   ],
 * });
 * data.triggeringAlarms[0]?.arn; // 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh'
 * ```
 */
export const CloudWatchCompositeAlarmReasonDataSchema = z.looseObject({
  triggeringAlarms: z.array(
    z.looseObject({
      arn: z.string(),
      state: z.looseObject({
        value: CloudWatchAlarmStateValueSchema,
        timestamp: AwsTimestampSchema,
      }),
    }),
  ),
});

/** The decoded `reasonData` of a composite alarm; inferred from {@link CloudWatchCompositeAlarmReasonDataSchema}. */
export type CloudWatchCompositeAlarmReasonData = z.infer<typeof CloudWatchCompositeAlarmReasonDataSchema>;

/** The decoded `reasonData` of an alarm state, tagged with the kind of alarm it belongs to. */
export type AlarmReasonData =
  | { readonly kind: 'composite'; readonly data: CloudWatchCompositeAlarmReasonData }
  | { readonly kind: 'metric'; readonly data: CloudWatchMetricAlarmReasonData };

/**
 * Decodes the `reasonData` string of an alarm `state` or `previousState`. Returns `undefined` when
 * it is absent, is not JSON, or matches neither documented shape; never throws.
 *
 * @example
 * ```ts
 * const event = parseAlarmStateChangeEvent(input);
 * const reason = parseAlarmReasonData(event.detail.state.reasonData);
 * if (reason?.kind === 'composite') {
 *   const arns = reason.data.triggeringAlarms.map((alarm) => alarm.arn);
 * } else if (reason?.kind === 'metric') {
 *   const latest = reason.data.recentDatapoints.at(-1);
 * }
 * ```
 */
export function parseAlarmReasonData(reasonData: string | undefined): AlarmReasonData | undefined {
  if (typeof reasonData !== 'string') return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(reasonData);
  } catch {
    return undefined;
  }
  const composite = CloudWatchCompositeAlarmReasonDataSchema.safeParse(decoded);
  if (composite.success) return { kind: 'composite', data: composite.data };
  const metric = CloudWatchMetricAlarmReasonDataSchema.safeParse(decoded);
  if (metric.success) return { kind: 'metric', data: metric.data };
  return undefined;
}
