/**
 * `@soar/ticket-systems`: the ticket systems SOAR opens and closes tickets in (its own internal
 * tickets, Jira Cloud, ServiceNow), the one schema that configures which one, and a factory that
 * builds the configured one. Every ticket id is validated before it reaches an API.
 *
 * @packageDocumentation
 */
export {
  TicketDestinationSchema,
  type CloseTicketRequest,
  type OpenedTicket,
  type OpenTicketRequest,
  type TicketDestination,
  type TicketSystem,
} from './types';
export {
  InvalidTicketIdError,
  InvalidTicketRequestError,
  TicketNotFoundError,
  TicketSystemsError,
  TicketTransitionError,
} from './errors';
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
export { createTicketSystem } from './create';
export {
  CREDENTIALS_SECRET_SHAPE,
  projectTagsOf,
  TicketSystemConfigSchema,
  type TicketSystemConfig,
  type TicketSystemConfigInput,
} from './config';
