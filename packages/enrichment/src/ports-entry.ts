/**
 * `@soar/enrichment/ports`: the ports enrichment reads through, for adapters other than AWS's (the
 * simulation's, a test's), and the pure pieces they may want to reuse.
 *
 * @packageDocumentation
 */
export type {
  AlarmDescription,
  AlarmMetric,
  AlarmSource,
  EnrichmentPorts,
  ExecutionSource,
  ExecutionStatus,
  ExecutionSummary,
  HistoryEvent,
  IncidentHistorySource,
  IncidentRecord,
  LogEvent,
  LogSource,
} from './ports';
export { compositeChildren, lambdaFunctionRef, servicesFromArns, stateMachineRef } from './services';
export {
  FAILED_STATUSES,
  failedInWindow,
  successBaseline,
  type FailureDetails,
  type SuccessBaseline,
} from './executions';
export { ERROR_FILTER_PATTERN, isErrorLine } from './log-excerpts';
export { trendOf } from './patterns';
export { historySortKey, timeOfSortKey } from './history-table';
