import {
  createTicketingService,
  type ChatSelector,
  type TicketingService,
  type TicketStorePort,
} from '@soar/tickets';
import { type Notifier } from '@soar/notifications';
import { type TicketSystem } from '@soar/ticket-systems';
import type { AccountLookup } from './ports';
import type { SoarLogger } from '@soar/common';
import type { RuntimeConfig } from './runtime-config';

/**
 * The ticketing service as SOAR configures it, over the given store, ticket system and email
 * channel: routing, SLAs and the rendering of messages from the runtime configuration, and the
 * team addresses of an account from its metadata. The AWS ports and the local simulation differ
 * only in what they pass here.
 *
 * @example
 * ```ts
 * const tickets = ticketingFor(config, { store, ticketSystem: new InternalTicketSystem(), email, accounts });
 * ```
 */
export function ticketingFor(
  config: Pick<RuntimeConfig, 'routing' | 'sla' | 'productName' | 'consoleBaseUrl'>,
  parts: {
    readonly store: TicketStorePort;
    readonly ticketSystem: TicketSystem;
    readonly email: Notifier;
    /** The chat channels (Slack, Teams) of the account a message is about; none when left out. */
    readonly chat?: ChatSelector;
    readonly accounts: AccountLookup;
    readonly clock?: () => Date;
    readonly logger?: SoarLogger;
  },
): TicketingService {
  return createTicketingService({
    store: parts.store,
    ticketSystem: parts.ticketSystem,
    email: parts.email,
    ...(parts.chat === undefined ? {} : { chat: parts.chat }),
    routing: config.routing,
    sla: config.sla,
    render: {
      productName: config.productName,
      ...(config.consoleBaseUrl === undefined ? {} : { consoleBaseUrl: config.consoleBaseUrl }),
    },
    teamEmailOf: async (accountId) => {
      const account = await parts.accounts.getAccount(accountId);
      return { teamEmail: account.TeamEmail, teamEmailApp: account.TeamEmailApp };
    },
    ...(parts.clock === undefined ? {} : { clock: parts.clock }),
    ...(parts.logger === undefined ? {} : { logger: parts.logger }),
  });
}
