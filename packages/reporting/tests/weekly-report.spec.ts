/**
 * The weekly report of a seeded organization of 20 accounts whose rows have differing columns:
 * every figure of the overview and every line of the accounts table is computed again here, from
 * the fixture's clean `truth`, without the package's code, and compared with the rendered HTML.
 * The HTML is also written to `tools/bench/tmp/weekly-report-sample.html` to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleWeeklyReport, readFacts, renderWeeklyReportHtml, type WeeklyReport } from '../src';
import { NOW, organization, SEVERITIES, type TruthTicket } from './fixtures/organization';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const WEEKS = ['thisWeek', 'lastWeek'];

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');

function figuresOf(html: string): Map<string, string> {
  const figures = new Map<string, string>();
  for (const match of html.matchAll(/data-figure="([^"]*)"[^>]*>([^<]*)</g)) {
    const name = unescape(match[1] ?? '');
    expect(figures.has(name)).toBe(false);
    figures.set(name, unescape(match[2] ?? ''));
  }
  return figures;
}

function accountLinesOf(html: string): { id: string; cells: Record<string, string> }[] {
  return [...html.matchAll(/<tr data-account="([^"]*)">(.*?)<\/tr>/g)].map((line) => ({
    id: unescape(line[1] ?? ''),
    cells: Object.fromEntries(
      [...(line[2] ?? '').matchAll(/<td data-column="([^"]*)"[^>]*>(.*?)<\/td>/g)].map((cell) => [
        cell[1] ?? '',
        unescape(cell[2] ?? ''),
      ]),
    ),
  }));
}

const figure = (value: number | undefined) =>
  value === undefined ? '–' : Number.isInteger(value) ? String(value) : value.toFixed(1);
const duration = (ms: number | undefined) =>
  ms === undefined
    ? '–'
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)} min`
      : ms < 48 * 3_600_000
        ? `${(ms / 3_600_000).toFixed(1)} h`
        : `${(ms / DAY).toFixed(1)} days`;

/** The figures, computed from the fixture's truth with nothing of the package. */
function expectedFigures(): {
  figures: Map<string, string>;
  rows: { id: string; cells: Record<string, string> }[];
} {
  const { truth } = organization();
  const now = NOW.getTime();
  const end = (week: number) => now - week * WEEK;
  const inWeek = (time: number, week: number) => time > end(week) - WEEK && time <= end(week);
  const fixes = truth.tickets.filter((ticket) => ticket.kind === 'TEAM_FIX');
  const openAt = (at: number) =>
    fixes.filter((ticket) => ticket.opened <= at && (ticket.closed === undefined || ticket.closed > at));
  const overdueAt = (at: number) =>
    openAt(at).filter((ticket) => ticket.due !== undefined && ticket.due < at);
  const accountsOf = (rows: readonly { accountId: string }[]) =>
    new Set(rows.map((row) => row.accountId)).size;
  const remediated = (week: number) =>
    truth.remediations.filter((row) => row.outcome === 'remediated' && inWeek(row.at, week));
  const incidents = (week: number) => truth.incidents.filter((row) => inWeek(row.at, week));
  const closedIn = (week: number) =>
    fixes.filter((ticket) => ticket.closed !== undefined && inWeek(ticket.closed, week));
  const durations = (week: number) =>
    closedIn(week)
      .map((ticket) => (ticket.closed ?? 0) - ticket.opened)
      .sort((a, b) => a - b);
  const average = (values: number[]) =>
    values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
  const medianOf = (values: number[]) =>
    values.length === 0
      ? undefined
      : values.length % 2 === 1
        ? values[(values.length - 1) / 2]
        : ((values[values.length / 2 - 1] ?? 0) + (values[values.length / 2] ?? 0)) / 2;
  const scores = (tickets: TruthTicket[]) =>
    tickets.flatMap((ticket) => (ticket.penalty === undefined ? [] : [ticket.penalty]));

  const figures = new Map<string, string>();
  const perWeek = (name: string, of: (week: number) => string) =>
    WEEKS.forEach((label, week) => figures.set(`${name}.${label}`, of(week)));
  perWeek('openTickets', (w) => figure(openAt(end(w)).length));
  perWeek('overdueTickets', (w) => figure(overdueAt(end(w)).length));
  perWeek('accountsWithOpenTickets', (w) => figure(accountsOf(openAt(end(w)))));
  perWeek('accountsWithOverdueTickets', (w) => figure(accountsOf(overdueAt(end(w)))));
  perWeek('ticketsOpened', (w) => figure(fixes.filter((ticket) => inWeek(ticket.opened, w)).length));
  perWeek('ticketsClosed', (w) => figure(closedIn(w).length));
  perWeek('averageTimeToClose', (w) => duration(average(durations(w))));
  perWeek('medianTimeToClose', (w) => duration(medianOf(durations(w))));
  perWeek('penaltyTotal', (w) => figure(scores(openAt(end(w))).reduce((sum, score) => sum + score, 0)));
  perWeek('penaltyAverage', (w) => figure(average(scores(openAt(end(w))))));
  perWeek('autoRemediations', (w) => figure(remediated(w).length));
  perWeek('remediationsNotFixed', (w) =>
    figure(truth.remediations.filter((row) => row.outcome !== 'remediated' && inWeek(row.at, w)).length),
  );
  perWeek('accountsWithAutoRemediations', (w) => figure(accountsOf(remediated(w))));
  perWeek('incidents', (w) => figure(incidents(w).length));
  perWeek('accountsWithIncidents', (w) => figure(accountsOf(incidents(w))));
  perWeek('soarFailures', (w) => figure(incidents(w).filter((row) => row.soarFailure).length));

  for (const severity of SEVERITIES) {
    for (let week = 0; week < 4; week += 1) {
      const count = (rows: readonly { severity: string }[]) =>
        String(rows.filter((row) => row.severity === severity).length);
      figures.set(`openTicketsBySeverity.${severity}.w${week}`, count(openAt(end(week))));
      figures.set(`autoRemediationsBySeverity.${severity}.w${week}`, count(remediated(week)));
      figures.set(`incidentsBySeverity.${severity}.w${week}`, count(incidents(week)));
    }
  }

  const openNow = openAt(now);
  const overdueNow = overdueAt(now);
  const tally = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  let withControl = 0;
  for (const [control, count] of tally(
    openNow.flatMap((t) => (t.controlId === undefined ? [] : [t.controlId])),
  )) {
    withControl += count;
    figures.set(`openTicketsByControl:${control}`, String(count));
    figures.set(
      `openTicketsByControl.overdue:${control}`,
      String(overdueNow.filter((ticket) => ticket.controlId === control).length),
    );
  }
  if (openNow.length > withControl)
    figures.set('openTicketsByControl:Others', String(openNow.length - withControl));
  for (const [control, count] of tally(remediated(0).map((row) => row.controlId ?? 'Without a control')))
    figures.set(`autoRemediationsByControl:${control}`, String(count));
  for (const [type, count] of tally(incidents(0).map((row) => row.type ?? 'Unknown type')))
    figures.set(`incidentsByType:${type}`, String(count));
  figures.set('ticketsWithoutDueDate', String(openNow.filter((ticket) => ticket.due === undefined).length));
  figures.set('unreadable', '1');
  figures.set('unreadable.tickets', '1');

  // The accounts table: every account with an open ticket, or a remediation or incident this week.
  const thisWeekRemediations = truth.remediations.filter((row) => inWeek(row.at, 0));
  const ids = new Set([
    ...openNow.map((row) => row.accountId),
    ...thisWeekRemediations.map((row) => row.accountId),
    ...incidents(0).map((row) => row.accountId),
  ]);
  figures.set('accounts.total', '20');
  figures.set('accounts.withIssues', String(ids.size));
  const rows = [...ids].map((id) => {
    const account = truth.accounts.find((candidate) => candidate.id === id);
    const tickets = openNow.filter((row) => row.accountId === id).length;
    const autoRemediations = remediated(0).filter((row) => row.accountId === id).length;
    const incidentCount = incidents(0).filter((row) => row.accountId === id).length;
    const remarks =
      account === undefined
        ? 'Not in the list of accounts of the organization'
        : account.management
          ? 'AWS Organizations management account'
          : '';
    return {
      id,
      sortName: account?.name ?? id,
      issues: tickets + autoRemediations + incidentCount,
      cells: {
        environment: account?.environment ?? '–',
        ou: account?.ou ?? '–',
        team: account?.team ?? '–',
        tickets: String(tickets),
        overdue: String(overdueNow.filter((row) => row.accountId === id).length),
        autoRemediations: String(autoRemediations),
        incidents: String(incidentCount),
        remarks,
      },
    };
  });
  rows.sort(
    (a, b) => b.issues - a.issues || a.sortName.localeCompare(b.sortName) || a.id.localeCompare(b.id),
  );
  return { figures, rows: rows.map(({ id, cells }) => ({ id, cells })) };
}

function build(): { report: WeeklyReport; html: string } {
  const { facts, unreadable } = readFacts(organization().raw);
  const report = assembleWeeklyReport(facts, {
    now: NOW,
    productName: 'SOAR',
    isoWeekInTitle: true,
    unreadable,
  });
  const html = renderWeeklyReportHtml(report, {
    overview:
      '<h3>This week</h3><p>Open tickets went down, and most overdue ones are in two accounts.</p><script>alert(1)</script>',
    recommendations:
      '<ol><li>Turn on S3 Block Public Access at the account level.</li><li>Review IAM.1.</li></ol>',
    accounts: Object.fromEntries(
      report.accountRows
        .slice(1)
        .map((row) => [row.accountId, `<p>${row.name ?? row.accountId} has a few things to look at.</p>`]),
    ),
  });
  return { report, html };
}

describe('Weekly report: 20 accounts with differing columns', () => {
  const { report, html } = build();

  it('writes the sample to tools/bench/tmp to look at in a browser', () => {
    const dir = join(__dirname, '..', '..', '..', 'tools', 'bench', 'tmp');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'weekly-report-sample.html'), html);
    expect(html.length).toBeGreaterThan(10_000);
  });

  it('reads every row but the broken one, and names that one', () => {
    expect(report.unreadable).toEqual([
      {
        source: 'tickets',
        index: 3,
        id: 'arn:aws:securityhub:eu-west-1:111100001111:finding/broken',
        fields: ['openedAt'],
      },
    ]);
    expect(report.accounts.total).toBe(20);
    expect(report.title).toBe('SOAR weekly security report (week 23)');
  });

  it('is self-contained: no script, no stylesheet or image to load, no link out', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<iframe|<object|<embed/i);
    expect(html).not.toMatch(/\b(?:src|href|xlink:href|action|srcset)\s*=\s*["']?\s*(?:[a-z]+:)?\/\//i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    // No event handler in any tag (text may mention one: it is escaped, so it is no tag).
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag))).toEqual([]);
  });

  it('has every figure of the overview exactly as computed from the seeded data', () => {
    const expected = expectedFigures();
    const actual = figuresOf(html);
    // Every figure shown is checked, and every figure expected is shown.
    expect([...actual.keys()].sort()).toEqual([...expected.figures.keys()].sort());
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected.figures));
  });

  it('has every line of the accounts table as computed from the seeded data, most issues first', () => {
    const expected = expectedFigures().rows;
    const actual = accountLinesOf(html).map(({ id, cells }) => {
      const { account: _account, ...rest } = cells;
      return { id, cells: rest };
    });
    expect(actual).toEqual(expected);
    expect(actual.length).toBeGreaterThan(10);
  });

  it('escapes text from the data and sanitises the prose', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; suspicious login');
    expect(html).toMatch(/Finding \d+-\d+ &lt;b&gt;with&lt;\/b&gt; &quot;markup&quot; &amp; stuff/);
    expect(html).toContain('<p style="margin:0 0 8px 0">Open tickets went down');
    expect(html).toContain('data-prose="unavailable"');
  });
});
