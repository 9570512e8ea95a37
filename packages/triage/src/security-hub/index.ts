/**
 * The Security Hub port: the writes SOAR makes to Security Hub as plain {@link FindingUpdate} values,
 * an AWS adapter (cross-account, in each finding's region) and an in-memory adapter for local runs.
 */
export {
  createAwsSecurityHub,
  DEFAULT_MAX_IMPORT_REQUEST_BYTES,
  IMPORT_FINDINGS_SCOPE,
  RETRYABLE_FINDING_ERROR_CODES,
  toBatchUpdateFindingsInput,
  UPDATE_FINDINGS_SCOPE,
  type AwsSecurityHubOptions,
} from './aws-security-hub';
export { batchUpdates, MAX_FINDINGS_PER_IMPORT, MAX_FINDINGS_PER_UPDATE, type UpdateBatch } from './batches';
export {
  FindingImportError,
  FindingUpdateError,
  InvalidFindingUpdateError,
  SecurityHubCallError,
  SecurityHubRequestError,
  SecurityHubThrottlingError,
  toErrorReport,
  type ErrorReport,
  type FindingFailure,
  type SecurityHubCallContext,
  type SecurityHubOperation,
} from './errors';
export {
  DEFAULT_NOTE_AUTHOR,
  findingUpdate,
  hasChanges,
  NOTE_TEXT_MAX_LENGTH,
  NOTE_UPDATED_BY_MAX_LENGTH,
  notifiedUpdate,
  resolvedUpdate,
  severityUpdate,
  suppressUpdate,
  TICKET_ID_FIELD,
  TICKET_OPEN_FIELD,
  ticketClosedUpdate,
  toFindingNote,
  type FindingChanges,
  type FindingIdentifier,
  type FindingNote,
  type FindingUpdate,
  type NoteInput,
  type SeverityChange,
  type SeverityUpdateOptions,
  type TicketReference,
} from './finding-update';
export {
  createLocalSecurityHub,
  type LocalSecurityHub,
  type LocalSecurityHubChange,
  type LocalSecurityHubOptions,
} from './local-security-hub';
export {
  assertImportTarget,
  type ImportFindingsResult,
  type ImportTarget,
  type SecurityHubPort,
  type UpdateFindingsResult,
} from './port';
export { retryPolicy, type RetryOptions, type RetryPolicy } from './retry';
