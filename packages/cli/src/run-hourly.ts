import {
  loadWorldFile,
  parseWorld,
  startLocalSoar,
  type HourlyRun,
  type SimulationReport,
} from '@soar/simulation';
import { CliInputError, type CliIo, type SoarCliApp } from './commands';
import { orderedRoutes, plural } from './render-text';
import type { WeeklyReportSummary } from '@soar/reporting';

/** Options of `soar run hourly`. */
export interface HourlyCliOptions {
  readonly world?: string;
  readonly at?: string;
  readonly json?: boolean;
}

/**
 * `soar run hourly`: runs the stack's hourly tasks function once, locally, at `--at` (default the
 * world's `now`, else the real clock), over the world's open tickets: prints the reminders sent, the
 * tickets skipped and the statistics. Exit status 1 when a reminder could not be delivered.
 *
 * @example
 * ```ts
 * const status = await runHourly({ world: 'examples/world.yaml', at: '2026-12-02T12:00:00Z' }, processIo(), app);
 * ```
 */
export async function runHourly(options: HourlyCliOptions, io: CliIo, app: SoarCliApp): Promise<number> {
  const at = options.at === undefined ? undefined : new Date(options.at);
  if (at !== undefined && Number.isNaN(at.getTime()))
    throw new CliInputError(`--at: not an ISO 8601 time: ${options.at ?? ''}`);
  const world = options.world === undefined ? parseWorld({}) : loadWorldFile(options.world);
  const template = await app.template(world);
  const soar = await startLocalSoar({ template, workspaceRoot: app.workspaceRoot, world, findings: [] });
  try {
    const run = await soar.hourly(at);
    if (options.json) io.stdout(`${JSON.stringify(run, null, 2)}\n`);
    else io.stdout(`${hourlyRunLines(run).join('\n')}\n`);
    return run.failed.length > 0 || run.error !== undefined ? 1 : 0;
  } finally {
    await soar.stop();
  }
}

/** One hourly run for people: the reminders, the tickets skipped and why, the statistics. */
export function hourlyRunLines(run: HourlyRun, options: { readonly skipped?: boolean } = {}): string[] {
  const lines = [
    `Hourly tasks at ${run.at}: ${plural(run.openTickets, 'open ticket')}, ` +
      `${plural(run.reminders.length, 'reminder')} sent, ${run.skipped.length} skipped` +
      (run.failed.length > 0 ? `, ${run.failed.length} NOT DELIVERED` : '') +
      '.',
  ];
  for (const reminder of run.reminders) lines.push(`  ${reminderLine(reminder)}`);
  if (options.skipped !== false) {
    for (const skipped of run.skipped) {
      const why =
        skipped.reason === 'not_due'
          ? `not due until ${skipped.dueAt ?? '?'}`
          : skipped.reason === 'never_due'
            ? `its severity is never overdue`
            : `already reminded${skipped.remindedAt === undefined ? '' : ` at ${skipped.remindedAt}`}`;
      lines.push(`  skipped ${skipped.ticketId} (${skipped.severity}, account ${skipped.accountId}): ${why}`);
    }
  }
  for (const failed of run.failed) lines.push(`  NOT DELIVERED: ${failed.cause}`);
  if (run.error !== undefined) lines.push(`  The hourly function failed: ${run.error}`);
  lines.push('Metrics:', ...run.metricLines.map((line) => `  ${line}`));
  return lines;
}

function reminderLine(reminder: HourlyRun['reminders'][number]): string {
  return (
    `reminded ${reminder.to.join(', ') || '(no address)'} about ${reminder.ticketId} ` +
    `(${reminder.severity}, account ${reminder.accountId}` +
    (reminder.dueAt === undefined ? '' : `, due ${reminder.dueAt}`) +
    ')' +
    (reminder.cc.length > 0 ? `, escalation CC ${reminder.cc.join(', ')}` : ', no escalation CC')
  );
}

/**
 * "A day of SOAR": the findings processed by route, the tickets they opened, the reminders the
 * hourly runs sent, and the statistics of the last run.
 */
export function dayLines(report: SimulationReport): string[] {
  const day = report.day;
  if (day === undefined) return [];
  const routes = orderedRoutes(report.totals.routes)
    .map(([route, count]) => `${route} ${count}`)
    .join(', ');
  const opened = report.findings.filter((f) => f.result?.outcome === 'ticketed');
  const reminders = day.runs.flatMap((run) => run.reminders.map((r) => ({ at: run.at, reminder: r })));
  const failed = day.runs.flatMap((run) => run.failed);
  const last = day.runs.at(-1);
  const lines = [
    '',
    `A day of SOAR (${plural(day.hours, 'hour')} after ${report.world.now ?? report.startedAt})`,
    `  Findings processed: ${report.findings.length} (${routes})`,
    `  Tickets opened: ${opened.length}`,
    `  Reminders sent: ${reminders.length}` + (failed.length > 0 ? `, ${failed.length} NOT DELIVERED` : ''),
    ...reminders.map(({ at, reminder }) => `    ${at.slice(11, 16)} ${reminderLine(reminder)}`),
    ...failed.map((f) => `    NOT DELIVERED: ${f.cause}`),
  ];
  if (last !== undefined)
    lines.push(`  Metrics at ${last.at}:`, ...last.metricLines.map((line) => `    ${line}`));
  if (day.weeklyReport !== undefined) lines.push(...weeklyReportLines(day.weeklyReport.summary));
  return lines;
}

/** The weekly report for people: its figures and the sections the model wrote no prose for. */
export function weeklyReportLines(summary: WeeklyReportSummary): string[] {
  return [
    `  Weekly report "${summary.subject}": ${plural(summary.accountsWithIssues, 'account')} with issues, ` +
      `${plural(summary.openTickets, 'open ticket')} (${summary.overdueTickets} overdue), ` +
      `${plural(summary.autoRemediations, 'auto-remediation')}, ${plural(summary.incidents, 'incident')}`,
    ...(summary.sectionsWithoutProse.length === 0
      ? []
      : [`    No AI prose for: ${summary.sectionsWithoutProse.join(', ')}`]),
    ...(summary.unreadableRows === 0
      ? []
      : [`    ${plural(summary.unreadableRows, 'row')} could not be read`]),
  ];
}
