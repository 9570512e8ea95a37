/**
 * The names of SOAR's statistics metrics, shared by the function that publishes them (Powertools
 * Metrics, EMF) and the dashboards that read them, so that neither can rename one alone. The names
 * and dimensions are the original SOAR's, so dashboards and queries written for it keep working.
 *
 * | Metric | Dimension = value |
 * |---|---|
 * | `TotalTickets` | `TicketStatus` = `Open` or `Overdue` |
 * | `TotalAutoRemediations` | `Action` = `Performed` |
 * | `TotalIncidents` | `Action` = `Processed` |
 * | `TotalOpenTicketsBy<Dim>`, `TotalOverdueTicketsBy<Dim>`, `TotalAutoRemediationsBy<Dim>`, `TotalIncidentsBy<Dim>` | `<Dim>`'s dimension = each value |
 *
 * `<Dim>` is `Severity` (dimension `severity_label`), `Environment`, `Account` or `Team`.
 *
 * @packageDocumentation
 */

/** The CloudWatch namespace of the statistics when the configuration names none. */
export const DEFAULT_METRIC_NAMESPACE = 'SOAR';

/** The totals: one metric each, with one dimension of a fixed value. */
export const TOTAL_METRICS = {
  openTickets: { metricName: 'TotalTickets', dimension: 'TicketStatus', value: 'Open' },
  overdueTickets: { metricName: 'TotalTickets', dimension: 'TicketStatus', value: 'Overdue' },
  autoRemediations: { metricName: 'TotalAutoRemediations', dimension: 'Action', value: 'Performed' },
  incidents: { metricName: 'TotalIncidents', dimension: 'Action', value: 'Processed' },
} as const;
export type TotalMetric = keyof typeof TOTAL_METRICS;

/** What the breakdowns are by: the suffix of the metric name → the dimension that holds the value. */
export const BREAKDOWN_DIMENSIONS = {
  Severity: 'severity_label',
  Environment: 'Environment',
  Account: 'Account',
  Team: 'Team',
} as const;
export type BreakdownBy = keyof typeof BREAKDOWN_DIMENSIONS;

/** The populations broken down: the prefix of the metric name. */
export const BREAKDOWN_PREFIXES = {
  openTickets: 'TotalOpenTicketsBy',
  overdueTickets: 'TotalOverdueTicketsBy',
  autoRemediations: 'TotalAutoRemediationsBy',
  incidents: 'TotalIncidentsBy',
} as const;
export type BreakdownPopulation = keyof typeof BREAKDOWN_PREFIXES;

/**
 * The metric and dimension names of one breakdown.
 *
 * @example
 * ```ts
 * breakdownMetric('openTickets', 'Severity');
 * // { metricName: 'TotalOpenTicketsBySeverity', dimension: 'severity_label' }
 * ```
 */
export function breakdownMetric(
  population: BreakdownPopulation,
  by: BreakdownBy,
): { readonly metricName: string; readonly dimension: string } {
  return { metricName: `${BREAKDOWN_PREFIXES[population]}${by}`, dimension: BREAKDOWN_DIMENSIONS[by] };
}
