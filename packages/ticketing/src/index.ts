/**
 * `@soar/ticketing`: the ticket lifecycle and every message SOAR sends, built on a structured
 * message model rendered per channel.
 *
 * @packageDocumentation
 */
export { TicketingError, type TicketingErrorContext } from './errors';
export type { AdfDocument, AdfNode, Json, RenderedMessage, SlackMessage, TeamsMessage } from './rendered';
export * from './messages';
export * from './render';
export * from './routing';
export * from './sla';
export * from './store';
export * from './http';
export * from './secrets';
export * from './channels';
export * from './service';
