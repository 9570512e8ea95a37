import { Aspects, Duration, Stack, type IAspect } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import * as z from 'zod';
import { failureAlarm, stateMachineFailureAlarm } from './alarms';
import { ConstructsError } from './errors';
import { SoarFunction } from './soar-function';

/**
 * Where an app's alarms notify, besides becoming findings through alarms-to-sechub: an existing SNS
 * topic, or a topic the stack creates with these email subscribers (not both: one topic receives
 * every alarm).
 *
 * @example
 * ```yaml
 * alarms:
 *   email: [secops@example.com]
 * ```
 */
export const AlarmsConfigSchema = z
  .strictObject({
    snsTopicArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'must be an SNS topic ARN')
      .optional(),
    email: z.array(z.email()).min(1).optional(),
  })
  .refine((alarms) => alarms.snsTopicArn === undefined || alarms.email === undefined, {
    message: 'set snsTopicArn or email, not both (subscribe the addresses to the existing topic)',
    path: ['email'],
  });
export type AlarmsConfig = z.infer<typeof AlarmsConfigSchema>;

/** The severity suffix of an alarm name: alarms-to-sechub gives the finding this severity. */
export type AlarmSeverity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/**
 * An alarm name by the platform's convention, `INFRA-<system>-<What>-<SEVERITY>`: alarms-to-sechub
 * makes it an INFRA incident of that severity.
 *
 * @example
 * ```ts
 * infraAlarmName('SOAR', 'Hourly-Tasks-SM-Failure', 'MEDIUM'); // 'INFRA-SOAR-Hourly-Tasks-SM-Failure-MEDIUM'
 * ```
 */
export function infraAlarmName(system: string, what: string, severity: AlarmSeverity): string {
  return `INFRA-${system}-${what}-${severity}`;
}

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  /** The alarm topic: none by default (alarms become findings through alarms-to-sechub only). */
  readonly alarms?: AlarmsConfig | undefined;
  /** The execution dashboard's name; without it the construct makes no execution dashboard. */
  readonly executionDashboardName?: string | undefined;
  /** The app's name in alarm names (`INFRA-<system>-…`) and descriptions: `SOAR` by default. */
  readonly system?: string | undefined;
}

/** Options of {@link Monitoring.watchStateMachine}. */
export interface WatchStateMachineOptions {
  /** What a failed execution means, for the alarm's description. */
  readonly description?: string;
  /**
   * The alarm's construct id in the stack (default `<Workflow>SmFailureAlarm` without dashes): give
   * the id an existing alarm already has, so its logical id does not change.
   */
  readonly alarmId?: string;
}

/** The severities of a function's alarms (both MEDIUM unless said otherwise). */
export interface WatchFunctionOptions {
  readonly errors?: AlarmSeverity;
  readonly throttles?: AlarmSeverity;
}

const MINUTE = Duration.minutes(1);
const DAY = Duration.days(1);

/**
 * An app watching itself: an alarm per workflow (`INFRA-<system>-<Workflow>-SM-Failure-<SEVERITY>`),
 * the Errors and Throttles of every `SoarFunction` of the stack (found when the stack is synthesized,
 * so a function added anywhere is watched, and every state machine charted), dead-letter queue
 * depths, an optional SNS action on all of them, and the execution dashboard.
 *
 * Alarms have no action by default: alarms-to-sechub turns their state changes into findings, which
 * SOAR handles as incidents. With `alarms.snsTopicArn` or `alarms.email`, every alarm of the stack
 * also notifies the topic (an alarm whose SOAR is down still reaches someone).
 *
 * @example
 * ```ts
 * const monitoring = new Monitoring(this, 'Monitoring', { alarms: config.alarms, executionDashboardName: 'Logs' });
 * monitoring.watchStateMachine(sync.stateMachine, 'Sync-Enabled-Controls-Table', 'LOW');
 * monitoring.watchQueue(channelDeadLetters.queue, 'Channels', 'HIGH');
 * ```
 */
export class Monitoring extends Construct {
  /** The topic every alarm notifies, when configured. */
  public readonly topic: sns.ITopic | undefined;
  /** The app's name in alarm names and descriptions. */
  public readonly system: string;
  #executionDashboard: cloudwatch.Dashboard | undefined;
  private readonly watchedFunctions = new Set<lambda.IFunction>();
  private readonly notified = new Set<cloudwatch.Alarm>();
  private readonly charted = new Set<sfn.IStateMachine>();

  public constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.system = props.system ?? 'SOAR';
    this.topic = this.alarmTopic(props.alarms ?? {});
    if (props.executionDashboardName !== undefined) this.addExecutionDashboard(props.executionDashboardName);
    const stack = Stack.of(this);
    // Every function of the stack, wherever it is created and whenever (before or after this).
    const watchAll: IAspect = {
      visit: (node: IConstruct) => {
        if (Stack.of(node) !== stack) return;
        if (node instanceof SoarFunction) this.watchFunction(node);
        // A workflow alarmed elsewhere is still charted, under the id of the construct that made it.
        if (node instanceof sfn.StateMachine)
          this.addExecutionWidgets(node, node.node.scope?.node.id ?? node.node.id);
      },
    };
    Aspects.of(stack).add(watchAll);
    // Every alarm of the stack notifies the topic, the alarms of the shared constructs included.
    if (this.topic !== undefined) {
      Aspects.of(stack).add({
        visit: (node: IConstruct) => {
          if (node instanceof cloudwatch.Alarm && Stack.of(node) === stack) this.notify(node);
        },
      });
    }
  }

  /** The execution dashboard: each workflow's executions, each function's invocations and duration. */
  public get executionDashboard(): cloudwatch.Dashboard | undefined {
    return this.#executionDashboard;
  }

  /**
   * Makes the execution dashboard (id `Execution`), when the props named none: a subclass that adds
   * dashboards of its own calls this after them.
   *
   * @throws {ConstructsError} when the dashboard exists already
   */
  protected addExecutionDashboard(dashboardName: string): cloudwatch.Dashboard {
    if (this.#executionDashboard !== undefined)
      throw new ConstructsError(
        `${this.node.path}: the execution dashboard exists already (executionDashboardName was given)`,
      );
    this.#executionDashboard = new cloudwatch.Dashboard(this, 'Execution', {
      dashboardName,
      defaultInterval: Duration.days(28),
    });
    this.#executionDashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'State transitions (account)',
        width: 24,
        left: [
          new cloudwatch.Metric({
            namespace: 'AWS/States',
            metricName: 'ConsumedCapacity',
            dimensionsMap: { ServiceMetric: 'StateTransition' },
            statistic: 'Sum',
            period: DAY,
            label: 'State transitions',
          }),
        ],
      }),
    );
    return this.#executionDashboard;
  }

  /**
   * Alarms on a workflow's failed, timed-out and aborted executions, named
   * `INFRA-<system>-<workflow>-SM-Failure-<severity>`, and adds its executions to the execution dashboard.
   *
   * @example
   * ```ts
   * monitoring.watchStateMachine(hourly.stateMachine, 'Hourly-Tasks', 'MEDIUM');
   * ```
   */
  public watchStateMachine(
    stateMachine: sfn.IStateMachine,
    workflow: string,
    severity: AlarmSeverity,
    options: WatchStateMachineOptions = {},
  ): cloudwatch.Alarm {
    const alarm = stateMachineFailureAlarm(
      Stack.of(this),
      options.alarmId ?? `${workflow.replace(/-/g, '')}SmFailureAlarm`,
      {
        stateMachine,
        alarmName: infraAlarmName(this.system, `${workflow}-SM-Failure`, severity),
        description:
          options.description ??
          `A ${this.system} ${workflow} execution failed, timed out or was aborted: its work was not done.`,
      },
    );
    this.notify(alarm);
    this.addExecutionWidgets(stateMachine, workflow);
    return alarm;
  }

  /** A workflow's executions and run time on the execution dashboard, once. */
  private addExecutionWidgets(stateMachine: sfn.IStateMachine, workflow: string): void {
    if (this.charted.has(stateMachine)) return;
    this.charted.add(stateMachine);
    this.#executionDashboard?.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${workflow}: executions`,
        width: 12,
        left: [
          stateMachine.metricStarted({ statistic: 'Sum', period: DAY, label: 'Started' }),
          stateMachine.metricSucceeded({ statistic: 'Sum', period: DAY, label: 'Succeeded' }),
          stateMachine.metricFailed({ statistic: 'Sum', period: DAY, label: 'Failed' }),
          stateMachine.metricTimedOut({ statistic: 'Sum', period: DAY, label: 'Timed out' }),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: `${workflow}: execution time (minutes)`,
        width: 12,
        left: [
          new cloudwatch.MathExpression({
            expression: 'time / 60000',
            usingMetrics: { time: stateMachine.metricTime({ statistic: 'Average', period: DAY }) },
            label: 'Average',
            period: DAY,
          }),
        ],
      }),
    );
  }

  /**
   * Alarms on a function's errors (`INFRA-<system>-<Function>-Lambda-Errors-<SEVERITY>`) and throttles
   * (`…-Lambda-Throttles-…`), and adds its errors and duration to the execution dashboard. Every
   * `SoarFunction` of the stack is watched on its own; call this for other functions.
   */
  public watchFunction(fn: lambda.IFunction, options: WatchFunctionOptions = {}): void {
    if (this.watchedFunctions.has(fn)) return;
    this.watchedFunctions.add(fn);
    const name = fn.node.id;
    const errors = failureAlarm(this, `${name}Errors`, {
      alarmName: infraAlarmName(this.system, `${name}-Lambda-Errors`, options.errors ?? 'MEDIUM'),
      description: `The ${this.system} ${name} function failed (its callers retry, then record the failure).`,
      metric: fn.metricErrors({ statistic: 'Sum', period: MINUTE }),
    });
    const throttles = failureAlarm(this, `${name}Throttles`, {
      alarmName: infraAlarmName(this.system, `${name}-Lambda-Throttles`, options.throttles ?? 'MEDIUM'),
      description: `The ${this.system} ${name} function was throttled: raise its concurrency or the account's limit.`,
      metric: fn.metricThrottles({ statistic: 'Sum', period: MINUTE }),
    });
    // Alarms made while the stack is synthesized may come after the aspect passed by.
    this.notify(errors);
    this.notify(throttles);
    this.#executionDashboard?.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${name}: invocations and errors`,
        width: 12,
        left: [
          fn.metricInvocations({ statistic: 'Sum', period: DAY, label: 'Invocations' }),
          fn.metricErrors({ statistic: 'Sum', period: DAY, label: 'Errors' }),
          fn.metricThrottles({ statistic: 'Sum', period: DAY, label: 'Throttles' }),
        ],
      }),
      new cloudwatch.GraphWidget({
        title: `${name}: duration (ms)`,
        width: 12,
        left: [
          fn.metricDuration({ statistic: 'Average', period: DAY, label: 'Average' }),
          fn.metricDuration({ statistic: 'p99', period: DAY, label: 'p99' }),
        ],
      }),
    );
  }

  /**
   * Alarms on a dead-letter queue's first message (`INFRA-<system>-<name>-DLQ-Failure-<SEVERITY>`).
   * The `DeadLetterQueue` construct has its own; call this for any other queue.
   */
  public watchQueue(queue: sqs.IQueue, name: string, severity: AlarmSeverity): cloudwatch.Alarm {
    const alarm = failureAlarm(this, `${name}DeadLetters`, {
      alarmName: infraAlarmName(this.system, `${name}-DLQ-Failure`, severity),
      description: `A message is in the ${this.system} ${name} dead-letter queue: it was not handled.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: MINUTE }),
    });
    this.notify(alarm);
    return alarm;
  }

  /** Adds the topic to an alarm's actions, once. */
  private notify(alarm: cloudwatch.Alarm): void {
    if (this.topic === undefined || this.notified.has(alarm)) return;
    this.notified.add(alarm);
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
  }

  private alarmTopic(config: AlarmsConfig): sns.ITopic | undefined {
    if (config.snsTopicArn !== undefined)
      return sns.Topic.fromTopicArn(this, 'AlarmTopic', config.snsTopicArn);
    if (config.email === undefined) return undefined;
    // Encrypted with a key of its own: CloudWatch cannot publish to a topic under the AWS managed SNS
    // key, whose policy the app cannot change.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts the ${this.system} alarm topic; CloudWatch alarms may use it to publish.`,
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    const topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${this.system} alarms`,
      enforceSSL: true,
      masterKey: key,
    });
    for (const address of config.email) topic.addSubscription(new subscriptions.EmailSubscription(address));
    return topic;
  }
}
