export { routeTicket, type RouteTicketOptions, type TicketRoute } from './route-ticket';
export {
  IncidentDomainSchema,
  IncidentsToSocSchema,
  RoutingConfigSchema,
  TicketDestinationSchema,
  type IncidentDomain,
  type IncidentsToSoc,
  type RoutingConfig,
  type RoutingConfigInput,
  type TicketDestination,
} from './routing-config';
