import type { Account } from '@soar/scratchpad';
import { mapLimited, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import type { RenderedMessage } from '@soar/messages';
import type { ReportSources } from '@soar/reporting';
import type { Ticket } from '@soar/tickets';
import type { TicketList } from '@soar/tickets/store';
import type { IncidentLog, RemediationHistory } from '@soar/history';

/** What the weekly report's facts are read from: SOAR's own tables, and the organization's accounts. */
export interface WeeklyReportStores {
  /** The organization's active accounts, with their metadata (team, environment, OU, team email). */
  readonly accounts: () => Promise<readonly Account[]>;
  /** The id of the organization's management account, when known (its SOAR alarms are SOAR failures). */
  readonly managementAccountId?: string | undefined;
  /** The tickets of one account (every row its account index holds, open and closed). */
  readonly tickets: { ticketsForAccount(accountId: string): Promise<TicketList> };
  readonly remediations?: Pick<RemediationHistory, 'listSince'> | undefined;
  /**
   * Every incident, ticketed or not. Without it, the incidents are read from the incident tickets
   * (which leaves out the incidents of severities that get no ticket).
   */
  readonly incidents?: Pick<IncidentLog, 'listSince'> | undefined;
  /** Accounts read at once. Default 4. */
  readonly concurrency?: number | undefined;
  readonly logger?: SoarLogger | undefined;
}

/**
 * The weekly report's sources over SOAR's tables: accounts with their metadata; each account's
 * tickets read from the account index, a few accounts at a time (no Scan); incidents from the
 * incident log (or, without it, the incident tickets); auto-remediations from the remediation history. Rows go out as the tables hold
 * them, renamed to the report's facts; `@soar/reporting` reads them leniently, so an account whose
 * rows lack a column (or have one more) is reported, never a crash.
 *
 * @example
 * ```ts
 * const sources = weeklyReportSources({ accounts: () => organizationAccounts(), tickets: store, remediations: history });
 * await weeklyReportStep({ sources, store, clock });
 * ```
 */
export function weeklyReportSources(stores: WeeklyReportStores): ReportSources {
  const logger = stores.logger ?? SILENT_LOGGER;
  let accounts: Promise<readonly Account[]> | undefined;
  let tickets: Promise<readonly Ticket[]> | undefined;
  const accountList = () => (accounts ??= stores.accounts());
  // Tickets and incidents both come from the ticket rows: read them once for the two.
  const ticketRows = () =>
    (tickets ??= accountList().then(async (list) => {
      const rows = await mapLimited(
        list.map((account) => account.Id),
        stores.concurrency ?? 4,
        (id) => stores.tickets.ticketsForAccount(id),
      );
      const corrupt = rows.reduce((sum, list) => sum + list.corrupt.length, 0);
      if (corrupt > 0)
        logger.warn('Ticket rows that could not be read are left out of the report', { corrupt });
      return rows.flatMap((list) => list.tickets);
    }));
  const isSoarAlarm = (incident: { readonly accountId: string; readonly title?: string | undefined }) =>
    incident.accountId === stores.managementAccountId && /^INFRA-SOAR-/.test(incident.title ?? '');

  return {
    accounts: async () =>
      (await accountList()).map((account) => ({
        id: account.Id,
        name: account.Name,
        environment: account.Environment,
        ou: account.OrganizationalUnit,
        team: account.Team,
        teamEmail: account.TeamEmail,
        isManagementAccount: account.Id === stores.managementAccountId,
      })),
    tickets: async () =>
      (await ticketRows())
        .filter((ticket) => ticket.kind !== 'INCIDENT')
        .map((ticket) => ({
          findingId: ticket.findingId,
          ticketId: ticket.ticketId,
          accountId: ticket.accountId,
          severity: ticket.severityLabel,
          controlId: ticket.controlId,
          title: ticket.title,
          openedAt: ticket.openedAt,
          closedAt: ticket.closedAt,
          dueAt: ticket.dueAt,
          kind: ticket.kind,
          penaltyScore: ticket.penaltyScore,
        })),
    incidents: async (since) => {
      // Every incident from the log; without one, those that got a ticket.
      const rows =
        stores.incidents === undefined
          ? (await ticketRows())
              .filter(
                (ticket) => ticket.kind === 'INCIDENT' && Date.parse(ticket.openedAt) >= since.getTime(),
              )
              .map((ticket) => ({ ...ticket, severity: ticket.severityLabel, at: ticket.openedAt }))
          : await stores.incidents.listSince(since);
      return rows.map((row) => ({
        accountId: row.accountId,
        severity: row.severity,
        title: row.title,
        at: row.at,
        ticketId: row.ticketId,
        soarFailure: isSoarAlarm(row),
      }));
    },
    // A history that cannot be read fails the report with `ReportSourceError` (source `remediations`).
    remediations: async (since) =>
      stores.remediations === undefined
        ? []
        : (await stores.remediations.listSince(since))
            .filter((row) => !row.simulated)
            .map((row) => ({
              accountId: row.accountId,
              controlId: row.controlId,
              severity: row.severity,
              at: row.at,
              outcome: row.outcome,
            })),
  };
}

/**
 * The weekly report as an email: its HTML is the report itself (self-contained: inline styles and
 * charts); the text part says where the stored copy is.
 *
 * @example
 * ```ts
 * await email.send(reportEmail({ subject, html, uri }), { to: recipients });
 * ```
 */
export function reportEmail(report: {
  readonly subject: string;
  readonly html: string;
  readonly uri: string;
}): RenderedMessage {
  const text = `${report.subject}\n\nThe report is in HTML; a copy is kept at ${report.uri}.`;
  return {
    subject: report.subject.slice(0, 255),
    text,
    html: report.html,
    jira: { summary: report.subject, description: { version: 1, type: 'doc', content: [] } },
    serviceNow: { shortDescription: report.subject, description: text },
    slack: { text, blocks: [] },
    teams: {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: { type: 'AdaptiveCard', version: '1.4', body: [] },
        },
      ],
    },
  };
}
