import { Command, InvalidArgumentError, Option } from 'commander';
import { runPlan, runRemediate, runRollback, runSimulate, type CliIo, type SoarCliApp } from './commands';
import { runHourly, type HourlyCliOptions } from './run-hourly';
import {
  logsAggregateFlagProblem,
  runLogsAggregate,
  type LogsAggregateCliOptions,
} from './run-logs-aggregate';
import { runSyncControls, type SyncControlsCliOptions } from './run-sync-controls';
import { runWeeklyReport, type WeeklyReportCliOptions } from './run-weekly-report';

/** The `soar` command line: simulate locally, plan against AWS (read-only), remediate one finding. */
export function buildProgram(io: CliIo, app: SoarCliApp): Command {
  const program = new Command('soar')
    .description(
      'SOAR for AWS Organizations: see what SOAR does with Security Hub findings, locally or against AWS.',
    )
    .showHelpAfterError('(run "soar --help" for the commands and options)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();

  const url = (value: string): string => {
    if (!URL.canParse(value)) throw new InvalidArgumentError('must be a URL such as http://127.0.0.1:5000');
    return value;
  };
  const hours = (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 168)
      throw new InvalidArgumentError('must be a whole number of hours from 0 to 168');
    return n;
  };
  const rounds = (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 10)
      throw new InvalidArgumentError('must be a whole number from 0 to 10');
    return n;
  };

  program
    .command('simulate')
    .summary('run findings through SOAR locally and show what it does with each')
    .description(
      "Run findings through SOAR's real workflows on this machine: the synthesized state machine, " +
        "the same handlers, SOAR's tables in an embedded DynamoDB, a local Security Hub, internal " +
        'tickets and an outbox instead of email. Remediations are planned from each finding; nothing ' +
        'leaves the machine unless --endpoint-url points them at an AWS endpoint (such as a moto ' +
        'server), where they read and change resources for real.\n\n' +
        'Inputs: JSON files or directories of them; each file holds an ASFF finding, an array of findings, a "Security Hub Findings - ' +
        'Imported" event, or { "Findings": [...] }. Findings run in file-name order.',
    )
    .argument('<paths...>', 'finding files or directories')
    .option(
      '-w, --world <file>',
      'YAML or JSON world: accounts, enabled controls, suppression rules, remediation switches',
    )
    .option('-r, --report <dir>', 'also write a self-contained HTML report to <dir>/index.html')
    .addOption(
      new Option('--endpoint-url <url>', 'run remediations for real against this AWS endpoint').argParser(
        url,
      ),
    )
    .addOption(
      new Option(
        '--follow-ups <rounds>',
        "follow Security Hub's events for SOAR's own updates this many rounds",
      )
        .argParser(rounds)
        .default(2),
    )
    .addOption(
      new Option(
        '--hours <n>',
        "then run the hourly tasks at each of the next <n> hours from the world's now (24: a day)",
      ).argParser(hours),
    )
    .option('--json', 'print the whole simulation as JSON on stdout (no progress, no colours)')
    .option('-v, --verbose', 'print the text of every message')
    .option('--no-color', 'no ANSI colours')
    .option('--no-progress', 'no progress bar on stderr')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  soar simulate examples/findings --world examples/world.yaml --report reports/simulation\n' +
        '  soar simulate examples/findings --world examples/world.yaml --hours 24   # and a day of reminders\n' +
        '  soar simulate finding.json --json > result.json\n' +
        '  soar simulate finding.json --endpoint-url http://127.0.0.1:5000   # remediate against moto\n\n' +
        'Exit status: 0 when every finding was handled; 1 when an input could not be read or a finding\n' +
        'ended in a recorded failure; 2 for a usage error.',
    )
    .action(async (paths: string[], options: SimulateCliOptions) => {
      io.exitCode = await runSimulate(paths, options, io, app);
    });

  program
    .command('plan')
    .summary('what SOAR would do with findings, against AWS, read-only')
    .description(
      "What SOAR would do with findings, against real AWS and read-only: decide with SOAR's " +
        'deployed tables (with --config) and plan each remediation from the live resource in its ' +
        'account. Every session is limited to the read actions of its control (Describe*, Get*, ' +
        'List*), so nothing can change.',
    )
    .argument('<paths...>', 'finding files or directories')
    .option(
      '-c, --config <file>',
      'the runtime configuration of the deployed stack (the SOAR_CONFIG JSON of a function)',
    )
    .option('--role-name <name>', 'the role to assume in member accounts', 'AWSControlTowerExecution')
    .option('--region <region>', "default region for SOAR's own resources")
    .addOption(
      new Option('--endpoint-url <url>', 'an AWS endpoint (e.g. moto) instead of AWS').argParser(url),
    )
    .option('--json', 'print JSON on stdout')
    .option('--no-color', 'no ANSI colours')
    .action(async (paths: string[], options: PlanCliOptions) => {
      io.exitCode = await runPlan(paths, options, io);
    });

  program
    .command('remediate')
    .summary('plan, or with --apply make, the fix of one file of findings')
    .description(
      'Remediate the findings of one file: read the live resource and plan the fix; with --apply, ' +
        'make the change and verify it. Without --apply it only plans (read-only).',
    )
    .argument('<file>', 'a finding file (a finding, a list, or an event)')
    .option('--apply', 'make the change (without it: plan only)')
    .option(
      '--save-rollback <file>',
      'with --apply: write what undoes each fix to <file>, for "soar rollback"',
    )
    .option('--role-name <name>', 'the role to assume in member accounts', 'AWSControlTowerExecution')
    .addOption(
      new Option('--endpoint-url <url>', 'an AWS endpoint (e.g. moto) instead of AWS').argParser(url),
    )
    .option('--json', 'print JSON on stdout')
    .option('--no-color', 'no ANSI colours')
    .action(async (file: string, options: RemediateCliOptions) => {
      io.exitCode = await runRemediate(file, options, io);
    });

  program
    .command('rollback')
    .summary('undo fixes SOAR made, from the records "soar remediate --save-rollback" wrote')
    .description(
      'Undo fixes SOAR made, from rollback records (a record or a list, as "soar remediate --apply ' +
        '--save-rollback" writes them, or `result.beforeImages` of the library). Each rollback reads the ' +
        'live resource first and refuses when it changed since the fix in a way that makes undoing it ' +
        'unsafe. Without --apply it only plans (read-only).',
    )
    .argument('<file>', 'a JSON file of rollback records')
    .option('--apply', 'undo the fixes (without it: plan only)')
    .option('--role-name <name>', 'the role to assume in member accounts', 'AWSControlTowerExecution')
    .addOption(
      new Option('--endpoint-url <url>', 'an AWS endpoint (e.g. moto) instead of AWS').argParser(url),
    )
    .option('--json', 'print JSON on stdout')
    .action(async (file: string, options: RollbackCliOptions) => {
      io.exitCode = await runRollback(file, options, io);
    });

  const runJob = program
    .command('run')
    .summary("run one of SOAR's scheduled jobs locally, against the world")
    .description("Run one of the stack's scheduled jobs once, on this machine, over a world file.");
  runJob
    .command('sync-controls')
    .summary('sync the enabled Security Hub controls of every account of the world')
    .description(
      "Run the stack's enabled-controls sync state machine once, as its schedule does: list the " +
        "world's accounts, read each one's enabled controls (the world's enabledControls, answered " +
        'page by page as Security Hub would) and write only the rows that changed, starting from an ' +
        'empty table. Each batch is printed as it ends.',
    )
    .option('-w, --world <file>', 'YAML or JSON world: its accounts and their enabledControls')
    .option('--json', 'print the totals, states entered and failures as JSON on stdout')
    .addHelpText(
      'after',
      '\nExample:\n  soar run sync-controls --world examples/world.yaml\n\n' +
        'Exit status: 0 when every account was synced or skipped; 1 when one failed.',
    )
    .action(async (options: SyncControlsCliOptions) => {
      io.exitCode = await runSyncControls(options, io, app);
    });
  runJob
    .command('hourly')
    .summary('run the hourly tasks over the open tickets of the world: reminders and statistics')
    .description(
      "Run the stack's hourly tasks function once, as its schedule does, at --at: publish the " +
        "statistics (kept and printed here instead of CloudWatch's embedded metric format), then send " +
        "the overdue reminders that are due, over the world's open tickets. Prints each reminder (to " +
        'whom, which ticket, the escalation CC), each ticket skipped and why, and the statistics.',
    )
    .option('-w, --world <file>', 'YAML or JSON world: its accounts and the tickets open')
    .option('--at <time>', "when the run happens, ISO 8601 (default: the world's now, else the clock)")
    .option('--json', 'print the run (reminders, skipped tickets, metric points) as JSON on stdout')
    .addHelpText(
      'after',
      '\nExample:\n  soar run hourly --world examples/world.yaml --at 2026-12-02T12:00:00Z\n\n' +
        'Exit status: 0 when every reminder due was delivered; 1 when one was not.',
    )
    .action(async (options: HourlyCliOptions) => {
      io.exitCode = await runHourly(options, io, app);
    });
  runJob
    .command('weekly-report')
    .summary("write the weekly AI security report over the world's tickets")
    .description(
      "Run the stack's weekly report function once, as its schedule does (Monday 01:00 UTC by default), " +
        "at --at: the week's tickets, incidents and auto-remediations of the world's accounts, the " +
        'figures and charts computed from them, and the prose written by the local model (clearly ' +
        'labelled: nothing is called). Writes the self-contained HTML report to --out.',
    )
    .option('-w, --world <file>', 'YAML or JSON world: its accounts and the tickets open')
    .option('--at <time>', "when the run happens, ISO 8601 (default: the world's now, else the clock)")
    .option('-o, --out <file>', 'where to write the HTML report', 'reports/weekly-report.html')
    .option('--to <addresses>', 'also email it (to the outbox) to these comma-separated addresses')
    .option('--json', 'print the summary (figures, sections without prose) as JSON on stdout')
    .addHelpText(
      'after',
      '\nExample:\n  soar run weekly-report --world examples/world.yaml --out reports/weekly-report.html\n',
    )
    .action(async (options: WeeklyReportCliOptions) => {
      io.exitCode = await runWeeklyReport(options, io, app);
    });

  const logs = program
    .command('logs')
    .summary('Control Tower log aggregation: combine a day of log objects into verified archives')
    .description('Control Tower log aggregation, against AWS or another S3 endpoint such as a moto server.');
  logs
    .command('aggregate')
    .summary("combine one day's Control Tower logs into verified archives, then delete the sources")
    .description(
      "Combine one day's Control Tower log objects (CloudTrail, CloudTrail digests, Config; both " +
        'bucket layouts) into one archive per account, log type and region, streamed as a multipart ' +
        'upload, with a manifest of every source key, size and ETag beside it.\n\n' +
        'Nothing is deleted before its archive is verified: each archive is checked against its ' +
        'manifest (size, part count, the manifest read back) and marked verified, and only then are ' +
        'exactly its sources deleted. Objects that cannot be archived are kept and reported. A run ' +
        'stopped or failed at any point can simply be run again: it finishes the work without ' +
        'duplicating or losing a log. A first Ctrl-C stops after the archive in progress.',
    )
    .addOption(
      new Option('--date <YYYY-MM-DD>', 'the day whose logs to aggregate (UTC)')
        .makeOptionMandatory()
        .argParser(isoDay),
    )
    .addOption(
      new Option('--org-id <id>', 'the organization id at the root of the log keys, such as o-abcdef1234')
        .makeOptionMandatory()
        .argParser(orgId),
    )
    .requiredOption('--source-bucket <bucket>', 'the Control Tower log bucket (aws-controltower-logs-…)')
    .requiredOption(
      '--archive-bucket <bucket>',
      'where archives, manifests and verified markers go (may be the source bucket)',
    )
    .option(
      '--archive-prefix <prefix>',
      'key prefix of the archives, without leading or trailing /',
      'control-tower',
    )
    .addOption(
      new Option(
        '--account <ids...>',
        'only these 12-digit accounts, one run each (repeatable); default: every account in the bucket',
      ).argParser(accountIds),
    )
    .option(
      '--delete-versions',
      'on a versioned source bucket, delete the archived versions themselves (by version id, matched on ' +
        'their ETag) instead of adding delete markers',
    )
    .addOption(
      new Option(
        '--part-size-mib <n>',
        'multipart part size in MiB, 5 to 5120; memory grows with it (default 8)',
      ).argParser(partSizeMib),
    )
    .addOption(new Option('--endpoint-url <url>', 'an S3 endpoint (e.g. moto) instead of AWS').argParser(url))
    .option('--region <region>', "the buckets' region (default: the environment's)")
    .option('--json', 'print the summary as JSON on stdout (no progress on stderr)')
    .addHelpText(
      'after',
      '\nExample:\n  soar logs aggregate --date 2026-06-19 --org-id o-abcdef1234 \\\n' +
        '    --source-bucket aws-controltower-logs-111122223333-eu-west-1 --archive-bucket all-aggregated-logs\n\n' +
        'Progress goes to stderr, one line per archive; the summary to stdout.\n' +
        'Exit status: 0 when every archive was built and its sources deleted; 1 when a delete failed,\n' +
        'a source was kept because it changed since it was archived or is not a gzip log, or an\n' +
        "account's run failed (its sources are kept); 2 for a usage error.",
    )
    .action(async function (this: Command, options: LogsAggregateCliOptions) {
      const problem = logsAggregateFlagProblem(options);
      if (problem !== undefined) this.error(`error: ${problem}`, { exitCode: 2 });
      io.exitCode = await runLogsAggregate(options, io);
    });

  return program;
}

const isoDay = (value: string): string => {
  const at = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(at.getTime()) ||
    at.toISOString().slice(0, 10) !== value
  )
    throw new InvalidArgumentError('must be a date such as 2026-06-19');
  return value;
};
const orgId = (value: string): string => {
  if (!/^o-[a-z0-9]{10,32}$/.test(value))
    throw new InvalidArgumentError('must be an organization id such as o-abcdef1234');
  return value;
};
const accountIds = (value: string, previous: readonly string[] | undefined): string[] => {
  if (!/^\d{12}$/.test(value)) throw new InvalidArgumentError('must be a 12-digit account id');
  return [...(previous ?? []), value];
};
const partSizeMib = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 5 || n > 5120)
    throw new InvalidArgumentError('must be a whole number of MiB from 5 to 5120');
  return n;
};

export interface SimulateCliOptions {
  readonly world?: string;
  readonly report?: string;
  readonly endpointUrl?: string;
  readonly followUps: number;
  readonly hours?: number;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly color: boolean;
  readonly progress: boolean;
}

export interface PlanCliOptions {
  readonly config?: string;
  readonly roleName: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly json?: boolean;
  readonly color: boolean;
}

export interface RemediateCliOptions {
  readonly apply?: boolean;
  readonly saveRollback?: string;
  readonly roleName: string;
  readonly endpointUrl?: string;
  readonly json?: boolean;
  readonly color: boolean;
}

export interface RollbackCliOptions {
  readonly apply?: boolean;
  readonly roleName: string;
  readonly endpointUrl?: string;
  readonly json?: boolean;
}

/**
 * Runs the CLI with `argv` (without the node and script names) and returns the exit status.
 *
 * @example
 * ```ts
 * const status = await main(['simulate', 'examples/findings', '--json'], processIo(), app);
 * ```
 */
export async function main(argv: readonly string[], io: CliIo, app: SoarCliApp): Promise<number> {
  const program = buildProgram(io, app);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    if (isCommanderExit(error)) return error.exitCode === 0 ? 0 : 2;
    io.stderr(`soar: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number; code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('commander.') &&
    'exitCode' in error &&
    typeof error.exitCode === 'number'
  );
}
