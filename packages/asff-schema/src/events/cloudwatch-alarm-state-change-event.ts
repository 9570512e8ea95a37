import * as z from 'zod';

import { AwsTimestampSchema, NonBlankStringSchema, StringMapSchema } from '../primitives';
import { EventBridgeEventSchema } from './eventbridge-event';

/** An alarm state: `OK`, `ALARM` or `INSUFFICIENT_DATA`. */
export const CloudWatchAlarmStateValueSchema = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']);

/** An alarm state value; inferred from {@link CloudWatchAlarmStateValueSchema}. */
export type CloudWatchAlarmStateValue = z.infer<typeof CloudWatchAlarmStateValueSchema>;

/**
 * The `state` and `previousState` of an alarm state change event.
 *
 * `reasonData` is a JSON document encoded as a string, kept as AWS sent it: read it with
 * {@link parseAlarmReasonData}. Composite alarms add `actionsSuppressedBy` and
 * `actionsSuppressedReason` while their actions are suppressed.
 *
 * @see {@link https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html | Alarm events and EventBridge}
 *
 * @example
 * ```ts
 * const state = CloudWatchAlarmStateSchema.parse({
 *   value: 'ALARM',
 *   reason: 'Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434 (02/10/19 16:59:00)] was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).',
 *   reasonData: '{"version":"1.0","queryDate":"2019-10-02T17:04:40.985+0000","startDate":"2019-10-02T16:59:00.000+0000","statistic":"Average","period":300,"recentDatapoints":[99.50160229693434],"threshold":50.0}',
 *   timestamp: '2019-10-02T17:04:40.989+0000',
 * });
 * state.value; // 'ALARM'
 * ```
 */
export const CloudWatchAlarmStateSchema = z.looseObject({
  value: CloudWatchAlarmStateValueSchema,
  reason: z.string(),
  reasonData: z.string().optional(),
  timestamp: AwsTimestampSchema,
  actionsSuppressedBy: z.enum(['WaitPeriod', 'ExtensionPeriod', 'Alarm']).optional(),
  actionsSuppressedReason: z.string().optional(),
});

/** An alarm `state` or `previousState`; inferred from {@link CloudWatchAlarmStateSchema}. */
export type CloudWatchAlarmState = z.infer<typeof CloudWatchAlarmStateSchema>;

/**
 * An entry of `configuration.metrics`, in the camel case of the event (the API's `MetricDataQuery`):
 * either a metric (`metricStat`) or an expression over other entries (`expression`: metric math,
 * anomaly detection bands, Metrics Insights queries). `returnData` marks the entry the alarm watches.
 *
 * @see {@link https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html | MetricDataQuery (Amazon CloudWatch API Reference)}
 *
 * @example
 * ```ts
 * const query = CloudWatchAlarmMetricDataQuerySchema.parse({
 *   id: 'm1',
 *   metricStat: {
 *     metric: { namespace: 'AWS/EC2', name: 'NetworkIn', dimensions: { InstanceId: 'i-12345678901234567' } },
 *     period: 300,
 *     stat: 'Maximum',
 *   },
 *   returnData: false,
 * });
 * query.metricStat?.metric.dimensions?.InstanceId; // 'i-12345678901234567'
 * ```
 */
export const CloudWatchAlarmMetricDataQuerySchema = z
  .looseObject({
    id: NonBlankStringSchema,
    metricStat: z
      .looseObject({
        metric: z.looseObject({
          namespace: z.string(),
          name: z.string(),
          dimensions: StringMapSchema.optional(),
        }),
        period: z.int().positive(),
        stat: z.string(),
        unit: z.string().optional(),
      })
      .optional(),
    expression: z.string().optional(),
    label: z.string().optional(),
    returnData: z.boolean().optional(),
    period: z.int().positive().optional(),
    accountId: z.string().optional(),
  })
  .refine((query) => query.metricStat !== undefined || query.expression !== undefined, {
    message: 'A metric query needs a metricStat or an expression',
    path: ['metricStat'],
  });

/** An entry of `configuration.metrics`; inferred from {@link CloudWatchAlarmMetricDataQuerySchema}. */
export type CloudWatchAlarmMetricDataQuery = z.infer<typeof CloudWatchAlarmMetricDataQuerySchema>;

/**
 * The `configuration` of a metric alarm: a single metric, metric math, anomaly detection or a
 * Metrics Insights query, all written as `metrics` entries.
 *
 * @see {@link https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html | Alarm events and EventBridge}
 *
 * @example
 * ```ts
 * const configuration = CloudWatchMetricAlarmConfigurationSchema.parse({
 *   description: 'Goes into alarm if total network traffic exceeds 10Kb',
 *   metrics: [
 *     { id: 'e1', expression: 'SUM(METRICS())', label: 'Total Network Traffic', returnData: true },
 *     { id: 'm1', metricStat: { metric: { namespace: 'AWS/EC2', name: 'NetworkIn', dimensions: { InstanceId: 'i-12345678901234567' } }, period: 300, stat: 'Maximum' }, returnData: false },
 *   ],
 * });
 * configuration.metrics[0]?.expression; // 'SUM(METRICS())'
 * ```
 */
export const CloudWatchMetricAlarmConfigurationSchema = z.looseObject({
  description: z.string().optional(),
  metrics: z
    .array(CloudWatchAlarmMetricDataQuerySchema)
    .min(1, { message: 'metrics must hold at least one metric query' }),
});

/** The `configuration` of a metric alarm; inferred from {@link CloudWatchMetricAlarmConfigurationSchema}. */
export type CloudWatchMetricAlarmConfiguration = z.infer<typeof CloudWatchMetricAlarmConfigurationSchema>;

/**
 * The `configuration` of a composite alarm: its rule over other alarms, and the optional actions
 * suppressor with its wait and extension periods (in seconds).
 *
 * @see {@link https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html | Composite alarms}
 *
 * @example
 * ```ts
 * const configuration = CloudWatchCompositeAlarmConfigurationSchema.parse({
 *   alarmRule: 'ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)',
 *   actionsSuppressor: 'ServiceMaintenanceAlarm',
 *   actionsSuppressorWaitPeriod: 120,
 *   actionsSuppressorExtensionPeriod: 180,
 * });
 * configuration.actionsSuppressor; // 'ServiceMaintenanceAlarm'
 * ```
 */
export const CloudWatchCompositeAlarmConfigurationSchema = z.looseObject({
  description: z.string().optional(),
  alarmRule: NonBlankStringSchema,
  actionsSuppressor: z.string().optional(),
  actionsSuppressorWaitPeriod: z.int().nonnegative().optional(),
  actionsSuppressorExtensionPeriod: z.int().nonnegative().optional(),
});

/** The `configuration` of a composite alarm; inferred from {@link CloudWatchCompositeAlarmConfigurationSchema}. */
export type CloudWatchCompositeAlarmConfiguration = z.infer<
  typeof CloudWatchCompositeAlarmConfigurationSchema
>;

/**
 * The `configuration` of any alarm: {@link CloudWatchMetricAlarmConfigurationSchema} (it has
 * `metrics`) or {@link CloudWatchCompositeAlarmConfigurationSchema} (it has `alarmRule`). Tell them
 * apart with {@link isCompositeAlarmConfiguration}.
 */
export const CloudWatchAlarmConfigurationSchema = z.union([
  CloudWatchMetricAlarmConfigurationSchema,
  CloudWatchCompositeAlarmConfigurationSchema,
]);

/** The `configuration` of any alarm; inferred from {@link CloudWatchAlarmConfigurationSchema}. */
export type CloudWatchAlarmConfiguration = z.infer<typeof CloudWatchAlarmConfigurationSchema>;

/**
 * Tells a composite alarm's configuration from a metric alarm's.
 *
 * @example
 * ```ts
 * const { configuration } = parseAlarmStateChangeEvent(input).detail;
 * if (isCompositeAlarmConfiguration(configuration)) {
 *   console.log(configuration.alarmRule); // 'ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)'
 * } else {
 *   console.log(configuration.metrics.length);
 * }
 * ```
 */
export function isCompositeAlarmConfiguration(
  configuration: CloudWatchAlarmConfiguration,
): configuration is CloudWatchCompositeAlarmConfiguration {
  return typeof configuration.alarmRule === 'string';
}

/**
 * The `CloudWatch Alarm State Change` event: CloudWatch sends one each time an alarm changes state.
 * It covers the documented kinds of alarm: single metric, metric math, anomaly detection, Metrics
 * Insights (multi time series) and composite alarms. Optional parts that CloudWatch adds in some cases,
 * `muteDetail` (an alarm mute rule is active) and `alarmTags` / `alarmTagsStatus` (tag propagation),
 * are typed too.
 *
 * @see {@link https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html | Alarm events and EventBridge}
 *
 * @example
 * ```ts
 * const event = CloudWatchAlarmStateChangeEventSchema.parse({
 *   version: '0',
 *   id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
 *   'detail-type': 'CloudWatch Alarm State Change',
 *   source: 'aws.cloudwatch',
 *   account: '123456789012',
 *   time: '2019-10-02T17:04:40Z',
 *   region: 'us-east-1',
 *   resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh'],
 *   detail: {
 *     alarmName: 'ServerCpuTooHigh',
 *     configuration: {
 *       description: 'Goes into alarm when server CPU utilization is too high!',
 *       metrics: [
 *         {
 *           id: '30b6c6b2-a864-43a2-4877-c09a1afc3b87',
 *           metricStat: {
 *             metric: { dimensions: { InstanceId: 'i-12345678901234567' }, name: 'CPUUtilization', namespace: 'AWS/EC2' },
 *             period: 300,
 *             stat: 'Average',
 *           },
 *           returnData: true,
 *         },
 *       ],
 *     },
 *     previousState: { reason: 'Threshold Crossed: ...', timestamp: '2019-10-01T13:56:40.987+0000', value: 'OK' },
 *     state: { reason: 'Threshold Crossed: ...', timestamp: '2019-10-02T17:04:40.989+0000', value: 'ALARM' },
 *   },
 * });
 * event.detail.state.value; // 'ALARM'
 * ```
 */
export const CloudWatchAlarmStateChangeEventSchema = EventBridgeEventSchema.extend({
  source: z.literal('aws.cloudwatch'),
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  detail: z.looseObject({
    alarmName: NonBlankStringSchema,
    state: CloudWatchAlarmStateSchema,
    previousState: CloudWatchAlarmStateSchema,
    configuration: CloudWatchAlarmConfigurationSchema,
    muteDetail: z
      .looseObject({
        mutedByArn: z.string(),
        muteWindowStart: AwsTimestampSchema.optional(),
        muteWindowEnd: AwsTimestampSchema.optional(),
      })
      .optional(),
    alarmTags: StringMapSchema.optional(),
    alarmTagsStatus: z.string().optional(),
  }),
});

/** A `CloudWatch Alarm State Change` event; inferred from {@link CloudWatchAlarmStateChangeEventSchema}. */
export type CloudWatchAlarmStateChangeEvent = z.infer<typeof CloudWatchAlarmStateChangeEventSchema>;
