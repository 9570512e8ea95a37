/**
 * `@soar/history`: what SOAR keeps of what it did, one row per finding event, listed day by day: the
 * remediation outcomes (written by the remediate step) and the incidents (written by the incident
 * notification step), read by the weekly report and the hourly statistics. Each has a memory store
 * and a DynamoDB table of the same shape ({@link HISTORY_TABLE}).
 *
 * @packageDocumentation
 */
export {
  createMemoryHistory,
  dayIndexedHistory,
  HISTORY_TABLE,
  historyTableDefinition,
  type History,
  type HistoryRow,
  type HistoryTableOptions,
  type RowCodec,
} from './day-index';
export {
  createDynamoDbRemediationHistory,
  createMemoryRemediationHistory,
  isRemediationKind,
  REMEDIATION_KINDS,
  type RemediationHistory,
  type RemediationHistoryRecord,
  type RemediationKind,
} from './remediation';
export {
  createDynamoDbIncidentLog,
  createMemoryIncidentLog,
  type IncidentLog,
  type IncidentLogRecord,
} from './incident';
