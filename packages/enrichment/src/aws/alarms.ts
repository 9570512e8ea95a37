import {
  DescribeAlarmsCommand,
  type CloudWatchClient,
  type Dimension,
  type MetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';

import type { AlarmDescription, AlarmMetric, AlarmSource } from '../ports';

/** `DescribeAlarms` takes at most 100 names; its pages hold at most 100 alarms. */
const MAX_NAMES = 100;
const MAX_PAGES = 3;

function dimensionsOf(dimensions: readonly Dimension[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { Name, Value } of dimensions ?? [])
    if (Name !== undefined && Value !== undefined) map[Name] = Value;
  return map;
}

function queryOf(query: MetricDataQuery): AlarmMetric {
  const metric = query.MetricStat?.Metric;
  return {
    id: query.Id,
    namespace: metric?.Namespace,
    metricName: metric?.MetricName,
    dimensions: dimensionsOf(metric?.Dimensions),
    period: query.MetricStat?.Period ?? query.Period,
    expression: query.Expression,
    accountId: query.AccountId,
  };
}

function metricAlarmOf(alarm: MetricAlarm): AlarmDescription {
  return {
    kind: 'metric',
    name: alarm.AlarmName ?? '',
    arn: alarm.AlarmArn,
    metric:
      alarm.Namespace === undefined && alarm.MetricName === undefined
        ? undefined
        : {
            namespace: alarm.Namespace,
            metricName: alarm.MetricName,
            dimensions: dimensionsOf(alarm.Dimensions),
            period: alarm.Period,
          },
    metrics: (alarm.Metrics ?? []).map(queryOf),
    period: alarm.Period,
    evaluationPeriods: alarm.EvaluationPeriods,
    datapointsToAlarm: alarm.DatapointsToAlarm,
  };
}

/**
 * The alarm source over CloudWatch's `DescribeAlarms` (metric and composite alarms), in the alarm's
 * account and region (the client's). Needs `cloudwatch:DescribeAlarms`.
 *
 * @example
 * ```ts
 * const alarms = cloudWatchAlarmSource(new CloudWatchClient({ region: 'eu-west-1', credentials }));
 * ```
 */
export function cloudWatchAlarmSource(client: CloudWatchClient): AlarmSource {
  return {
    async describeAlarms(names, signal) {
      const found: AlarmDescription[] = [];
      let NextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const output = await client.send(
          new DescribeAlarmsCommand({
            AlarmNames: names.slice(0, MAX_NAMES),
            AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
            MaxRecords: MAX_NAMES,
            NextToken,
          }),
          { abortSignal: signal },
        );
        found.push(...(output.MetricAlarms ?? []).map(metricAlarmOf));
        for (const composite of output.CompositeAlarms ?? [])
          found.push({
            kind: 'composite',
            name: composite.AlarmName ?? '',
            arn: composite.AlarmArn,
            metrics: [],
            alarmRule: composite.AlarmRule,
          });
        NextToken = output.NextToken;
        if (NextToken === undefined) break;
      }
      return found;
    },
  };
}
