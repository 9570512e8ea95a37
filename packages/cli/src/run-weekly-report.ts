import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorldFile, parseWorld, startLocalSoar } from '@soar/simulation';
import { CliInputError, type CliIo, type SoarCliApp } from './commands';
import { weeklyReportLines } from './run-hourly';

/** Options of `soar run weekly-report`. */
export interface WeeklyReportCliOptions {
  readonly world?: string;
  readonly at?: string;
  readonly out: string;
  readonly to?: string;
  readonly json?: boolean;
}

/**
 * `soar run weekly-report`: runs the stack's weekly report function once, locally, at `--at` over
 * the world's tickets (the prose from the local model, which calls nothing), writes the report to
 * `--out` and, with `--to`, emails it through the outbox (printed with `--json`).
 *
 * @example
 * ```ts
 * const status = await runWeeklyReport({ world: 'examples/world.yaml', out: 'reports/weekly.html' }, processIo(), app);
 * ```
 */
export async function runWeeklyReport(
  options: WeeklyReportCliOptions,
  io: CliIo,
  app: SoarCliApp,
): Promise<number> {
  const at = options.at === undefined ? undefined : new Date(options.at);
  if (at !== undefined && Number.isNaN(at.getTime()))
    throw new CliInputError(`--at: not an ISO 8601 time: ${options.at ?? ''}`);
  const recipients = (options.to ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  const world = options.world === undefined ? parseWorld({}) : loadWorldFile(options.world);
  const template = await app.template(world);
  const soar = await startLocalSoar({ template, workspaceRoot: app.workspaceRoot, world, findings: [] });
  try {
    const { summary, html } = await soar.weeklyReport(at, { recipients });
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    fs.writeFileSync(options.out, html, 'utf8');
    if (options.json) io.stdout(`${JSON.stringify({ ...summary, file: options.out }, null, 2)}\n`);
    else io.stdout(`${[...weeklyReportLines(summary), `  Written to ${options.out}`].join('\n')}\n`);
    return 0;
  } finally {
    await soar.stop();
  }
}
