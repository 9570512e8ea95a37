/**
 * Ticket store details: the lifecycle rules (pure), the DynamoDB table layout, row schemas and
 * attribute conversion.
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
  TicketKindSchema,
  TicketStatusSchema,
  type Ticket,
  type TicketHistoryEntry,
  type TicketKind,
  type TicketStatus,
} from './ticket-row';
export { TicketStore, type TicketList, type TicketStoreOptions } from './dynamodb-ticket-store';
export {
  checkConfirmed,
  claimHeldUntil,
  decideAbandon,
  decideClaim,
  decideClose,
  decideConfirm,
  decideReminder,
  parseOpenInput,
  timeOf,
  type AbandonDecision,
  type ClaimDecision,
  type ClaimInput,
  type ClaimReason,
  type ClaimResult,
  type CloseResult,
  type CloseDecision,
  type ConfirmDecision,
  type ConfirmedTicket,
  type LifecycleConfig,
  type ReminderDecision,
} from './lifecycle';
