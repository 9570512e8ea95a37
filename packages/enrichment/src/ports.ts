/**
 * The ports enrichment reads through: each maps to one AWS call and returns plain values, so the
 * paging, bounds and decisions stay in the core and are tested without AWS. `@soar/enrichment/aws`
 * implements them with the AWS SDK. Every call takes the abort signal of the time budget.
 */

/** One metric an alarm reads: the alarm's own metric, or one `Metrics[]` entry of metric math. */
export interface AlarmMetric {
  /** The `Metrics[].Id`, when it is a metric math entry. */
  readonly id?: string | undefined;
  readonly namespace?: string | undefined;
  readonly metricName?: string | undefined;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `MetricStat.Period` or the entry's `Period`, in seconds. */
  readonly period?: number | undefined;
  /** An expression (metric math, Metrics Insights query) instead of a metric. */
  readonly expression?: string | undefined;
  /** The account the metric is read from (cross-account alarms). */
  readonly accountId?: string | undefined;
}

/** What `DescribeAlarms` says of one alarm, in plain values. */
export interface AlarmDescription {
  readonly kind: 'metric' | 'composite';
  readonly name: string;
  readonly arn?: string | undefined;
  /** The alarm's single metric (absent for metric math and composite alarms). */
  readonly metric?: AlarmMetric | undefined;
  /** The `Metrics[]` entries of a metric math, anomaly detection or Metrics Insights alarm. */
  readonly metrics: readonly AlarmMetric[];
  readonly period?: number | undefined;
  readonly evaluationPeriods?: number | undefined;
  readonly datapointsToAlarm?: number | undefined;
  /** The rule of a composite alarm, such as `ALARM(a) OR ALARM("b")`. */
  readonly alarmRule?: string | undefined;
}

/** Reads alarm configurations (`cloudwatch:DescribeAlarms`). */
export interface AlarmSource {
  /** The alarms of these names (at most 100), metric and composite; unknown names are left out. */
  describeAlarms(names: readonly string[], signal: AbortSignal): Promise<readonly AlarmDescription[]>;
}

/** A Step Functions execution status. */
export type ExecutionStatus =
  'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

/** One entry of `ListExecutions`. */
export interface ExecutionSummary {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name?: string | undefined;
  readonly status: string;
  readonly startDate: Date;
  readonly stopDate?: Date | undefined;
}

/**
 * One event of an execution's history, its details flattened: `error` and `cause` of a failure,
 * `resource` and `resourceType` of a task, `stateName` of a state entered, `parameters` of a
 * scheduled task (JSON text).
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId?: number | undefined;
  readonly type: string;
  readonly timestamp?: Date | undefined;
  readonly stateName?: string | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
  readonly resource?: string | undefined;
  readonly resourceType?: string | undefined;
  readonly parameters?: string | undefined;
}

/** Reads Step Functions executions (`states:ListExecutions`, `states:GetExecutionHistory`). */
export interface ExecutionSource {
  /** One page of executions, newest first. */
  listExecutions(
    request: {
      readonly stateMachineArn: string;
      readonly statusFilter?: ExecutionStatus | undefined;
      readonly maxResults: number;
      readonly nextToken?: string | undefined;
    },
    signal: AbortSignal,
  ): Promise<{ readonly executions: readonly ExecutionSummary[]; readonly nextToken?: string | undefined }>;
  /** One page of an execution's history, newest first when the service honours `reverseOrder`. */
  executionHistory(
    request: { readonly executionArn: string; readonly maxResults: number },
    signal: AbortSignal,
  ): Promise<readonly HistoryEvent[]>;
}

/** One log event. */
export interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly logStreamName?: string | undefined;
}

/** Reads log events (`logs:FilterLogEvents`). */
export interface LogSource {
  /** One page of the events of `logGroupName` between the times (epoch ms), oldest first. */
  filterLogEvents(
    request: {
      readonly logGroupName: string;
      readonly startTime: number;
      readonly endTime: number;
      readonly filterPattern: string;
      readonly limit: number;
      readonly nextToken?: string | undefined;
    },
    signal: AbortSignal,
  ): Promise<{ readonly events: readonly LogEvent[]; readonly nextToken?: string | undefined }>;
}

/** One incident of an alarm, as the history table holds it. */
export interface IncidentRecord {
  /** The alarm's identity: {@link alarmHistoryKey}. */
  readonly alarmKey: string;
  readonly occurredAt: Date;
  /** The finding (or incident) id; with the time it makes the item's sort key. */
  readonly incidentId: string;
  readonly alarmName: string;
  readonly accountId: string;
  readonly region: string;
  readonly severity?: string | undefined;
  readonly ticketId?: string | undefined;
}

/** Reads the incidents of one alarm in a time range (a DynamoDB Query, never a Scan). */
export interface IncidentHistorySource {
  incidentTimes(
    request: {
      readonly alarmKey: string;
      /** Inclusive. */
      readonly from: Date;
      /** Exclusive: the current incident, at this time, is not counted. */
      readonly to: Date;
      readonly maxItems: number;
    },
    signal: AbortSignal,
  ): Promise<{
    /** When each incident occurred, oldest first. */
    readonly times: readonly Date[];
    /** Items DynamoDB read (its `ScannedCount`), to show the key serves the read. */
    readonly itemsRead: number;
    /** More items matched than `maxItems`. */
    readonly truncated: boolean;
  }>;
}

/** Everything {@link enrichAlarmContext} reads through; a missing port is a source marked skipped. */
export interface EnrichmentPorts {
  readonly alarms?: AlarmSource | undefined;
  readonly executions?: ExecutionSource | undefined;
  readonly logs?: LogSource | undefined;
  readonly history?: IncidentHistorySource | undefined;
  /** The time of `enrichment_timestamp`. Default: the system clock. */
  readonly clock?: (() => Date) | undefined;
  /** The budget's timer. Default: the global `setTimeout` / `clearTimeout`. */
  readonly timers?:
    | {
        readonly setTimeout: (callback: () => void, ms: number) => unknown;
        readonly clearTimeout: (handle: unknown) => void;
      }
    | undefined;
}
