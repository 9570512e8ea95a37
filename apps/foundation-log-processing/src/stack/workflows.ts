import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { errorName, lambdaTask, type RetryProfile } from '@soar/constructs';
import { ArchiveVerificationError, SourceMismatchError } from '@soar/log-aggregation';
import { Construct } from 'constructs';

import { ITERATION_STATUS, PARTIAL_FAILURE_ERROR, STATE_NAMES as S } from './names';

/**
 * The function stopped by a timeout (`Sandbox.Timedout` and `Lambda.Unknown` are how a Lambda
 * timeout surfaces, `States.Timeout` the task's own). The work is resumable, so a new attempt
 * continues it; the original did not retry these and failed the whole night.
 */
export const TIMED_OUT: RetryProfile = {
  errors: ['Sandbox.Timedout', 'States.Timeout', 'Lambda.Unknown'],
  interval: Duration.seconds(30),
  maxAttempts: 2,
  backoffRate: 2,
  maxDelay: Duration.minutes(2),
};

/**
 * S3 throttling and transient S3 failures (the SDK's own retries were spent), a source that changed
 * while it was read, an archive that did not verify: a new attempt lists the day again and rebuilds
 * what is not verified, nothing is deleted before that.
 */
export const S3_TRANSIENT: RetryProfile = {
  errors: [
    'SlowDown',
    'InternalError',
    'ServiceUnavailable',
    'RequestTimeout',
    errorName(SourceMismatchError),
    errorName(ArchiveVerificationError),
  ],
  interval: Duration.seconds(10),
  maxAttempts: 3,
  backoffRate: 2,
  maxDelay: Duration.minutes(1),
};

/** Too many running executions in the account: wait, bounded (the original's backoff could stall for days). */
export const EXECUTION_LIMIT: RetryProfile = {
  errors: ['StepFunctions.ExecutionLimitExceeded'],
  interval: Duration.seconds(30),
  maxAttempts: 5,
  backoffRate: 2,
  maxDelay: Duration.minutes(5),
};

/** Props of {@link LogProcessingWorkflows}. */
export interface LogProcessingWorkflowsProps {
  readonly discoverAccounts: lambda.IFunction;
  readonly aggregateAccountDay: lambda.IFunction;
  readonly computeDateList: lambda.IFunction;
  /** AggregateAccountDay's Lambda timeout: the task waits a minute longer. */
  readonly aggregateTimeout: Duration;
  readonly maxRoundsPerDay: number;
  readonly batchConcurrency: number;
  readonly accountConcurrency: number;
  readonly logRetentionDays: logs.RetentionDays;
  readonly retainLogs: boolean;
}

/**
 * The three state machines (JSONPath, so the local runtime runs them as deployed):
 *
 * ```
 * CombineLogFilesSM (nightly schedule, or { date })
 *   Setup ─▶ DiscoverAccounts ─▶ CombineBatches: Map over batches of accounts, bounded
 *     └─ CombineAccountBatch: startExecution.sync:2 of CombineAccountBatchSM (its own history)
 *   ─▶ CheckBatches ─▶ AnyBatchFailed ─▶ Done | SomeWorkFailed
 *
 * CombineAccountBatchSM ({ accountIds, dates })
 *   CombineAccounts: Map over the accounts, bounded
 *     └─ CombineDays: Map over the days, one at a time
 *          └─ AggregateAccountDay ─▶ IsDayComplete ─▶ DayDone | DayLeftForNextRun | NextRound ─▶ AggregateAccountDay
 *   ─▶ CheckAccounts ─▶ AnyAccountFailed ─▶ Done | SomeWorkFailed
 *
 * ProcessHistoricalMainLogsSM ({ startDate, endDate })
 *   Setup ─▶ ComputeDateList ─▶ ProcessEachDate: Map over the days, one at a time
 *     └─ CombineDate: startExecution.sync:2 of CombineLogFilesSM with { date }
 *   ─▶ CheckDates ─▶ AnyDateFailed ─▶ Done | SomeWorkFailed
 * ```
 *
 * A failed batch, account or day does not stop the others: its iteration reports `FAILED`, the
 * rest is done, and the execution then fails (and alarms) with {@link PARTIAL_FAILURE_ERROR}.
 */
export class LogProcessingWorkflows extends Construct {
  public readonly combineLogFiles: sfn.StateMachine;
  public readonly combineAccountBatch: sfn.StateMachine;
  public readonly processHistorical: sfn.StateMachine;
  private readonly logs: Pick<LogProcessingWorkflowsProps, 'logRetentionDays' | 'retainLogs'>;

  public constructor(scope: Construct, id: string, props: LogProcessingWorkflowsProps) {
    super(scope, id);
    this.logs = props;
    this.combineAccountBatch = this.machine(
      'CombineAccountBatchSM',
      this.accountBatch(props),
      'Control Tower logs: one batch of accounts, each of its days into verified archives.',
      Duration.hours(12),
    );
    this.combineLogFiles = this.machine(
      'CombineLogFilesSM',
      this.nightly(props),
      'Control Tower logs: every account, in batches, for yesterday and the catch-up days (or one given date).',
      Duration.hours(20),
    );
    this.processHistorical = this.machine(
      'ProcessHistoricalMainLogsSM',
      this.historical(props),
      'Control Tower logs: CombineLogFilesSM for every day of a range, one day at a time.',
      // A range of up to two years runs one day after another, each child bounded by its own
      // timeout: the historical run may take as long as a standard workflow can (a year).
      Duration.days(365),
    );
  }

  private machine(id: string, body: sfn.IChainable, comment: string, timeout: Duration): sfn.StateMachine {
    const scope = new Construct(this, id);
    const logGroup = new logs.LogGroup(scope, 'Logs', {
      retention: this.logs.logRetentionDays,
      removalPolicy: this.logs.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    return new sfn.StateMachine(scope, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(body),
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment,
      timeout,
      tracingEnabled: true,
      // States and errors only: the data is account ids and counts, but the rule is one.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }

  /** Ends a Map over work items: fail the execution if any iteration reported FAILED. */
  private failIfAny(statusesPath: string, checkName: string, choiceName: string): sfn.IChainable {
    const check = new sfn.Pass(this, checkName, {
      parameters: {
        anyFailed: sfn.JsonPath.arrayContains(sfn.JsonPath.listAt(statusesPath), ITERATION_STATUS.failed),
      },
    });
    const failed = new sfn.Fail(this, `${choiceName}${S.failed}`, {
      stateName: S.failed,
      error: PARTIAL_FAILURE_ERROR,
      cause:
        'Some iterations failed after their retries; the others were done. The failed work is retried by the next run.',
    });
    const done = new sfn.Succeed(this, `${choiceName}${S.done}`, { stateName: S.done });
    return check.next(
      new sfn.Choice(this, choiceName)
        .when(sfn.Condition.booleanEquals('$.anyFailed', true), failed)
        .otherwise(done),
    );
  }

  private status(id: string, status: string): sfn.Pass {
    return new sfn.Pass(this, id, { result: sfn.Result.fromString(status) });
  }

  private accountBatch(props: LogProcessingWorkflowsProps): sfn.IChainable {
    const aggregate = lambdaTask(
      this,
      S.aggregateAccountDay,
      props.aggregateAccountDay,
      props.aggregateTimeout.plus(Duration.minutes(1)),
      [TIMED_OUT, S3_TRANSIENT],
    );
    const nextRound = new sfn.Pass(this, S.nextRound, {
      parameters: { 'accountId.$': '$.accountId', 'date.$': '$.date', 'round.$': '$.round' },
    });
    nextRound.next(aggregate);
    const isComplete = new sfn.Choice(this, S.isDayComplete)
      .when(sfn.Condition.booleanEquals('$.complete', true), new sfn.Succeed(this, S.dayDone))
      // The rest of the day waits for the next night's catch-up (resumable); the function warned.
      .when(
        sfn.Condition.numberGreaterThanEquals('$.round', props.maxRoundsPerDay),
        new sfn.Succeed(this, S.dayLeftForNextRun),
      )
      .otherwise(nextRound);
    const days = new sfn.Map(this, S.days, {
      itemsPath: '$.dates',
      itemSelector: { 'accountId.$': '$.accountId', 'date.$': '$$.Map.Item.Value', round: 0 },
      maxConcurrency: 1,
      resultPath: sfn.JsonPath.DISCARD,
    });
    days.itemProcessor(aggregate.next(isComplete));
    days.addCatch(this.status(S.accountFailed, ITERATION_STATUS.failed), { resultPath: '$.error' });
    const accounts = new sfn.Map(this, S.accounts, {
      itemsPath: '$.accountIds',
      itemSelector: { 'accountId.$': '$$.Map.Item.Value', 'dates.$': '$.dates' },
      maxConcurrency: props.accountConcurrency,
      resultPath: '$.accountStatuses',
    });
    accounts.itemProcessor(days.next(this.status(S.accountDone, ITERATION_STATUS.succeeded)));
    return accounts.next(this.failIfAny('$.accountStatuses', S.checkAccounts, S.anyAccountFailed));
  }

  private setup(id: string): sfn.Pass {
    // The function gets the whole execution input (it validates it, naming a bad field) and the
    // execution's start time as its clock, so a rerun of an execution computes the same days.
    return new sfn.Pass(this, id, {
      stateName: S.setup,
      parameters: { 'input.$': '$', 'startTime.$': '$$.Execution.StartTime' },
    });
  }

  private startChild(
    id: string,
    stateMachine: sfn.IStateMachine,
    input: Record<string, string>,
    failedId: string,
  ) {
    const start = new tasks.StepFunctionsStartExecution(this, id, {
      stateMachine,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      input: sfn.TaskInput.fromObject(input),
      associateWithParent: true,
      outputPath: '$.Status',
      taskTimeout: sfn.Timeout.duration(Duration.hours(12)),
    });
    start.addRetry({
      errors: [...EXECUTION_LIMIT.errors],
      interval: EXECUTION_LIMIT.interval,
      maxAttempts: EXECUTION_LIMIT.maxAttempts,
      backoffRate: EXECUTION_LIMIT.backoffRate,
      maxDelay: EXECUTION_LIMIT.maxDelay,
      jitterStrategy: sfn.JitterType.FULL,
    });
    start.addCatch(this.status(failedId, ITERATION_STATUS.failed), { resultPath: '$.error' });
    return start;
  }

  private nightly(props: LogProcessingWorkflowsProps): sfn.IChainable {
    const discover = lambdaTask(this, S.discoverAccounts, props.discoverAccounts, Duration.minutes(6), []);
    const batches = new sfn.Map(this, S.batches, {
      itemsPath: '$.batches',
      maxConcurrency: props.batchConcurrency,
      resultPath: '$.batchStatuses',
    });
    batches.itemProcessor(
      this.startChild(
        S.combineAccountBatch,
        this.combineAccountBatch,
        { 'accountIds.$': '$.accountIds', 'dates.$': '$.dates' },
        S.batchFailed,
      ),
    );
    return this.setup('NightlySetup')
      .next(discover)
      .next(batches)
      .next(this.failIfAny('$.batchStatuses', S.checkBatches, S.anyBatchFailed));
  }

  private historical(props: LogProcessingWorkflowsProps): sfn.IChainable {
    const compute = lambdaTask(this, S.computeDateList, props.computeDateList, Duration.minutes(1), []);
    const days = new sfn.Map(this, S.historicalDays, {
      itemsPath: '$.dates',
      itemSelector: { 'date.$': '$$.Map.Item.Value' },
      // One day at a time: each day is a whole organization's run.
      maxConcurrency: 1,
      resultPath: '$.dateStatuses',
    });
    days.itemProcessor(
      this.startChild(S.combineDate, this.combineLogFiles, { 'date.$': '$.date' }, S.dateFailed),
    );
    return this.setup('HistoricalSetup')
      .next(compute)
      .next(days)
      .next(this.failIfAny('$.dateStatuses', S.checkDates, S.anyDateFailed));
  }
}
