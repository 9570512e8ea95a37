/**
 * The message model: one typed message per event SOAR tells people about, built from the scratchpad
 * (or a ticket record) by pure functions, and rendered per channel by `../render`.
 *
 * @packageDocumentation
 */
export {
  AccountRefSchema,
  AiAnalysisSchema,
  AppendixSchema,
  AutoFixedMessageSchema,
  CloseReasonSchema,
  FactSchema,
  GenericMessageSchema,
  HttpsUrlSchema,
  IncidentKindSchema,
  IncidentMessageSchema,
  isHttpsUrl,
  MAX_RESOURCES,
  MessageCommonSchema,
  MessageSchema,
  OverdueReminderMessageSchema,
  RemediationSchema,
  RequiredActionSchema,
  ResourceRefSchema,
  TeamFixMessageSchema,
  TicketClosedMessageSchema,
  type AccountRef,
  type AiAnalysis,
  type Appendix,
  type AutoFixedMessage,
  type CloseReason,
  type Fact,
  type GenericMessage,
  type IncidentKind,
  type IncidentMessage,
  type Message,
  type MessageCommon,
  type MessageKind,
  type OverdueReminderMessage,
  type RemediationAdvice,
  type RequiredAction,
  type ResourceRef,
  type TeamFixMessage,
  type TicketClosedMessage,
} from './message';
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
} from './build-finding-messages';
export {
  overdueReminderMessage,
  OverdueTicketInputSchema,
  type OverdueTicketInput,
} from './build-overdue-reminder';
export { MessageValidationError } from './errors';
export { formatDuration, formatTimestamp, type JsonValue } from './format';
