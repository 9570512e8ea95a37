import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { Account } from '@soar/scratchpad';
import { IncidentDomainSchema, type IncidentDomain, type RoutingConfig } from './routing-config';
import { TicketDestinationSchema, type TicketDestination } from '@soar/ticket-systems';

/** How {@link routeTicket} routes: the routing configuration plus what is being ticketed. */
export interface RouteTicketOptions extends RoutingConfig {
  /** True for incidents (the incidents workflow); only incidents may also go to the SOC. */
  readonly incident?: boolean;
}

/** Where the ticket of a finding goes. */
export interface TicketRoute {
  /** `SOC` when the finding asks for it (`ProductFields.TicketDestination`) and a SOC project exists. */
  readonly destination: TicketDestination;
  /** `ProductFields.IncidentDomain`, default `INFRA`. */
  readonly domain: IncidentDomain;
  /** Jira project key or ServiceNow queue of the (first) ticket. */
  readonly project: string;
  /** The team address for this domain: `TeamEmailApp` for APP, else `TeamEmail`. */
  readonly teamEmail: string;
  /** True when a second ticket must be opened in the SOC project (incidents only). */
  readonly alsoToSoc: boolean;
  /** The SOC project, when the ticket or its second copy goes there. */
  readonly socProject?: string;
  /** Why a default was used instead of what the finding or account said; empty when nothing was odd. */
  readonly notes: readonly string[];
}

type FindingFields = Pick<AwsSecurityFinding, 'ProductFields'>;
type AccountFields = Pick<Account, 'ProjectId' | 'ProjectIdApp' | 'TeamEmail' | 'TeamEmailApp'>;

function productField<T extends string>(
  finding: FindingFields,
  field: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  fallback: T,
  notes: string[],
): T {
  const raw = finding.ProductFields?.[field];
  if (raw === undefined || raw.trim() === '') return fallback;
  const parsed = schema.safeParse(raw.trim().toUpperCase());
  if (parsed.success) return parsed.data;
  notes.push(`ProductFields.${field} ${JSON.stringify(raw)} is not recognised; using ${fallback}`);
  return fallback;
}

/**
 * Routes the ticket of a finding:
 * - destination = `ProductFields.TicketDestination` (`TEAM` | `SOC`, default `TEAM`);
 * - domain = `ProductFields.IncidentDomain` (`INFRA` | `APP`, default `INFRA`);
 * - project = the SOC project for SOC, else `ProjectIdApp` for APP (falling back to `ProjectId` when
 *   blank), else `ProjectId`;
 * - team email = `TeamEmailApp` for APP (falling back to `TeamEmail` when blank), else `TeamEmail`
 *   (the original always showed `TeamEmail`, even for APP findings);
 * - `alsoToSoc` for incidents routed to the team when `incidentsToSoc` is `ALL` or their domain.
 *
 * Values are compared case-insensitively; an unknown value, or SOC routing without a SOC project,
 * falls back to the default and says why in `notes`.
 *
 * @example
 * ```ts
 * const route = routeTicket(finding, account, { ...RoutingConfigSchema.parse({}), incident: true });
 * // { destination: 'TEAM', domain: 'INFRA', project: 'PAY', teamEmail: 'payments-team@example.com',
 * //   alsoToSoc: true, socProject: 'SOC', notes: [] }
 * ```
 */
export function routeTicket(
  finding: FindingFields,
  account: AccountFields,
  options: RouteTicketOptions,
): TicketRoute {
  const notes: string[] = [];
  const socProject = options.socProject.trim();
  let destination = productField(finding, 'TicketDestination', TicketDestinationSchema, 'TEAM', notes);
  const domain = productField(finding, 'IncidentDomain', IncidentDomainSchema, 'INFRA', notes);

  if (destination === 'SOC' && socProject === '') {
    notes.push('the finding asks for the SOC but no SOC project is configured; using TEAM');
    destination = 'TEAM';
  }

  const wantsSoc =
    options.incident === true &&
    destination === 'TEAM' &&
    (options.incidentsToSoc === 'ALL' || options.incidentsToSoc === domain);
  if (wantsSoc && socProject === '') {
    notes.push(`incidents of domain ${domain} go to the SOC but no SOC project is configured`);
  }
  const alsoToSoc = wantsSoc && socProject !== '';

  const appProject = account.ProjectIdApp.trim();
  const appEmail = account.TeamEmailApp.trim();
  let project: string;
  if (destination === 'SOC') project = socProject;
  else if (domain === 'APP') project = appProject === '' ? account.ProjectId : appProject;
  else project = account.ProjectId;

  return {
    destination,
    domain,
    project,
    teamEmail: domain === 'APP' && appEmail !== '' ? appEmail : account.TeamEmail,
    alsoToSoc,
    ...(destination === 'SOC' || alsoToSoc ? { socProject } : {}),
    notes,
  };
}
