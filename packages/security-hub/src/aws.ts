/**
 * Details of the AWS adapter: the session scopes it assumes, request batching and size limits, the
 * retry policy, and the error report of a failed call.
 *
 * @packageDocumentation
 */
export {
  DEFAULT_MAX_IMPORT_REQUEST_BYTES,
  IMPORT_FINDINGS_SCOPE,
  NOT_REPORTED,
  RETRYABLE_FINDING_ERROR_CODES,
  toBatchUpdateFindingsInput,
  UPDATE_FINDINGS_SCOPE,
} from './aws-security-hub';
export { batchUpdates, MAX_FINDINGS_PER_IMPORT, MAX_FINDINGS_PER_UPDATE, type UpdateBatch } from './batches';
export {
  toErrorReport,
  type ErrorReport,
  type FindingFailure,
  type SecurityHubCallContext,
  type SecurityHubOperation,
} from './errors';
export { DEFAULT_NOTE_AUTHOR, NOTE_TEXT_MAX_LENGTH, NOTE_UPDATED_BY_MAX_LENGTH } from './finding-update';
export { retryPolicy, type RetryOptions, type RetryPolicy } from './retry';
