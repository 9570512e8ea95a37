import { dueAt, overdueStatus, type SlaConfig } from '@soar/tickets/sla';
import {
  breakdownMetric,
  TOTAL_METRICS,
  type BreakdownBy,
  type BreakdownPopulation,
  type TotalMetric,
} from './metric-names';

/**
 * One CloudWatch data point of SOAR's statistics: a count, in the `Count` unit, with at most one
 * dimension (the dashboards group by one dimension at a time: `SCHEMA(SOAR, Account)`).
 */
export interface MetricPoint {
  /** e.g. `TotalOpenTicketsBySeverity`. */
  readonly name: string;
  /** The one dimension of the point, e.g. `{ name: 'severity_label', value: 'HIGH' }`. */
  readonly dimension: { readonly name: string; readonly value: string };
  readonly value: number;
}

/** What the statistics need of an open ticket (a stored `Ticket` of `@soar/tickets` fits). */
export interface OpenTicketFacts {
  readonly openedAt: string;
  /** The due date fixed at opening; absent on rows written before due dates were kept. */
  readonly dueAt?: string | undefined;
  readonly severityLabel: string;
  readonly environment?: string | undefined;
  readonly team?: string | undefined;
  readonly accountId: string;
  readonly accountName?: string | undefined;
}

/**
 * What the statistics need of a history row (an auto-remediation or an incident): the structural
 * part of the remediation history's records, so that any history that lists these fits.
 */
export interface HistoryFacts {
  readonly severity: string;
  readonly environment?: string | undefined;
  readonly team?: string | undefined;
  readonly accountId: string;
  readonly accountName?: string | undefined;
}

/** The four breakdowns of every statistic, and how a row gives its value. */
const BREAKDOWNS: readonly { readonly by: BreakdownBy; readonly of: (row: Grouped) => string | undefined }[] =
  [
    { by: 'Severity', of: (row) => row.severity },
    { by: 'Environment', of: (row) => row.environment },
    { by: 'Account', of: (row) => accountOf(row) },
    { by: 'Team', of: (row) => row.team },
  ];

interface Grouped {
  readonly severity: string;
  readonly environment?: string | undefined;
  readonly team?: string | undefined;
  readonly accountId: string;
  readonly accountName?: string | undefined;
}

/** The value of the `Account` dimension: the account's name (readable on a dashboard), else its id. */
function accountOf(row: Grouped): string {
  const name = row.accountName?.trim();
  return name === undefined || name === '' ? row.accountId : name;
}

/**
 * A dimension value CloudWatch takes and a dashboard shows: diacritics folded to ASCII (`Équipe` →
 * `Equipe`), other characters outside printable ASCII as `?`, at most 255 characters, and
 * `Unspecified` when empty.
 *
 * @example
 * ```ts
 * dimensionValue(' Équipe Paiements '); // 'Equipe Paiements'
 * dimensionValue(undefined); // 'Unspecified'
 * ```
 */
export function dimensionValue(value: string | undefined): string {
  const folded = (value ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
    .slice(0, 255);
  return folded === '' ? 'Unspecified' : folded;
}

/** Counts per breakdown of `rows`, sorted by value for a stable output. */
function grouped(population: BreakdownPopulation, rows: readonly Grouped[]): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const breakdown of BREAKDOWNS) {
    const { metricName, dimension } = breakdownMetric(population, breakdown.by);
    const counts = new Map<string, number>();
    for (const row of rows) {
      const value = dimensionValue(breakdown.of(row));
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    for (const [value, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      points.push({ name: metricName, dimension: { name: dimension, value }, value: count });
    }
  }
  return points;
}

/** The point of a total. */
function total(metric: TotalMetric, value: number): MetricPoint {
  const { metricName, dimension, value: dimensionValue } = TOTAL_METRICS[metric];
  return { name: metricName, dimension: { name: dimension, value: dimensionValue }, value };
}

/**
 * The ticket statistics of one hour: `TotalTickets` (`TicketStatus` = `Open`, `Overdue`) and the
 * open and overdue tickets by severity, environment, account and team. Overdue is judged as the
 * reminders judge it: by the due date fixed at opening, else by the SLA.
 *
 * The two totals are always present, 0 included: a metric that is simply not emitted when it drops
 * to zero leaves the dashboard showing its last non-zero value (a single-value widget shows the
 * latest data point it has), so "3 overdue tickets" would stay on screen after the last one closed.
 * Per-value points are only emitted for values that have tickets: emitting 0 for every account or
 * team that ever had one would need a memory of past values, and a grouped chart simply drops a
 * value without data.
 *
 * @example
 * ```ts
 * const points = ticketMetrics(openTickets, new Date(), DEFAULT_SLA);
 * // [{ name: 'TotalTickets', dimension: { name: 'TicketStatus', value: 'Open' }, value: 12 }, …]
 * ```
 */
export function ticketMetrics(tickets: readonly OpenTicketFacts[], now: Date, sla: SlaConfig): MetricPoint[] {
  const open: Grouped[] = tickets.map((ticket) => ({
    ...ticket,
    severity: ticket.severityLabel.trim().toUpperCase(),
  }));
  const overdue = tickets.filter(
    (ticket) =>
      overdueStatus(
        {
          openedAt: ticket.openedAt,
          dueAt: ticket.dueAt ?? dueAt(ticket.openedAt, ticket.severityLabel, sla),
        },
        now,
      ).overdue,
  );
  const overdueRows: Grouped[] = overdue.map((ticket) => ({
    ...ticket,
    severity: ticket.severityLabel.trim().toUpperCase(),
  }));
  return [
    total('openTickets', open.length),
    total('overdueTickets', overdueRows.length),
    ...grouped('openTickets', open),
    ...grouped('overdueTickets', overdueRows),
  ];
}

/** How far back the history statistics count: four weeks, as the dashboards' default range. */
export const HISTORY_WINDOW_MS = 28 * 24 * 3_600_000;

/**
 * The statistics of a history of the last four weeks: the total (0 included, for the same reason as
 * in {@link ticketMetrics}) and the rows by severity, environment, account and team.
 *
 * @example
 * ```ts
 * historyMetrics('autoRemediations', await history.listSince(since));
 * // [{ name: 'TotalAutoRemediations', dimension: { name: 'Action', value: 'Performed' }, value: 7 }, …]
 * ```
 */
export function historyMetrics(
  kind: 'autoRemediations' | 'incidents',
  rows: readonly HistoryFacts[],
): MetricPoint[] {
  const normalized: Grouped[] = rows.map((row) => ({ ...row, severity: row.severity.trim().toUpperCase() }));
  return [total(kind, rows.length), ...grouped(kind, normalized)];
}

/**
 * A short summary of points for people (the CLI, a log line): the totals, then each metric's values.
 *
 * @example
 * ```ts
 * summarizeMetrics(points); // ['TotalTickets: Open=12, Overdue=3', 'TotalOpenTicketsBySeverity: HIGH=5, LOW=7', …]
 * ```
 */
export function summarizeMetrics(points: readonly MetricPoint[]): string[] {
  const byName = new Map<string, string[]>();
  for (const point of points) {
    const values = byName.get(point.name) ?? [];
    values.push(`${point.dimension.value}=${point.value}`);
    byName.set(point.name, values);
  }
  return [...byName].map(([name, values]) => `${name}: ${values.join(', ')}`);
}
