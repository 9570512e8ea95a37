import type { SoarLogger } from '@soar/common';
import { EmailNotifier } from '@soar/notifications';
import { createTicketSystem } from '@soar/ticket-systems';
import { TicketStore } from '@soar/tickets';
import type { AccountLookup, TicketOperations } from '../ports';
import type { RuntimeConfig } from '../runtime-config';
import { ticketingFor } from '../ticketing';
import { awsAccountLookup } from './accounts';
import { chatChannelsOf } from './channels';
import { awsClients } from './clients';

/**
 * The ticket operations in AWS: SOAR's ticket store in DynamoDB, the configured ticket system
 * (credentials from Secrets Manager), SES v2 email, the configured chat channels (Slack, Teams,
 * webhook URLs from Secrets Manager) of each account, and the team addresses from account metadata.
 *
 * @example
 * ```ts
 * const tickets = awsTicketOperations(config, { logger });
 * await tickets.openTeamTicket(pad); // { kind: 'opened', ticketId: 'SOAR-…' }
 * ```
 */
export function awsTicketOperations(
  config: RuntimeConfig,
  options: { readonly logger?: SoarLogger; readonly accounts?: AccountLookup } = {},
): TicketOperations {
  const logger = options.logger === undefined ? {} : { logger: options.logger };
  return ticketingFor(config, {
    store: new TicketStore({
      dynamodb: awsClients.dynamodb(config),
      tableName: config.tables.tickets,
      sla: config.sla,
    }),
    ticketSystem: createTicketSystem(config.ticketing, logger),
    email: new EmailNotifier({
      from: config.email.from,
      cc: config.email.cc,
      bcc: config.email.bcc,
      sendEmail: config.email.send,
      ...logger,
    }),
    chat: chatChannelsOf(config),
    accounts: options.accounts ?? awsAccountLookup(config),
    ...logger,
  });
}
