/**
 * `@soar/scheduled-jobs`: SOAR's scheduled jobs, as steps over injected ports. The enabled-controls
 * sync (plan the batches, sync a batch, record the accounts that failed), the hourly tasks (the
 * statistics, then the overdue reminders) and the account cache refresh. The ports wired to AWS are
 * in `@soar/scheduled-jobs/aws`, the names of the statistics metrics in
 * `@soar/scheduled-jobs/metric-names`.
 *
 * @packageDocumentation
 */
export {
  AccountRefreshError,
  hourlyTasksStep,
  refreshAccountsStep,
  type AccountRefresher,
  type HistorySource,
  type HourlyPorts,
  type HourlySummary,
  type MetricsSink,
  type OpenTicketsSource,
  type RefreshAccountsPorts,
  type RefreshSummary,
} from './hourly';
export { remindOverdueStep, type RemindPorts } from './remind';
export {
  dimensionValue,
  HISTORY_WINDOW_MS,
  historyMetrics,
  summarizeMetrics,
  ticketMetrics,
  type HistoryFacts,
  type MetricPoint,
  type OpenTicketFacts,
} from './statistics';
export {
  planSyncControlsStep,
  SYNC_BATCH_SIZE,
  SYNC_CONTROLS_STEP,
  SyncBatchInputSchema,
  syncControlsStep,
  type SyncBatchInput,
  type SyncBatchSummary,
  type SyncPlan,
} from './sync-controls';
