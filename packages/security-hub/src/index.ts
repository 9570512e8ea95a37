/**
 * `@soar/security-hub`: the writes SOAR makes to Security Hub, as plain {@link FindingUpdate}
 * values; the port they go through, with an AWS adapter (cross-account, in each finding's region)
 * and an in-memory adapter for local runs. Adapter details are in `@soar/security-hub/aws`, the
 * enabled-controls sync in `@soar/security-hub/controls`.
 *
 * @packageDocumentation
 */
export { createAwsSecurityHub, type AwsSecurityHubOptions } from './aws-security-hub';
export {
  FindingImportError,
  FindingUpdateError,
  InvalidFindingUpdateError,
  SecurityHubCallError,
  SecurityHubError,
  SecurityHubRequestError,
  SecurityHubThrottlingError,
} from './errors';
export {
  findingUpdate,
  hasChanges,
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
