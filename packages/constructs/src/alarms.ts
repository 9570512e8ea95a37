import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/** Props of {@link failureAlarm}. */
export interface FailureAlarmProps {
  /**
   * The alarm name, by SOAR's alarm naming convention (`INFRA-<Component>-<Type>-<SEVERITY>`), so
   * that alarms-to-sechub turns it into a finding SOAR routes like any other.
   */
  readonly alarmName: string;
  readonly description: string;
  /** What counts failures: the alarm fires on the first one in a minute. */
  readonly metric: cloudwatch.IMetric;
}

/**
 * An alarm that fires as soon as one thing was not handled (the metric reaches 1 in a minute); no
 * data is not a breach.
 *
 * @example
 * ```ts
 * failureAlarm(this, 'FunctionFailureAlarm', {
 *   alarmName: 'INFRA-Alarms-To-SecHub-Failure-HIGH',
 *   description: 'An alarm did not become a finding.',
 *   metric: fn.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
 * });
 * ```
 */
export function failureAlarm(scope: Construct, id: string, props: FailureAlarmProps): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmName: props.alarmName,
    alarmDescription: props.description,
    metric: props.metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}

/** Props of {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /** The alarm on the queue's depth (see {@link FailureAlarmProps.alarmName}). */
  readonly alarmName: string;
  /** What a message in the queue means, for the alarm's description. */
  readonly description: string;
}

/**
 * A dead-letter queue (encrypted, TLS only, 14 days) whose first message raises an alarm: what lands
 * there was not handled, and someone must look.
 *
 * @example
 * ```ts
 * const { queue } = new DeadLetterQueue(this, 'IntakeDeadLetters', {
 *   alarmName: 'INFRA-SOAR-Intake-DLQ-Failure-HIGH',
 *   description: 'SOAR intake could not process a findings event.',
 * });
 * ```
 */
export class DeadLetterQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly alarm: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.alarm = failureAlarm(this, 'Alarm', {
      alarmName: props.alarmName,
      description: props.description,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
    });
    acknowledge(
      this.queue,
      'SQS3',
      `This queue is itself a dead-letter queue; its depth raises ${props.alarmName}.`,
    );
  }
}

/** Props of {@link stateMachineFailureAlarm}. */
export interface StateMachineFailureAlarmProps {
  readonly stateMachine: sfn.IStateMachine;
  /** See {@link FailureAlarmProps.alarmName}. */
  readonly alarmName: string;
  readonly description: string;
}

/**
 * An alarm on a state machine's executions that failed, timed out or were aborted: each is work that
 * was not done.
 *
 * @example
 * ```ts
 * stateMachineFailureAlarm(this, 'FindingProcessorFailureAlarm', {
 *   stateMachine,
 *   alarmName: 'INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH',
 *   description: 'A finding processor execution failed: a finding was not handled.',
 * });
 * ```
 */
export function stateMachineFailureAlarm(
  scope: Construct,
  id: string,
  props: StateMachineFailureAlarmProps,
): cloudwatch.Alarm {
  const metric = (metricName: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/States',
      metricName,
      dimensionsMap: { StateMachineArn: props.stateMachine.stateMachineArn },
      statistic: 'Sum',
      period: Duration.minutes(1),
    });
  return failureAlarm(scope, id, {
    alarmName: props.alarmName,
    description: props.description,
    metric: new cloudwatch.MathExpression({
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: metric('ExecutionsFailed'),
        timedOut: metric('ExecutionsTimedOut'),
        aborted: metric('ExecutionsAborted'),
      },
      period: Duration.minutes(1),
    }),
  });
}

/** The CloudWatch namespace of the metrics SOAR counts from its own log lines. */
export const SOAR_METRIC_NAMESPACE = 'SOAR';

/** Props of {@link LogPatternAlarm}. */
export interface LogPatternAlarmProps {
  /** The log group whose lines are counted (a function's own log group, say). */
  readonly logGroup: logs.ILogGroup;
  /**
   * The lines to count, e.g. `logs.FilterPattern.stringValue('$.message', '=', 'Finding rejected')`
   * for a Powertools JSON line.
   */
  readonly filterPattern: logs.IFilterPattern;
  /** The metric's name in the {@link SOAR_METRIC_NAMESPACE} namespace, e.g. `IntakeRejections`. */
  readonly metricName: string;
  /** See {@link FailureAlarmProps.alarmName}. */
  readonly alarmName: string;
  readonly description: string;
}

/**
 * Counts the log lines that match a pattern in a metric (namespace `SOAR`, 1 per line) and raises
 * an alarm when there is at least one in five minutes; no lines is not a breach.
 *
 * The metric has no dimensions: an alarm must name the value of every dimension of its metric, so a
 * dimension per reason or step would need one alarm per value (the reason stays in the log line, for
 * Logs Insights). Without dimensions, the filter may also emit 0 for every line that does not match
 * (CloudWatch refuses a default value on a filter with dimensions), so the metric reads 0, rather
 * than no data, while the function logs and nothing is counted.
 *
 * @example
 * ```ts
 * new LogPatternAlarm(this, 'IntakeRejections', {
 *   logGroup: intake.logGroup,
 *   filterPattern: logs.FilterPattern.stringValue('$.message', '=', 'Finding rejected'),
 *   metricName: 'IntakeRejections',
 *   alarmName: 'INFRA-SOAR-Intake-Rejections-MEDIUM',
 *   description: 'SOAR intake refused an event or a finding.',
 * });
 * ```
 */
export class LogPatternAlarm extends Construct {
  public readonly metricFilter: logs.MetricFilter;
  /** The count of matching lines: the sum over five minutes. */
  public readonly metric: cloudwatch.Metric;
  public readonly alarm: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: LogPatternAlarmProps) {
    super(scope, id);
    this.metricFilter = new logs.MetricFilter(this, 'Filter', {
      logGroup: props.logGroup,
      filterPattern: props.filterPattern,
      metricNamespace: SOAR_METRIC_NAMESPACE,
      metricName: props.metricName,
      metricValue: '1',
      defaultValue: 0,
    });
    this.metric = this.metricFilter.metric({ statistic: 'Sum', period: Duration.minutes(5) });
    this.alarm = failureAlarm(this, 'Alarm', {
      alarmName: props.alarmName,
      description: props.description,
      metric: this.metric,
    });
  }
}
