/**
 * Execution-history arithmetic of the workflows. A Standard execution fails once its history holds
 * 25,000 events, and an inline Map's iterations count in its own execution's history. The original
 * ran every account of the organization in one execution (about 29 events per account and log
 * type), so it failed somewhere around 250 accounts. Here the nightly execution holds one Map
 * iteration per batch of accounts, each batch a child execution with a history of its own, so the
 * parent grows by 8 events per batch and a child's size depends only on the batch size.
 *
 * Events per state, as Step Functions records them for a successful attempt:
 * - Lambda task: TaskStateEntered, LambdaFunctionScheduled, LambdaFunctionStarted,
 *   LambdaFunctionSucceeded, TaskStateExited (5); a failed attempt that is retried adds Scheduled,
 *   Started and Failed or TimedOut (3);
 * - `startExecution.sync:2` task: TaskStateEntered, TaskScheduled, TaskStarted, TaskSubmitted,
 *   TaskSucceeded, TaskStateExited (6); a retried attempt adds Scheduled, Started, Submitted and
 *   Failed (4);
 * - Pass, Choice, Succeed, Fail: entered and exited (2);
 * - Map: MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateExited (4), and each
 *   iteration MapIterationStarted and MapIterationSucceeded (2);
 * - the execution: ExecutionStarted and ExecutionSucceeded (2).
 */

/** The hard limit of a Standard execution's history. */
export const HISTORY_EVENT_LIMIT = 25_000;

/** Events per state kind (see the module comment). */
export const EVENTS = {
  execution: 2,
  lambdaTask: 5,
  lambdaRetry: 3,
  syncTask: 6,
  syncRetry: 4,
  flowState: 2,
  map: 4,
  mapIteration: 2,
} as const;

/** The shape of one batch (child execution). */
export interface BatchShape {
  /** Accounts in the batch. */
  readonly accounts: number;
  /** Days each account processes (1 + catch-up days at night, 1 in a historical run). */
  readonly dates: number;
  /** AggregateAccountDay invocations per account and day (1 when a day fits in one invocation). */
  readonly rounds: number;
  /** Retried attempts per invocation. */
  readonly retriesPerInvocation: number;
}

/**
 * The events of one `CombineAccountBatchSM` execution: Map over the accounts (each iteration an
 * inner Map over the days, then a Pass recording the account's status), each day a loop of
 * AggregateAccountDay, the Choice on `complete` and (for another round) the NextRound Pass, ending
 * in a Succeed; then the Pass that checks for a failed account, the Choice and the end state.
 *
 * @example
 * ```ts
 * childHistoryEvents({ accounts: 25, dates: 4, rounds: 1, retriesPerInvocation: 0 }); // 1312
 * ```
 */
export function childHistoryEvents(shape: BatchShape): number {
  const invocation = EVENTS.lambdaTask + shape.retriesPerInvocation * EVENTS.lambdaRetry + EVENTS.flowState;
  // Each round after the first passes through the NextRound Pass on its way back to the task.
  const day =
    EVENTS.mapIteration +
    shape.rounds * invocation +
    (shape.rounds - 1) * EVENTS.flowState +
    EVENTS.flowState;
  const account = EVENTS.mapIteration + EVENTS.map + shape.dates * day + EVENTS.flowState;
  return EVENTS.execution + EVENTS.map + shape.accounts * account + 3 * EVENTS.flowState;
}

/** The shape of one nightly (or per-day historical) `CombineLogFilesSM` execution. */
export interface NightShape {
  readonly accounts: number;
  readonly accountsPerBatch: number;
  /** Retried attempts per child execution start. */
  readonly retriesPerBatch: number;
}

/**
 * The events of one `CombineLogFilesSM` execution: the Setup Pass, DiscoverAccounts, a Map with one
 * `startExecution.sync:2` iteration per batch, then the Pass and Choice that fail the execution
 * when a batch failed, and its end state.
 *
 * @example
 * ```ts
 * parentHistoryEvents({ accounts: 1000, accountsPerBatch: 25, retriesPerBatch: 0 }); // 339
 * ```
 */
export function parentHistoryEvents(shape: NightShape): number {
  const batches = Math.ceil(shape.accounts / shape.accountsPerBatch);
  const batch = EVENTS.mapIteration + EVENTS.syncTask + shape.retriesPerBatch * EVENTS.syncRetry;
  return (
    EVENTS.execution +
    EVENTS.flowState +
    EVENTS.lambdaTask +
    EVENTS.map +
    batches * batch +
    3 * EVENTS.flowState
  );
}

/**
 * The events of one `ProcessHistoricalMainLogsSM` execution over `days` days: the Setup Pass, ComputeDateList, a
 * Map with one `startExecution.sync:2` iteration per day, then the failure check and end state.
 *
 * @example
 * ```ts
 * historicalHistoryEvents(731, 0); // 5867
 * ```
 */
export function historicalHistoryEvents(days: number, retriesPerDay: number): number {
  const day = EVENTS.mapIteration + EVENTS.syncTask + retriesPerDay * EVENTS.syncRetry;
  return (
    EVENTS.execution + EVENTS.flowState + EVENTS.lambdaTask + EVENTS.map + days * day + 3 * EVENTS.flowState
  );
}
