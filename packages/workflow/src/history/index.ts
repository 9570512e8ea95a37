/**
 * `@soar/workflow/history`: the remediation history as the workflow writes it: the record of a
 * remediate step's outcome and the configured DynamoDB table (`@soar/remediation-history` holds the
 * record, the memory store and the table itself).
 *
 * @packageDocumentation
 */
export { awsRemediationHistory, remediationHistoryRecordOf } from './record';
