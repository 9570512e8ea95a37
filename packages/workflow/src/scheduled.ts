/**
 * `@soar/workflow/scheduled`: SOAR's scheduled jobs. The hourly tasks (the statistics, then the
 * overdue reminders) and the account metadata cache refresh, their pure statistics, and their ports
 * wired to AWS (the statistics as EMF through Powertools Metrics). Only the scheduled functions
 * import it, so no other bundle carries Powertools Metrics.
 *
 * @packageDocumentation
 */
export { awsAccountRefresher, awsHourlyPorts, emfMetricsSink } from './aws/scheduled';
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
} from './steps/scheduled';
