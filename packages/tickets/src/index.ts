/**
 * `@soar/tickets`: the ticket lifecycle of a finding. The ticketing service opens, reminds and
 * closes tickets (through a ticket system) and sends their messages; the ticket store keeps one
 * ticket per finding in DynamoDB, idempotently; SLAs and routing decide when and where. Store
 * details are in `@soar/tickets/store`, SLA arithmetic in `@soar/tickets/sla`.
 *
 * @packageDocumentation
 */
export {
  createTicketingService,
  type ChatSelector,
  type CloseTicketResult,
  type DeliveryOptions,
  type IncidentTicket,
  type OpenTicketResult,
  type ReminderSummary,
  type SocCopyResult,
  type TeamEmailLookup,
  type TicketingService,
  type TicketingServiceOptions,
  type TicketStorePort,
} from './service/ticketing-service';
export {
  TicketClaimLostError,
  TicketingError,
  TicketInProgressError,
  TicketInputError,
  TicketRowError,
  TicketStoreError,
  TicketSystemError,
} from './errors';
export { TicketStore, type TicketStoreOptions } from './store/dynamodb-ticket-store';
export { ticketsTableDefinition } from './store/table';
export { type Ticket, type TicketStatus } from './store/ticket-row';
export { routeTicket, type RouteTicketOptions, type TicketRoute } from './routing/route-ticket';
export {
  IncidentDomainSchema,
  IncidentsToSocSchema,
  RoutingConfigSchema,
  type IncidentDomain,
  type IncidentsToSoc,
  type RoutingConfig,
  type RoutingConfigInput,
} from './routing/routing-config';
export { SlaConfigSchema, type SlaConfig, type SlaConfigInput } from './sla/sla-config';
