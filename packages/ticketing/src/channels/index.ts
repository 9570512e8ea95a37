/**
 * Where SOAR sends things: ticket systems (internal, Jira Cloud, ServiceNow), notifiers (SES v2
 * email, Slack, Teams Workflows), the Microsoft Sentinel exporter, and the fail-open `notifyAll`.
 *
 * @packageDocumentation
 */

// Contracts
export {
  SILENT_LOGGER,
  type ChannelLogger,
  type CloseTicketRequest,
  type NotificationRecipients,
  type Notifier,
  type OpenedTicket,
  type OpenTicketRequest,
  type TicketSystem,
} from './types';

// Errors
export {
  ChannelConfigurationError,
  InvalidRecipientError,
  InvalidTicketIdError,
  InvalidTicketRequestError,
  SentinelPayloadTooLargeError,
  TicketNotFoundError,
  TicketTransitionError,
} from './errors';

// Ticket systems
export { INTERNAL_TICKET_ID_PATTERN, InternalTicketSystem, internalTicketId } from './internal-ticket-system';
export {
  DEFAULT_JIRA_PRIORITIES,
  isJiraIssueKey,
  JIRA_FINDING_LABEL_PREFIX,
  JIRA_ISSUE_KEY_PATTERN,
  JIRA_PROJECT_KEY_PATTERN,
  jiraFindingLabel,
  JiraTicketSystem,
  type JiraTicketSystemOptions,
} from './jira-ticket-system';
export {
  DEFAULT_SERVICE_NOW_IMPACT,
  DEFAULT_SERVICE_NOW_URGENCY,
  isServiceNowSysId,
  SERVICE_NOW_CORRELATION_ID_MAX_CHARS,
  SERVICE_NOW_SYS_ID_PATTERN,
  serviceNowCorrelationId,
  ServiceNowTicketSystem,
  type ServiceNowLevel,
  type ServiceNowTicketSystemOptions,
} from './service-now-ticket-system';

// Notifiers
export { EmailNotifier, type EmailNotifierOptions } from './email-notifier';
export {
  isEmailAddress,
  normalizeAddresses,
  planDestinations,
  SES_MAX_DESTINATIONS,
  type EmailDestination,
} from './email-recipients';
export {
  SLACK_WEBHOOK_HOSTS,
  SlackNotifier,
  TeamsNotifier,
  type TeamsNotifierOptions,
  type WebhookNotifierOptions,
} from './webhook-notifiers';
export { notifyAll, type NotifyResult } from './notify-all';

// Sentinel
export {
  AZURE_MONITOR_SCOPE,
  ENTRA_AUTHORITY_HOST,
  EntraTokenProvider,
  type EntraClientCredentials,
  type EntraTokenProviderOptions,
} from './entra-token-provider';
export {
  LOGS_INGESTION_API_VERSION,
  LOGS_INGESTION_MAX_BYTES,
  SentinelExporter,
  type SentinelExporterOptions,
} from './sentinel-exporter';
export {
  SENTINEL_FIELD_MAX_BYTES,
  sentinelRecord,
  type SentinelRecord,
  type SentinelRecordExtra,
} from './sentinel-record';

// Helpers
export { describeError } from './describe-error';
export { findingDigest, truncateChars, truncateUtf8 } from './finding-key';
