/** The state names of the workflows: what traces, tests and the console show. */
export const STATE_NAMES = {
  setup: 'Setup',
  discoverAccounts: 'DiscoverAccounts',
  batches: 'CombineBatches',
  combineAccountBatch: 'CombineAccountBatch',
  batchFailed: 'BatchFailed',
  checkBatches: 'CheckBatches',
  anyBatchFailed: 'AnyBatchFailed',
  accounts: 'CombineAccounts',
  days: 'CombineDays',
  aggregateAccountDay: 'AggregateAccountDay',
  isDayComplete: 'IsDayComplete',
  nextRound: 'NextRound',
  dayDone: 'DayDone',
  dayLeftForNextRun: 'DayLeftForNextRun',
  accountDone: 'AccountDone',
  accountFailed: 'AccountFailed',
  checkAccounts: 'CheckAccounts',
  anyAccountFailed: 'AnyAccountFailed',
  computeDateList: 'ComputeDateList',
  historicalDays: 'ProcessEachDate',
  combineDate: 'CombineDate',
  dateFailed: 'DateFailed',
  checkDates: 'CheckDates',
  anyDateFailed: 'AnyDateFailed',
  done: 'Done',
  failed: 'SomeWorkFailed',
} as const;

/** The error a workflow ends with when some of its batches, accounts or days failed (the rest was done). */
export const PARTIAL_FAILURE_ERROR = 'LogAggregationIncomplete';

/** The status a Map iteration reports; a failed one makes the execution fail at its end. */
export const ITERATION_STATUS = { succeeded: 'SUCCEEDED', failed: 'FAILED' } as const;

/** The alarms, by the platform's `INFRA-<component>-<What>-<SEVERITY>` convention. */
export const ALARM_NAMES = {
  combineFailure: 'INFRA-CombineLogFilesSM-Failure-HIGH',
  historicalFailure: 'INFRA-ProcessHistoricalMainLogsSM-Failure-HIGH',
  sourcesKept: 'INFRA-CombineLogFiles-Sources-Kept-MEDIUM',
  dayIncomplete: 'INFRA-CombineLogFiles-Day-Incomplete-MEDIUM',
} as const;

/** The app's name in the alarm names of its functions (`INFRA-LogProcessing-<Function>-Lambda-Errors-MEDIUM`). */
export const MONITORING_SYSTEM = 'LogProcessing';
