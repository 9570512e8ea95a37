/**
 * The weekly report as data: every number of the report, computed here from the facts (the model
 * that writes the prose never counts anything), in four weekly windows ending at `now`.
 */
import type { SeverityLabel } from '@soar/asff-schema';
import { ReportOptionsError } from './errors';
import {
  type AccountFact,
  type IncidentFact,
  type RemediationFact,
  type ReportFacts,
  type TicketFact,
  type UnreadableRow,
} from './facts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Weeks in the severity trend: this week and the three before. */
export const TREND_WEEKS = 4;
/** Most controls listed by open tickets (the rest are summed in one line). */
const TOP_CONTROLS = 10;

/** A week of the report: the times after `start`, up to and including `end` (ISO 8601). */
export interface ReportWindow {
  readonly start: string;
  readonly end: string;
}

/** A count per severity. */
export type SeverityCounts = Readonly<Record<SeverityLabel, number>>;

/** How long the tickets closed in a week took to close. */
export interface TimeToClose {
  readonly count: number;
  /** Milliseconds; `undefined` when no ticket was closed. */
  readonly averageMs: number | undefined;
  readonly medianMs: number | undefined;
}

/** The penalty scores of the tickets open at a moment (tickets without a score are not averaged). */
export interface PenaltyFigures {
  readonly total: number;
  readonly scored: number;
  readonly average: number | undefined;
}

/** Figures of one week (index 0 of every list is this week, 1 last week, and so on). */
export interface TicketFigures {
  /** Team-fix tickets open at the end of each week. */
  readonly open: readonly number[];
  /** Of those, past their due date at the end of each week. */
  readonly overdue: readonly number[];
  readonly accountsWithOpen: readonly number[];
  readonly accountsWithOverdue: readonly number[];
  readonly opened: readonly number[];
  readonly closed: readonly number[];
  readonly timeToClose: readonly TimeToClose[];
  readonly penalty: readonly PenaltyFigures[];
  /** Open tickets by severity at the end of each week. */
  readonly openBySeverity: readonly SeverityCounts[];
  /** Open tickets now by control, most first. */
  readonly byControl: readonly {
    readonly controlId: string;
    readonly open: number;
    readonly overdue: number;
  }[];
  /** Open tickets now of the controls beyond the first ten (and of tickets without a control). */
  readonly otherControls: number;
  /** Open tickets now without a due date (never counted as overdue). */
  readonly withoutDueDate: number;
}

/** Auto-remediation figures per week. */
export interface RemediationFigures {
  /** Fixes (`remediated`) per week. */
  readonly remediated: readonly number[];
  /** Attempts that fixed nothing (any other outcome) per week. */
  readonly notRemediated: readonly number[];
  readonly accounts: readonly number[];
  readonly bySeverity: readonly SeverityCounts[];
  /** Fixes this week by control, most first. */
  readonly byControl: readonly { readonly controlId: string; readonly count: number }[];
}

/** Incident figures per week. */
export interface IncidentFigures {
  readonly count: readonly number[];
  readonly accounts: readonly number[];
  readonly bySeverity: readonly SeverityCounts[];
  /** This week's incidents by type, most first. */
  readonly byType: readonly { readonly incidentType: string; readonly count: number }[];
  /** SOAR's own failures (its alarms in the management account) per week. */
  readonly soarFailures: readonly number[];
}

/** A line of the accounts table. */
export interface AccountRow {
  readonly accountId: string;
  readonly name: string | undefined;
  readonly environment: string | undefined;
  readonly ou: string | undefined;
  readonly team: string | undefined;
  readonly teamEmail: string | undefined;
  /** Open team-fix tickets now. */
  readonly tickets: number;
  readonly overdue: number;
  /** Fixes this week. */
  readonly autoRemediations: number;
  /** Incidents this week. */
  readonly incidents: number;
  readonly remarks: readonly string[];
}

/** An open ticket in an account's section. */
export interface OpenTicketLine {
  readonly findingId: string;
  readonly ticketId: string | undefined;
  readonly severity: SeverityLabel;
  readonly controlId: string | undefined;
  readonly title: string | undefined;
  readonly openedAt: string;
  readonly dueAt: string | undefined;
  readonly ageDays: number;
  readonly overdue: boolean;
  readonly penaltyScore: number | undefined;
}

/** One account's part of the report. */
export interface AccountSection {
  readonly row: AccountRow;
  /** Open tickets, most severe and oldest first. */
  readonly openTickets: readonly OpenTicketLine[];
  /** This week's auto-remediation outcomes, newest first. */
  readonly remediations: readonly RemediationFact[];
  /** This week's incidents, newest first. */
  readonly incidents: readonly IncidentFact[];
}

/** The weekly report as data. */
export interface WeeklyReport {
  readonly title: string;
  readonly productName: string;
  readonly generatedAt: string;
  /** `YYYY-MM-DD` of `now` (UTC). */
  readonly date: string;
  /** The ISO week most of this week's window lies in. */
  readonly isoWeek: { readonly year: number; readonly week: number };
  /** Index 0 is this week, (now − 7 days, now]; 1 last week; 2 and 3 the weeks before. */
  readonly windows: readonly ReportWindow[];
  readonly accounts: {
    readonly total: number;
    readonly withIssues: number;
    readonly managementAccount: string | undefined;
  };
  readonly tickets: TicketFigures;
  readonly remediations: RemediationFigures;
  readonly incidents: IncidentFigures;
  /** Accounts with something to report, most issues first. */
  readonly accountRows: readonly AccountRow[];
  readonly accountSections: readonly AccountSection[];
  readonly unreadable: readonly UnreadableRow[];
}

/** Options of {@link assembleWeeklyReport}. */
export interface AssembleOptions {
  readonly now: Date;
  /** Shown in the title, e.g. `SOAR`. */
  readonly productName: string;
  /** Adds `(week 23)` to the title. */
  readonly isoWeekInTitle?: boolean | undefined;
  /** Rows the sources gave that could not be read, to name in the report. */
  readonly unreadable?: readonly UnreadableRow[] | undefined;
}

const time = (iso: string): number => Date.parse(iso);

function emptySeverities(): Record<SeverityLabel, number> {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
}

function bySeverity(rows: readonly { readonly severity: SeverityLabel }[]): SeverityCounts {
  const counts = emptySeverities();
  for (const row of rows) counts[row.severity] += 1;
  return counts;
}

function distinctAccounts(rows: readonly { readonly accountId: string }[]): number {
  return new Set(rows.map((row) => row.accountId)).size;
}

/** Counts by key, most first, then by key. */
function ranked(keys: readonly string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function median(sorted: readonly number[]): number | undefined {
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? high : ((sorted[middle - 1] ?? 0) + high) / 2;
}

/** The ISO 8601 week of a date: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(date: Date): { year: number; week: number } {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return { year: day.getUTCFullYear(), week: Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7) };
}

/** Is the team-fix ticket open at `at` (opened by then, not closed by then)? */
function openAt(ticket: TicketFact, at: number): boolean {
  return time(ticket.openedAt) <= at && (ticket.closedAt === undefined || time(ticket.closedAt) > at);
}

function overdueAt(ticket: TicketFact, at: number): boolean {
  return ticket.dueAt !== undefined && time(ticket.dueAt) < at;
}

function penaltyOf(tickets: readonly TicketFact[]): PenaltyFigures {
  const scores = tickets.flatMap((ticket) =>
    ticket.penaltyScore === undefined ? [] : [ticket.penaltyScore],
  );
  const total = scores.reduce((sum, score) => sum + score, 0);
  return { total, scored: scores.length, average: scores.length === 0 ? undefined : total / scores.length };
}

function timeToCloseOf(closed: readonly TicketFact[]): TimeToClose {
  const durations = closed
    .map((ticket) => time(ticket.closedAt ?? ticket.openedAt) - time(ticket.openedAt))
    .sort((a, b) => a - b);
  const total = durations.reduce((sum, duration) => sum + duration, 0);
  return {
    count: durations.length,
    averageMs: durations.length === 0 ? undefined : total / durations.length,
    medianMs: median(durations),
  };
}

const SEVERITY_RANK: Readonly<Record<SeverityLabel, number>> = {
  CRITICAL: 0,
  HIGH: 1,
  MEDIUM: 2,
  LOW: 3,
  INFORMATIONAL: 4,
};

function ticketFigures(
  tickets: readonly TicketFact[],
  ends: readonly number[],
  inWeek: InWeek,
): TicketFigures {
  const openAtEnd = ends.map((end) => tickets.filter((ticket) => openAt(ticket, end)));
  const overdueAtEnd = openAtEnd.map((open, week) =>
    open.filter((ticket) => overdueAt(ticket, ends[week] ?? 0)),
  );
  const closedIn = ends.map((_, week) =>
    tickets.filter((ticket) => ticket.closedAt !== undefined && inWeek(ticket.closedAt, week)),
  );
  const openNow = openAtEnd[0] ?? [];
  const overdueNow = new Set(overdueAtEnd[0] ?? []);
  const controls = ranked(
    openNow.flatMap((ticket) => (ticket.controlId === undefined ? [] : [ticket.controlId])),
  );
  const byControl = controls.slice(0, TOP_CONTROLS).map(({ key, count }) => ({
    controlId: key,
    open: count,
    overdue: openNow.filter((ticket) => ticket.controlId === key && overdueNow.has(ticket)).length,
  }));
  return {
    open: openAtEnd.map((open) => open.length),
    overdue: overdueAtEnd.map((overdue) => overdue.length),
    accountsWithOpen: openAtEnd.map(distinctAccounts),
    accountsWithOverdue: overdueAtEnd.map(distinctAccounts),
    opened: ends.map((_, week) => tickets.filter((ticket) => inWeek(ticket.openedAt, week)).length),
    closed: closedIn.map((closed) => closed.length),
    timeToClose: closedIn.map(timeToCloseOf),
    penalty: openAtEnd.map(penaltyOf),
    openBySeverity: openAtEnd.map(bySeverity),
    byControl,
    otherControls: openNow.length - byControl.reduce((sum, control) => sum + control.open, 0),
    withoutDueDate: openNow.filter((ticket) => ticket.dueAt === undefined).length,
  };
}

type InWeek = (iso: string, week: number) => boolean;

function perWeek<T>(rows: readonly T[], at: (row: T) => string, inWeek: InWeek): T[][] {
  return Array.from({ length: TREND_WEEKS }, (_, week) => rows.filter((row) => inWeek(at(row), week)));
}

function accountRow(
  accountId: string,
  account: AccountFact | undefined,
  counts: { tickets: number; overdue: number; autoRemediations: number; incidents: number },
): AccountRow {
  const remarks: string[] = [];
  if (account === undefined) remarks.push('Not in the list of accounts of the organization');
  if (account?.isManagementAccount === true) remarks.push('AWS Organizations management account');
  return {
    accountId,
    name: account?.name,
    environment: account?.environment,
    ou: account?.ou,
    team: account?.team,
    teamEmail: account?.teamEmail,
    ...counts,
    remarks,
  };
}

const issues = (row: AccountRow): number => row.tickets + row.autoRemediations + row.incidents;

/**
 * Assembles the weekly report from the facts: the windows (this week is (now − 7 days, now], then
 * last week and the two before it for the trends), the figures of the overview, the accounts table
 * and one section per account with something to report. Pure: the same facts and `now` give the
 * same report.
 *
 * Ticket figures count team-fix tickets (`INCIDENT` tickets are counted as incidents, from the
 * incident history). "Open" and "overdue" are at the end of each week: open then, and past the due
 * date then; a ticket without a due date is never overdue. Auto-remediations are the `remediated`
 * outcomes; other outcomes are counted as attempts that fixed nothing.
 *
 * @throws {ReportOptionsError} when `now` is not a valid date
 *
 * @example
 * ```ts
 * const { facts, unreadable } = readFacts(raw);
 * const report = assembleWeeklyReport(facts, { now: new Date(), productName: 'SOAR', unreadable });
 * report.tickets.open[0]; // open tickets now
 * ```
 */
export function assembleWeeklyReport(facts: ReportFacts, options: AssembleOptions): WeeklyReport {
  const now = options.now.getTime();
  if (Number.isNaN(now)) throw new ReportOptionsError('now', 'The report time `now` is not a valid date');
  const ends = Array.from({ length: TREND_WEEKS }, (_, week) => now - week * WEEK_MS);
  const windows = ends.map((end) => ({
    start: new Date(end - WEEK_MS).toISOString(),
    end: new Date(end).toISOString(),
  }));
  const inWeek: InWeek = (iso, week) => {
    const at = time(iso);
    const end = ends[week] ?? 0;
    return at > end - WEEK_MS && at <= end;
  };

  const teamFixes = facts.tickets.filter((ticket) => ticket.kind === 'TEAM_FIX');
  const tickets = ticketFigures(teamFixes, ends, inWeek);

  const remediationWeeks = perWeek(facts.remediations, (row) => row.at, inWeek);
  const fixWeeks = remediationWeeks.map((rows) => rows.filter((row) => row.outcome === 'remediated'));
  const fixesNow = fixWeeks[0] ?? [];
  const remediations: RemediationFigures = {
    remediated: fixWeeks.map((rows) => rows.length),
    notRemediated: remediationWeeks.map((rows, week) => rows.length - (fixWeeks[week]?.length ?? 0)),
    accounts: fixWeeks.map(distinctAccounts),
    bySeverity: fixWeeks.map(bySeverity),
    byControl: ranked(fixesNow.map((row) => row.controlId ?? 'Without a control')).map(({ key, count }) => ({
      controlId: key,
      count,
    })),
  };

  const incidentWeeks = perWeek(facts.incidents, (row) => row.at, inWeek);
  const incidentsNow = incidentWeeks[0] ?? [];
  const incidents: IncidentFigures = {
    count: incidentWeeks.map((rows) => rows.length),
    accounts: incidentWeeks.map(distinctAccounts),
    bySeverity: incidentWeeks.map(bySeverity),
    byType: ranked(incidentsNow.map((row) => row.incidentType ?? 'Unknown type')).map(({ key, count }) => ({
      incidentType: key,
      count,
    })),
    soarFailures: incidentWeeks.map((rows) => rows.filter((row) => row.soarFailure === true).length),
  };

  const accountsById = new Map(facts.accounts.map((account) => [account.id, account]));
  const openNow = teamFixes.filter((ticket) => openAt(ticket, now));
  const ids = new Set([
    ...openNow.map((row) => row.accountId),
    // Every outcome, so an account whose remediations all failed this week still gets its section.
    ...(remediationWeeks[0] ?? []).map((row) => row.accountId),
    ...incidentsNow.map((row) => row.accountId),
  ]);
  const sections = [...ids].map((accountId): AccountSection => {
    const open = openNow.filter((ticket) => ticket.accountId === accountId);
    const openTickets = open
      .map((ticket): OpenTicketLine => ({
        findingId: ticket.findingId,
        ticketId: ticket.ticketId,
        severity: ticket.severity,
        controlId: ticket.controlId,
        title: ticket.title,
        openedAt: ticket.openedAt,
        dueAt: ticket.dueAt,
        ageDays: Math.floor((now - time(ticket.openedAt)) / DAY_MS),
        overdue: overdueAt(ticket, now),
        penaltyScore: ticket.penaltyScore,
      }))
      .sort(
        (a, b) =>
          SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
          a.openedAt.localeCompare(b.openedAt) ||
          a.findingId.localeCompare(b.findingId),
      );
    const newestFirst = <T extends { readonly at: string; readonly accountId: string }>(rows: readonly T[]) =>
      rows.filter((row) => row.accountId === accountId).sort((a, b) => b.at.localeCompare(a.at));
    const accountRemediations = newestFirst(remediationWeeks[0] ?? []);
    const accountIncidents = newestFirst(incidentsNow);
    const row = accountRow(accountId, accountsById.get(accountId), {
      tickets: open.length,
      overdue: openTickets.filter((ticket) => ticket.overdue).length,
      autoRemediations: fixesNow.filter((fix) => fix.accountId === accountId).length,
      incidents: accountIncidents.length,
    });
    return { row, openTickets, remediations: accountRemediations, incidents: accountIncidents };
  });
  sections.sort(
    (a, b) =>
      issues(b.row) - issues(a.row) ||
      (a.row.name ?? a.row.accountId).localeCompare(b.row.name ?? b.row.accountId) ||
      a.row.accountId.localeCompare(b.row.accountId),
  );

  const isoWeek = isoWeekOf(new Date(now - WEEK_MS / 2));
  const title =
    `${options.productName} weekly security report` +
    (options.isoWeekInTitle === true ? ` (week ${isoWeek.week})` : '');
  return {
    title,
    productName: options.productName,
    generatedAt: new Date(now).toISOString(),
    date: new Date(now).toISOString().slice(0, 10),
    isoWeek,
    windows,
    accounts: {
      total: facts.accounts.length,
      withIssues: sections.length,
      managementAccount: facts.accounts.find((account) => account.isManagementAccount === true)?.id,
    },
    tickets,
    remediations,
    incidents,
    accountRows: sections.map((section) => section.row),
    accountSections: sections,
    unreadable: options.unreadable ?? [],
  };
}
