export {
  createTicketingService,
  TicketInProgressError,
  TicketSystemError,
  type CloseTicketResult,
  type OpenTicketResult,
  type ReminderSummary,
  type TeamEmailLookup,
  type TicketingService,
  type TicketingServiceOptions,
  type TicketStorePort,
} from './ticketing-service';
