import * as z from 'zod';
import { IncidentDomainSchema } from '../routing/routing-config';
import { TicketDestinationSchema } from '@soar/ticket-systems';
import { TicketKindSchema } from './ticket-row';

/**
 * What `claimOpen` records about a ticket to be opened: the finding, its account (by id; the name is
 * display only), its severity and penalty, and its route.
 *
 * @example
 * ```ts
 * const input = OpenTicketInputSchema.parse({
 *   findingId: finding.Id, accountId: account.Id, accountName: account.Name, region: finding.Region,
 *   controlId: 'EC2.2', title: finding.Title, severityLabel: 'HIGH', penaltyScore: 7,
 *   environment: account.Environment, team: account.Team, project: route.project,
 *   destination: route.destination, domain: route.domain,
 * });
 * ```
 */
export const OpenTicketInputSchema = z.lazy(() =>
  // Built on first use: only the functions that open tickets parse it (closing and notifying never do).
  z.object({
    findingId: z.string().min(1),
    /** An incident ticket gets no deadline and stays out of the open-ticket indexes. */
    kind: TicketKindSchema.default('TEAM_FIX'),
    accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    accountName: z.string().default(''),
    region: z.string().default(''),
    controlId: z.string().trim().min(1).optional(),
    title: z.string().default(''),
    /** Upper-cased; a label that is not a Security Hub severity is kept (and is due at once). */
    severityLabel: z.string().trim().toUpperCase().min(1),
    penaltyScore: z.number(),
    environment: z.string().default('Unspecified'),
    team: z.string().default('Unspecified'),
    project: z.string().default(''),
    destination: TicketDestinationSchema.default('TEAM'),
    domain: IncidentDomainSchema.default('INFRA'),
  }),
);
export type OpenTicketInput = z.input<typeof OpenTicketInputSchema>;
export type OpenTicketData = z.infer<typeof OpenTicketInputSchema>;
