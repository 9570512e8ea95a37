/**
 * The weekly report as one self-contained HTML document: inline styles, inline SVG charts, no
 * script, no stylesheet, image, font or link to load, so it reads the same from S3, from an email
 * and offline. Every value from the data is escaped (`markup`); the model's prose is sanitised with
 * the strict allow-list of `@soar/messages/ai-html`, with no trusted link hosts, so it cannot link
 * out either.
 *
 * Every figure cell carries `data-figure="<name>"` (and each accounts-table line
 * `data-account="<id>"` with `data-column` cells), so tests and tools can read the figures back.
 */
import type { SeverityLabel } from '@soar/asff-schema';
import { sanitizeAiHtml } from '@soar/messages/ai-html';
import type { AccountRow, AccountSection, SeverityCounts, TimeToClose, WeeklyReport } from '../assemble';
import { SEVERITIES, type UnreadableRow } from '../facts';
import { pairedBarsChart, SEVERITY_COLOURS, severityTrendChart } from './charts';
import { markup, trusted, type Markup, type MarkupValue } from './markup';

/** The model-written parts of the report (HTML, sanitised here); any may be missing. */
export interface ReportProse {
  readonly overview?: string | undefined;
  readonly recommendations?: string | undefined;
  /** Per account id. */
  readonly accounts?: Readonly<Record<string, string>> | undefined;
}

const WEEK_LABELS = ['This week', 'Last week', '2 weeks ago', '3 weeks ago'];

const FONT = `font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif`;
const BODY = `margin:0;padding:24px;background-color:#F3F4F6;${FONT};font-size:14px;line-height:1.5;color:#374151`;
const CARD =
  'max-width:1040px;margin:0 auto 20px auto;padding:20px 28px;background-color:#FFFFFF;border-radius:8px';
const H1 = 'margin:0 0 4px 0;font-size:24px;line-height:1.25;color:#111827';
const H2 = 'margin:0 0 12px 0;font-size:19px;line-height:1.3;color:#111827';
const H3 = 'margin:18px 0 8px 0;font-size:16px;line-height:1.3;color:#111827';
const SMALL = 'font-size:12px;color:#6B7280';
const TABLE = 'border-collapse:collapse;margin:0 0 14px 0;font-size:13px;background-color:#F9FAFB';
const TH =
  'padding:6px 10px;border:1px solid #D1D5DB;background-color:#4B5563;color:#FFFFFF;text-align:left;vertical-align:top';
const TD =
  'padding:5px 10px;border:1px solid #D1D5DB;text-align:left;vertical-align:top;overflow-wrap:anywhere';
const NUM = `${TD};text-align:right;font-variant-numeric:tabular-nums`;
const OVERDUE = `${TD};background-color:#FECACA;color:#7F1D1D;font-weight:700`;
const NOTE = 'margin:0 0 12px 0;padding:10px 14px;background-color:#FEF3C7;border-left:4px solid #F59E0B';
const PROSE = 'margin:0 0 14px 0;padding:12px 16px;background-color:#EFF6FF;border-left:4px solid #3B82F6';

const HOUR_MS = 3_600_000;

/** A figure as shown: integers as they are, other numbers with one decimal, `–` when there is none. */
export function formatFigure(value: number | undefined): string {
  if (value === undefined) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A time to close: minutes under an hour, hours under two days, else days (one decimal). */
export function formatDurationMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (ms < HOUR_MS) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * HOUR_MS) return `${(ms / HOUR_MS).toFixed(1)} h`;
  return `${(ms / (24 * HOUR_MS)).toFixed(1)} days`;
}

const day = (iso: string | undefined): string => (iso === undefined ? '–' : iso.slice(0, 10));
const minute = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function th(label: string): Markup {
  return markup`<th style="${TH}">${label}</th>`;
}

function figureCell(name: string, text: string): Markup {
  return markup`<td data-figure="${name}" style="${NUM}">${text}</td>`;
}

function severityCell(severity: SeverityLabel): Markup {
  return markup`<td style="${TD};background-color:${SEVERITY_COLOURS[severity]};font-weight:600">${severity}</td>`;
}

function table(headings: readonly string[], rows: readonly MarkupValue[]): Markup {
  return markup`<table style="${TABLE}"><thead><tr>${headings.map(th)}</tr></thead><tbody>${rows}</tbody></table>\n`;
}

/** The model's prose for a section, sanitised, or the note that it is not available. */
function proseBlock(html: string | undefined): Markup {
  const clean = html === undefined ? '' : sanitizeAiHtml(html, []);
  if (clean === '')
    return markup`<p data-prose="unavailable" style="${NOTE}">The AI-written part of this section is not available this week. The figures and tables below are complete: they are computed by us from SOAR's records.</p>\n`;
  return markup`<div data-prose="present" style="${PROSE}">${trusted(clean)}</div>\n`;
}

interface KeyFigure {
  readonly name: string;
  readonly label: string;
  readonly values: readonly string[];
}

function keyFigures(report: WeeklyReport): KeyFigure[] {
  const { tickets, remediations, incidents } = report;
  const counts = (values: readonly number[]) => values.slice(0, 2).map((value) => formatFigure(value));
  const durations = (of: (time: TimeToClose) => number | undefined) =>
    tickets.timeToClose.slice(0, 2).map((time) => formatDurationMs(of(time)));
  return [
    { name: 'openTickets', label: 'Open tickets at the end of the week', values: counts(tickets.open) },
    {
      name: 'overdueTickets',
      label: 'Overdue tickets at the end of the week',
      values: counts(tickets.overdue),
    },
    {
      name: 'accountsWithOpenTickets',
      label: 'Accounts with open tickets',
      values: counts(tickets.accountsWithOpen),
    },
    {
      name: 'accountsWithOverdueTickets',
      label: 'Accounts with overdue tickets',
      values: counts(tickets.accountsWithOverdue),
    },
    { name: 'ticketsOpened', label: 'Tickets opened', values: counts(tickets.opened) },
    { name: 'ticketsClosed', label: 'Tickets closed', values: counts(tickets.closed) },
    {
      name: 'averageTimeToClose',
      label: 'Average time to close',
      values: durations((time) => time.averageMs),
    },
    { name: 'medianTimeToClose', label: 'Median time to close', values: durations((time) => time.medianMs) },
    {
      name: 'penaltyTotal',
      label: 'Penalty score of open tickets, total',
      values: tickets.penalty.slice(0, 2).map((penalty) => formatFigure(penalty.total)),
    },
    {
      name: 'penaltyAverage',
      label: 'Penalty score of open tickets, average',
      values: tickets.penalty.slice(0, 2).map((penalty) => formatFigure(penalty.average)),
    },
    { name: 'autoRemediations', label: 'Auto-remediations', values: counts(remediations.remediated) },
    {
      name: 'remediationsNotFixed',
      label: 'Auto-remediation attempts that fixed nothing',
      values: counts(remediations.notRemediated),
    },
    {
      name: 'accountsWithAutoRemediations',
      label: 'Accounts with auto-remediations',
      values: counts(remediations.accounts),
    },
    { name: 'incidents', label: 'Incidents', values: counts(incidents.count) },
    { name: 'accountsWithIncidents', label: 'Accounts with incidents', values: counts(incidents.accounts) },
    {
      name: 'soarFailures',
      label: "SOAR's own failures among the incidents",
      values: counts(incidents.soarFailures),
    },
  ];
}

function keyFiguresTable(report: WeeklyReport): Markup {
  const rows = keyFigures(report).map(
    (figure) =>
      markup`<tr><td style="${TD}">${figure.label}</td>${figureCell(`${figure.name}.thisWeek`, figure.values[0] ?? '–')}${figureCell(`${figure.name}.lastWeek`, figure.values[1] ?? '–')}</tr>`,
  );
  return table(['', 'This week', 'Last week'], rows);
}

function severityTable(name: string, weeks: readonly SeverityCounts[]): Markup {
  const rows = SEVERITIES.map(
    (severity) =>
      markup`<tr>${severityCell(severity)}${weeks.map((counts, week) => figureCell(`${name}.${severity}.w${week}`, String(counts[severity])))}</tr>`,
  );
  return table(['Severity', ...WEEK_LABELS.slice(0, weeks.length)], rows);
}

function rankedTable(
  headings: readonly string[],
  name: string,
  rows: readonly { readonly key: string; readonly values: readonly (readonly [string, number])[] }[],
  empty: string,
): Markup {
  if (rows.length === 0) return markup`<p style="${SMALL}">${empty}</p>\n`;
  return table(
    headings,
    rows.map(
      (row) =>
        markup`<tr><td style="${TD}">${row.key}</td>${row.values.map(([suffix, value]) => figureCell(`${name}${suffix}:${row.key}`, String(value)))}</tr>`,
    ),
  );
}

function unreadableNote(rows: readonly UnreadableRow[]): Markup {
  if (rows.length === 0) return markup``;
  const bySource = new Map<string, UnreadableRow[]>();
  for (const row of rows) bySource.set(row.source, [...(bySource.get(row.source) ?? []), row]);
  const items = [...bySource].map(
    ([source, list]) =>
      markup`<li>${source}: <span data-figure="unreadable.${source}">${list.length}</span> (${list
        .slice(0, 5)
        .map((row) => `${row.id ?? `row ${row.index + 1}`}: ${row.fields.join(', ')}`)
        .join('; ')}${list.length > 5 ? '; …' : ''})</li>`,
  );
  return markup`<div style="${NOTE}"><strong>Not counted:</strong> <span data-figure="unreadable">${rows.length}</span> record(s) could not be read (a required column is missing or unreadable), and are left out of every figure below:<ul style="margin:4px 0 0 0;padding-left:20px">${items}</ul></div>\n`;
}

function overview(report: WeeklyReport, prose: ReportProse): Markup {
  const { tickets, remediations, incidents } = report;
  const controls = [
    ...tickets.byControl.map((control) => ({
      key: control.controlId,
      values: [
        ['', control.open],
        ['.overdue', control.overdue],
      ] as const,
    })),
    ...(tickets.otherControls > 0 ? [{ key: 'Others', values: [['', tickets.otherControls] as const] }] : []),
  ];
  return markup`<section style="${CARD}">
<h2 style="${H2}">Overview</h2>
<p>Accounts in the organization: <strong data-figure="accounts.total">${report.accounts.total}</strong>; with something to report this week: <strong data-figure="accounts.withIssues">${report.accounts.withIssues}</strong>.</p>
${proseBlock(prose.overview)}<h3 style="${H3}">Key figures</h3>
${keyFiguresTable(report)}<p style="${SMALL}">Tickets are the teams' tickets for failed controls; incidents are counted from the incident history. Open tickets without a due date are never overdue (now: <span data-figure="ticketsWithoutDueDate">${tickets.withoutDueDate}</span>).</p>
<h3 style="${H3}">Open tickets by severity</h3>
${severityTrendChart('Open tickets by severity at the end of each of the last four weeks', tickets.openBySeverity, WEEK_LABELS)}
${severityTable('openTicketsBySeverity', tickets.openBySeverity)}<h3 style="${H3}">Tickets opened and closed</h3>
${pairedBarsChart(
  'Tickets opened and closed in each of the last four weeks',
  [
    { label: 'Opened', values: tickets.opened },
    { label: 'Closed', values: tickets.closed },
  ],
  WEEK_LABELS,
)}
<h3 style="${H3}">Open tickets by control</h3>
${rankedTable(['Control', 'Open', 'Overdue'], 'openTicketsByControl', controls, 'No open tickets.')}<h3 style="${H3}">Auto-remediations by severity</h3>
${severityTable('autoRemediationsBySeverity', remediations.bySeverity)}${rankedTable(
    ['Control', 'Auto-remediations this week'],
    'autoRemediationsByControl',
    remediations.byControl.map((control) => ({
      key: control.controlId,
      values: [['', control.count] as const],
    })),
    'No auto-remediations this week.',
  )}<h3 style="${H3}">Incidents by severity</h3>
${severityTable('incidentsBySeverity', incidents.bySeverity)}${rankedTable(
    ['Incident type', 'Incidents this week'],
    'incidentsByType',
    incidents.byType.map((type) => ({ key: type.incidentType, values: [['', type.count] as const] })),
    'No incidents this week.',
  )}</section>
`;
}

const ACCOUNT_COLUMNS: readonly { readonly column: keyof AccountRow; readonly label: string }[] = [
  { column: 'tickets', label: 'Tickets' },
  { column: 'overdue', label: 'Overdue' },
  { column: 'autoRemediations', label: 'Auto-remediations' },
  { column: 'incidents', label: 'Incidents' },
];

function accountsTable(rows: readonly AccountRow[]): Markup {
  if (rows.length === 0)
    return markup`<p>No account has open tickets, auto-remediations or incidents this week.</p>\n`;
  const lines = rows.map(
    (row) =>
      markup`<tr data-account="${row.accountId}"><td data-column="account" style="${TD}">${row.name ?? row.accountId}<br><span style="${SMALL}">${row.accountId}</span></td><td data-column="environment" style="${TD}">${row.environment ?? '–'}</td><td data-column="ou" style="${TD}">${row.ou ?? '–'}</td><td data-column="team" style="${TD}">${row.team ?? '–'}</td>${ACCOUNT_COLUMNS.map(
        ({ column }) =>
          markup`<td data-column="${column}" style="${column === 'overdue' && row.overdue > 0 ? OVERDUE : NUM}">${String(row[column])}</td>`,
      )}<td data-column="remarks" style="${TD}">${row.remarks.join('. ')}</td></tr>`,
  );
  return table(['Account', 'Env', 'OU', 'Team', ...ACCOUNT_COLUMNS.map((c) => c.label), 'Remarks'], lines);
}

function accountSection(section: AccountSection, prose: string | undefined): Markup {
  const { row } = section;
  const meta = [
    row.environment === undefined ? undefined : `Environment ${row.environment}`,
    row.ou === undefined ? undefined : `OU ${row.ou}`,
    row.team === undefined ? undefined : `Team ${row.team}`,
    row.teamEmail,
  ].filter((part): part is string => part !== undefined);
  const tickets =
    section.openTickets.length === 0
      ? markup`<p style="${SMALL}">No open tickets.</p>\n`
      : table(
          ['Severity', 'Control', 'Title', 'Ticket', 'Opened', 'Age (days)', 'Due', 'Status'],
          section.openTickets.map(
            (ticket) =>
              markup`<tr>${severityCell(ticket.severity)}<td style="${TD}">${ticket.controlId ?? '–'}</td><td style="${TD}">${ticket.title ?? '–'}</td><td style="${TD}">${ticket.ticketId ?? '–'}</td><td style="${TD}">${day(ticket.openedAt)}</td><td style="${NUM}">${ticket.ageDays}</td><td style="${TD}">${day(ticket.dueAt)}</td>${ticket.overdue ? markup`<td style="${OVERDUE}">OVERDUE</td>` : markup`<td style="${TD}">Open</td>`}</tr>`,
          ),
        );
  const remediations =
    section.remediations.length === 0
      ? markup`<p style="${SMALL}">No auto-remediations this week.</p>\n`
      : table(
          ['When', 'Severity', 'Control', 'Outcome'],
          section.remediations.map(
            (fix) =>
              markup`<tr><td style="${TD}">${minute(fix.at)}</td>${severityCell(fix.severity)}<td style="${TD}">${fix.controlId ?? '–'}</td><td style="${TD}">${fix.outcome === 'remediated' ? 'Fixed' : `Not fixed (${fix.outcome.replace(/_/g, ' ')})`}</td></tr>`,
          ),
        );
  const incidents =
    section.incidents.length === 0
      ? markup`<p style="${SMALL}">No incidents this week.</p>\n`
      : table(
          ['When', 'Severity', 'Type', 'Title', 'Ticket'],
          section.incidents.map(
            (incident) =>
              markup`<tr><td style="${TD}">${minute(incident.at)}</td>${severityCell(incident.severity)}<td style="${TD}">${incident.incidentType ?? '–'}</td><td style="${TD}">${incident.title ?? '–'}${incident.soarFailure === true ? markup`<br><strong>SOAR's own failure</strong>` : markup``}</td><td style="${TD}">${incident.ticketId ?? '–'}</td></tr>`,
          ),
        );
  return markup`<div data-section-account="${row.accountId}" style="margin:0 0 26px 0;padding-top:6px;border-top:1px solid #E5E7EB">
<h3 style="${H3}">${row.name ?? row.accountId} <span style="${SMALL}">${row.accountId}</span></h3>
<p style="${SMALL}">${meta.join(' · ')}${row.remarks.length > 0 ? ` · ${row.remarks.join('. ')}` : ''}</p>
${proseBlock(prose)}<h4 style="margin:10px 0 6px 0;font-size:14px;color:#111827">Open tickets (${section.openTickets.length})</h4>
${tickets}<h4 style="margin:10px 0 6px 0;font-size:14px;color:#111827">Auto-remediations this week (${section.remediations.length})</h4>
${remediations}<h4 style="margin:10px 0 6px 0;font-size:14px;color:#111827">Incidents this week (${section.incidents.length})</h4>
${incidents}</div>
`;
}

/**
 * Renders the weekly report as one self-contained HTML document. Sections whose prose is missing
 * (the model failed, or wrote nothing the sanitiser kept) say that the AI part is not available;
 * the report is complete without it.
 *
 * @example
 * ```ts
 * const html = renderWeeklyReportHtml(report, { overview: '<p>A calm week…</p>' });
 * await store.put(`weekly-security-report-${report.date}.html`, html);
 * ```
 */
export function renderWeeklyReportHtml(report: WeeklyReport, prose: ReportProse = {}): string {
  const [thisWeek] = report.windows;
  const period = thisWeek === undefined ? '' : `${minute(thisWeek.start)} to ${minute(thisWeek.end)}`;
  const accounts = report.accountSections.map((section) =>
    accountSection(section, prose.accounts?.[section.row.accountId]),
  );
  const document = markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${report.title}</title>
</head>
<body style="${BODY}">
<header style="${CARD}">
<h1 style="${H1}">${report.title}</h1>
<p style="margin:0;${SMALL}">The week from ${period}. Every figure and table is computed by ${report.productName} from its records; the AI writes only the text around them.</p>
</header>
${report.unreadable.length > 0 ? markup`<section style="${CARD}">${unreadableNote(report.unreadable)}</section>\n` : markup``}${overview(report, prose)}<section style="${CARD}">
<h2 style="${H2}">Recommendations</h2>
${proseBlock(prose.recommendations)}</section>
<section style="${CARD}">
<h2 style="${H2}">Accounts</h2>
${accountsTable(report.accountRows)}</section>
<section style="${CARD}">
<h2 style="${H2}">Accounts with issues</h2>
${accounts.length === 0 ? markup`<p>None this week.</p>\n` : accounts}</section>
<footer style="max-width:1040px;margin:0 auto;${SMALL}">Generated ${minute(report.generatedAt)} by ${report.productName}.</footer>
</body>
</html>
`;
  return document.toString();
}
