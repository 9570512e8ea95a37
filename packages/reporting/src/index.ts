/**
 * `@soar/reporting`: SOAR's weekly AI security report: per-account data from tickets, incidents and auto-remediations, figures and inline SVG charts computed from the data, a self-contained HTML report.
 *
 * @packageDocumentation
 */
export {};
