import {
  type CloudWatchAlarmMetricDataQuery,
  isCompositeAlarmConfiguration,
  parseAlarmReasonData,
} from '@soar/asff-schema/events';
import { type CloudWatchAlarmStateChangeEvent } from '@soar/asff-schema';

/**
 * The kinds of alarm CloudWatch documents: one metric, metric math, an anomaly detection band, a
 * Metrics Insights query, or a composite alarm over other alarms.
 */
export type AlarmKind = 'metric' | 'metric-math' | 'anomaly-detection' | 'metrics-insights' | 'composite';

/** One entry of `configuration.metrics`, flattened for the finding. */
export interface AlarmMetricQuery {
  readonly id: string;
  readonly returnData?: boolean;
  readonly expression?: string;
  readonly label?: string;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly stat?: string;
  readonly period?: number;
  /** The account the metric is read from, for cross-account alarms. */
  readonly accountId?: string;
}

/**
 * How the alarm evaluates, as far as the state change event tells. The event carries no
 * `EvaluationPeriods`, `DatapointsToAlarm`, `ComparisonOperator` or `TreatMissingData` field, so each
 * comes, in order, from a field of that name in `configuration` (should CloudWatch add one), from the
 * decoded `reasonData`, or from CloudWatch's reason text (`1 out of the last 1 datapoints […] was
 * greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition)`).
 * What none of them says is left out: read it with `DescribeAlarms` when it matters.
 */
export interface EvaluationSettings {
  readonly period?: number;
  readonly statistic?: string;
  readonly threshold?: number;
  readonly thresholdMetricId?: string;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly comparisonOperator?: string;
  readonly treatMissingData?: string;
  readonly recentDatapoints?: readonly number[];
  readonly recentLowerThresholds?: readonly number[];
  readonly recentUpperThresholds?: readonly number[];
}

/** What the finding says about the alarm's configuration and evaluation. */
export interface AlarmFacts {
  readonly kind: AlarmKind;
  /** The metric of a single-metric or anomaly detection alarm (the one `metricStat` query). */
  readonly metric?: AlarmMetricQuery;
  /** Every query of a metric alarm, in the event's order. */
  readonly queries: readonly AlarmMetricQuery[];
  /** The expression whose result the alarm watches (`returnData` true), if it is one. */
  readonly expression?: string;
  readonly evaluation: EvaluationSettings;
  /** Composite alarms: the rule over other alarms. */
  readonly alarmRule?: string;
  readonly actionsSuppressor?: string;
  /** Composite alarms: the alarms whose states decided this one (from `reasonData`). */
  readonly triggeringAlarms?: readonly string[];
}

type Detail = CloudWatchAlarmStateChangeEvent['detail'];

function flatten(query: CloudWatchAlarmMetricDataQuery): AlarmMetricQuery {
  const stat = query.metricStat;
  return {
    id: query.id,
    ...(query.returnData === undefined ? {} : { returnData: query.returnData }),
    ...(query.expression === undefined ? {} : { expression: query.expression }),
    ...(query.label === undefined ? {} : { label: query.label }),
    ...(stat === undefined
      ? {}
      : {
          namespace: stat.metric.namespace,
          metricName: stat.metric.name,
          ...(stat.metric.dimensions === undefined ? {} : { dimensions: stat.metric.dimensions }),
          stat: stat.stat,
        }),
    ...((stat?.period ?? query.period) === undefined ? {} : { period: stat?.period ?? query.period }),
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
  };
}

function kindOf(queries: readonly AlarmMetricQuery[]): Exclude<AlarmKind, 'composite'> {
  const expressions = queries.flatMap((query) => (query.expression === undefined ? [] : [query.expression]));
  if (expressions.length === 0) return queries.length === 1 ? 'metric' : 'metric-math';
  if (expressions.some((expression) => /\bANOMALY_DETECTION_BAND\s*\(/i.test(expression)))
    return 'anomaly-detection';
  if (expressions.some((expression) => /^\s*SELECT\b/i.test(expression))) return 'metrics-insights';
  return 'metric-math';
}

const OPERATORS: readonly (readonly [RegExp, string])[] = [
  [
    /less than the lower thresholds?\b.*\bor greater than the upper thresholds?/i,
    'LessThanLowerOrGreaterThanUpperThreshold',
  ],
  [/(?:was|were) greater than the upper thresholds?/i, 'GreaterThanUpperThreshold'],
  [/(?:was|were) less than the lower thresholds?/i, 'LessThanLowerThreshold'],
  [/(?:was|were) greater than or equal to the threshold/i, 'GreaterThanOrEqualToThreshold'],
  [/(?:was|were) less than or equal to the threshold/i, 'LessThanOrEqualToThreshold'],
  [/(?:was|were) greater than the threshold/i, 'GreaterThanThreshold'],
  [/(?:was|were) less than the threshold/i, 'LessThanThreshold'],
];

/** The `TreatMissingData` values, keyed by how the reason text writes them (`[NotBreaching]`). */
const MISSING_DATA: Readonly<Record<string, string>> = {
  breaching: 'breaching',
  notbreaching: 'notBreaching',
  ignore: 'ignore',
  missing: 'missing',
};

/** What CloudWatch's English reason text of an ALARM state says about the evaluation. */
function fromReasonText(reason: string): EvaluationSettings {
  const outOf = /\b(\d{1,6}) out of the last (\d{1,6}) datapoints?\b/i.exec(reason);
  const minimum = /\(minimum (\d{1,6}) datapoints? for \w+ -> ALARM transition\)/i.exec(reason);
  const threshold = /\bthe threshold \(([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\)/i.exec(reason);
  const missing = /missing datapoints? (?:was|were) treated as \[(\w+)\]/i.exec(reason);
  const operator = OPERATORS.find(([pattern]) => pattern.test(reason))?.[1];
  const treatMissingData = missing?.[1] === undefined ? undefined : MISSING_DATA[missing[1].toLowerCase()];
  const thresholdValue = threshold?.[1] === undefined ? undefined : Number(threshold[1]);
  return compact<EvaluationSettings>({
    evaluationPeriods: outOf?.[2] === undefined ? undefined : Number(outOf[2]),
    datapointsToAlarm: minimum?.[1] === undefined ? undefined : Number(minimum[1]),
    threshold: thresholdValue !== undefined && Number.isFinite(thresholdValue) ? thresholdValue : undefined,
    comparisonOperator: operator,
    treatMissingData,
  });
}

function numberField(record: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringField(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && /\S/.test(value) ? value : undefined;
}

/** The object without its `undefined` values. */
function compact<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** Keeps the first defined value of each key, in the order given. */
function firstOf(...sources: EvaluationSettings[]): EvaluationSettings {
  const merged: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (value !== undefined && merged[key] === undefined) merged[key] = value;
    }
  }
  return merged as EvaluationSettings;
}

/**
 * Reads the configuration and evaluation of an alarm from its state change event: the kind of
 * alarm, its metric or queries, the expression it watches, the evaluation settings (see
 * {@link EvaluationSettings} for where each comes from) and, for composite alarms, the rule and the
 * triggering alarms. Pure; never throws on a parsed event.
 *
 * @example
 * ```ts
 * const facts = alarmFacts(parseAlarmStateChangeEvent(event).detail);
 * facts.kind; // 'metric'
 * facts.metric?.namespace; // 'AWS/Lambda'
 * facts.evaluation.comparisonOperator; // 'GreaterThanOrEqualToThreshold'
 * ```
 */
export function alarmFacts(detail: Detail): AlarmFacts {
  const { configuration, state } = detail;
  const reasonData = parseAlarmReasonData(state.reasonData);
  if (isCompositeAlarmConfiguration(configuration)) {
    const triggering =
      reasonData?.kind === 'composite' ? reasonData.data.triggeringAlarms.map((alarm) => alarm.arn) : [];
    return {
      kind: 'composite',
      queries: [],
      evaluation: {},
      alarmRule: configuration.alarmRule,
      ...compact<{ actionsSuppressor?: string }>({
        actionsSuppressor: stringField(configuration, 'actionsSuppressor'),
      }),
      ...(triggering.length === 0 ? {} : { triggeringAlarms: triggering }),
    };
  }
  const queries = configuration.metrics.map(flatten);
  const kind = kindOf(queries);
  const watched = queries.find((query) => query.returnData !== false && query.expression !== undefined);
  const metricQueries = queries.filter((query) => query.namespace !== undefined);
  const metric =
    (kind === 'metric' || kind === 'anomaly-detection') && metricQueries.length === 1
      ? metricQueries[0]
      : undefined;
  const fromConfiguration = compact<EvaluationSettings>({
    period: numberField(configuration, 'period'),
    statistic: stringField(configuration, 'statistic'),
    threshold: numberField(configuration, 'threshold'),
    thresholdMetricId: stringField(configuration, 'thresholdMetricId'),
    evaluationPeriods: numberField(configuration, 'evaluationPeriods'),
    datapointsToAlarm: numberField(configuration, 'datapointsToAlarm'),
    comparisonOperator: stringField(configuration, 'comparisonOperator'),
    treatMissingData: stringField(configuration, 'treatMissingData'),
  });
  const fromQueries = compact<EvaluationSettings>({
    period: (metric ?? watched)?.period,
    statistic: metric?.stat,
  });
  const data = reasonData?.kind === 'metric' ? reasonData.data : undefined;
  const fromReasonData = compact<EvaluationSettings>({
    period: data?.period,
    statistic: data?.statistic,
    threshold: data?.threshold,
    recentDatapoints: data?.recentDatapoints,
    recentLowerThresholds: data?.recentLowerThresholds,
    recentUpperThresholds: data?.recentUpperThresholds,
  });
  return {
    kind,
    ...(metric === undefined ? {} : { metric }),
    queries,
    ...(watched?.expression === undefined ? {} : { expression: watched.expression }),
    evaluation: firstOf(fromConfiguration, fromQueries, fromReasonData, fromReasonText(state.reason)),
  };
}
