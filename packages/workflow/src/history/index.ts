/**
 * `@soar/workflow/history`: the remediation history, one row per remediation outcome, written by the
 * remediate step and read by the weekly report, the dashboards and the hourly metrics
 * (`listSince`): the record, a memory store, and the DynamoDB table with its AWS factory.
 *
 * @packageDocumentation
 */
export {
  createMemoryRemediationHistory,
  remediationHistoryRecordOf,
  type RemediationHistory,
  type RemediationHistoryRecord,
} from './record';
export {
  awsRemediationHistory,
  createDynamoDbRemediationHistory,
  REMEDIATION_HISTORY_TABLE,
  remediationHistoryTableDefinition,
} from './dynamodb';
