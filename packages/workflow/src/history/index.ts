/**
 * `@soar/workflow/history`: what the workflow keeps of what it did: the record of a remediate step's
 * outcome and of a notified incident, and the tables the runtime configuration names
 * (`@soar/history` holds the records' types, the memory stores and the DynamoDB tables).
 *
 * @packageDocumentation
 */
export {
  awsIncidentLog,
  awsRemediationHistory,
  incidentLogRecordOf,
  remediationHistoryRecordOf,
} from './record';
