/**
 * `@soar/messages`: every message SOAR sends, as one structured model (built from the finding and
 * what SOAR did), rendered per channel with auto-escaping: HTML email, plain text, Jira (ADF),
 * ServiceNow, Slack and Teams. The message schemas are in `@soar/messages/schemas`, rendering
 * details in `@soar/messages/render`.
 *
 * @packageDocumentation
 */
export {
  autoFixedMessage,
  closeReasonOf,
  genericMessage,
  incidentMessage,
  requiredActionFor,
  teamFixMessage,
  ticketClosedMessage,
  type AutoFixedOptions,
  type GenericOptions,
  type IncidentOptions,
  type TeamFixOptions,
  type TicketClosedOptions,
} from './model/build-finding-messages';
export {
  overdueReminderMessage,
  OverdueTicketInputSchema,
  type OverdueTicketInput,
} from './model/build-overdue-reminder';
export { MessageSchema, type Message, type MessageKind } from './model/message';
export { MessageValidationError } from './errors';
export { renderMessage } from './render/render-message';
export { RenderOptionsSchema, type RenderOptions } from './render/options';
export { securityHubFindingUrl } from './render/links';
export { subjectOf } from './render/subject';
export type { AdfDocument, AdfNode, Json, RenderedMessage, SlackMessage, TeamsMessage } from './rendered';
