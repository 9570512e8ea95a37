/**
 * Ticket store details: the DynamoDB table layout, row schemas and attribute conversion.
 *
 * @packageDocumentation
 */
export {
  fromAttributeValue,
  fromItem,
  toAttributeValue,
  toItem,
  type Item,
  type StoredValue,
} from './attribute-values';
export { TicketStoreConfigSchema, type TicketStoreConfig, type TicketStoreConfigInput } from './config';
export { OpenTicketInputSchema, type OpenTicketData, type OpenTicketInput } from './open-input';
export { openShard, TICKET_INDEXES, ticketsTableDefinition } from './table';
export {
  parseTicketRow,
  TicketHistoryEntrySchema,
  TicketRowSchema,
  TicketStatusSchema,
  type Ticket,
  type TicketHistoryEntry,
  type TicketStatus,
} from './ticket-row';
export {
  TicketStore,
  type ClaimResult,
  type CloseResult,
  type ConfirmedTicket,
  type TicketList,
  type TicketStoreOptions,
} from './ticket-store';
