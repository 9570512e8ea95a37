/**
 * `@soar/remediation-history`: the remediation history, one row per remediation outcome, written by
 * the remediate step and read by the weekly report, the dashboards and the hourly metrics
 * (`listSince`): the record and its outcome kinds, a memory store, and the DynamoDB table.
 *
 * @packageDocumentation
 */
export {
  createMemoryRemediationHistory,
  isRemediationKind,
  REMEDIATION_KINDS,
  type RemediationHistory,
  type RemediationHistoryRecord,
  type RemediationKind,
} from './record';
export {
  createDynamoDbRemediationHistory,
  REMEDIATION_HISTORY_TABLE,
  remediationHistoryTableDefinition,
} from './dynamodb';
