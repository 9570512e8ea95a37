export { TicketingError, type TicketingErrorContext } from './errors';
export type { AdfDocument, AdfNode, Json, RenderedMessage, SlackMessage, TeamsMessage } from './rendered';
