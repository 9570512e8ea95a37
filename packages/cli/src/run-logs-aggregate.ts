import { S3Client } from '@aws-sdk/client-s3';
import {
  LogAggregationInputError,
  parseAggregationOptions,
  type AggregationOptionsInput,
} from '@soar/log-aggregation';
import {
  aggregateDay,
  type AggregationProgress,
  type AggregationResult,
  type DeleteFailure,
} from '@soar/log-aggregation/aws';
import type { CliIo } from './commands';

/** Options of `soar logs aggregate`, as commander parses them. */
export interface LogsAggregateCliOptions {
  readonly date: string;
  readonly orgId: string;
  readonly sourceBucket: string;
  readonly archiveBucket: string;
  readonly archivePrefix: string;
  readonly account?: readonly string[];
  readonly deleteVersions?: boolean;
  readonly partSizeMib?: number;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly json?: boolean;
}

/**
 * Skip reasons that leave a source of the day in place for good until someone looks: it changed
 * after it was archived, or it is in a day's folder but is not a gzip log. The others are by design
 * (another day or account, the archive area, a prefix that is not an account).
 */
const NEEDS_A_LOOK = new Set(['changed-since-archived', 'not-gzip', 'not-control-tower-layout']);

/** The library's option names, as the flags that set them. */
const FLAG_OF: Readonly<Record<string, string>> = {
  orgId: '--org-id',
  sourceBucket: '--source-bucket',
  archiveBucket: '--archive-bucket',
  archivePrefix: '--archive-prefix',
  date: '--date',
  accountId: '--account',
  partSizeBytes: '--part-size-mib',
  deleteVersions: '--delete-versions',
};

const MIB = 1024 * 1024;

/** `1234` → `1.2 KiB`; bytes in the unit a person reads at a glance. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MIB) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  return `${(bytes / (1024 * MIB)).toFixed(2)} GiB`;
}

interface Totals {
  built: number;
  builtBytes: number;
  builtEntries: number;
  alreadyVerified: number;
  deleted: number;
  remainingArchives: number;
  skipped: Map<string, string[]>;
  deleteFailures: DeleteFailure[];
  failedRuns: { scope: string; message: string }[];
}

function progressLine(scope: string, event: AggregationProgress): string | undefined {
  switch (event.type) {
    case 'listed':
      return (
        `${scope}: ${event.sources} objects listed, ${event.archives} archives to build` +
        (event.alreadyVerified > 0 ? `, ${event.alreadyVerified} already verified` : '') +
        '\n'
      );
    case 'archive-built': {
      const { accountId, logType, region } = event.group;
      return (
        `[${event.index}/${event.of}] ${accountId} ${logType} ${region}: ${event.entries} object${event.entries === 1 ? '' : 's'}, ` +
        `${formatBytes(event.bytes)} archived\n`
      );
    }
    case 'deleted':
      return event.failures > 0
        ? `  ${event.failures} sources could not be deleted (see the summary)\n`
        : undefined;
  }
}

function add(totals: Totals, result: AggregationResult): void {
  totals.built += result.built.length;
  for (const archive of result.built) {
    totals.builtBytes += archive.totalBytes;
    totals.builtEntries += archive.entries;
  }
  totals.alreadyVerified += result.alreadyVerified;
  totals.deleted += result.deleted;
  totals.remainingArchives += result.remainingArchives;
  totals.deleteFailures.push(...result.deleteFailures);
  for (const skip of result.skipped) {
    const keys = totals.skipped.get(skip.reason) ?? [];
    keys.push(skip.key);
    totals.skipped.set(skip.reason, keys);
  }
}

function summaryLines(date: string, totals: Totals): string[] {
  const lines = [
    `Log aggregation of ${date}: ${totals.built} archives built (${totals.builtEntries} objects, ` +
      `${formatBytes(totals.builtBytes)}), ${totals.alreadyVerified} already verified, ` +
      `${totals.deleted} sources deleted.`,
  ];
  if (totals.remainingArchives > 0) {
    lines.push(`  stopped early: ${totals.remainingArchives} archives not started; run it again to finish`);
  }
  for (const [reason, keys] of [...totals.skipped].sort(([a], [b]) => a.localeCompare(b))) {
    const look = NEEDS_A_LOOK.has(reason) ? ' (needs a look; kept in place)' : '';
    lines.push(`  skipped, ${reason}${look}: ${keys.length}`);
    if (NEEDS_A_LOOK.has(reason)) for (const key of keys) lines.push(`    ${key}`);
  }
  if (totals.deleteFailures.length > 0) {
    lines.push(
      `  delete failures (archived and verified; run it again to retry): ${totals.deleteFailures.length}`,
    );
    for (const failure of totals.deleteFailures) {
      lines.push(`    ${failure.key}: ${failure.code} ${failure.message}`.trimEnd());
    }
  }
  for (const failed of totals.failedRuns)
    lines.push(`  ${failed.scope} FAILED, nothing of it deleted: ${failed.message}`);
  return lines;
}

/** The client for `--endpoint-url` (a moto server: path-style, test credentials) or for AWS. */
function s3ClientFor(options: LogsAggregateCliOptions): S3Client {
  if (options.endpointUrl === undefined) {
    return new S3Client(options.region === undefined ? {} : { region: options.region });
  }
  return new S3Client({
    endpoint: options.endpointUrl,
    forcePathStyle: true,
    region: options.region ?? process.env['AWS_REGION'] ?? 'us-east-1',
    ...(process.env['AWS_ACCESS_KEY_ID'] === undefined
      ? { credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }
      : {}),
  });
}

function baseOptions(options: LogsAggregateCliOptions): AggregationOptionsInput {
  return {
    orgId: options.orgId,
    sourceBucket: options.sourceBucket,
    archiveBucket: options.archiveBucket,
    archivePrefix: options.archivePrefix,
    date: options.date,
    deleteVersions: options.deleteVersions === true,
    ...(options.partSizeMib === undefined ? {} : { partSizeBytes: options.partSizeMib * MIB }),
  };
}

/** The runs to make: each `--account` once, or the whole organization. */
function scopesOf(options: LogsAggregateCliOptions): (string | undefined)[] {
  return options.account === undefined ? [undefined] : [...new Set(options.account)];
}

/**
 * Checks the flags as the library will read them; the problem, named by its flag (such as
 * `--archive-prefix: …`), or undefined when they are usable.
 */
export function logsAggregateFlagProblem(options: LogsAggregateCliOptions): string | undefined {
  for (const accountId of scopesOf(options)) {
    const base = baseOptions(options);
    try {
      parseAggregationOptions(accountId === undefined ? base : { ...base, accountId });
    } catch (error) {
      if (error instanceof LogAggregationInputError)
        return `${FLAG_OF[error.field] ?? error.field}: ${error.message}`;
      throw error;
    }
  }
  return undefined;
}

/**
 * `soar logs aggregate`: aggregates one day of Control Tower logs (the whole organization, or each
 * `--account` in turn) with `@soar/log-aggregation`, printing each archive as it is verified and a
 * summary; the flags are expected checked by {@link logsAggregateFlagProblem}. Exit status 1 when a delete failed, a source needs a look, or an account's run failed; a
 * first Ctrl-C stops between archives (nothing half done).
 *
 * @example
 * ```ts
 * const status = await runLogsAggregate({ date: '2026-06-19', orgId: 'o-abcdef1234',
 *   sourceBucket: 'ct-logs', archiveBucket: 'archive', archivePrefix: 'control-tower' }, processIo());
 * ```
 */
export async function runLogsAggregate(options: LogsAggregateCliOptions, io: CliIo): Promise<number> {
  const base = baseOptions(options);
  const scopes = scopesOf(options);
  const totals: Totals = {
    built: 0,
    builtBytes: 0,
    builtEntries: 0,
    alreadyVerified: 0,
    deleted: 0,
    remainingArchives: 0,
    skipped: new Map(),
    deleteFailures: [],
    failedRuns: [],
  };
  let stopRequested = false;
  const onInterrupt = (): void => {
    stopRequested = true;
    io.stderr('Stopping after the archive in progress (press Ctrl-C again to abort at once).\n');
  };
  process.once('SIGINT', onInterrupt);
  const s3 = s3ClientFor(options);
  try {
    for (const accountId of scopes) {
      const scope = accountId ?? 'organization';
      const input = accountId === undefined ? base : { ...base, accountId };
      try {
        const result = await aggregateDay(s3, input, {
          shouldStop: () => stopRequested,
          onProgress: (event) => {
            const line = options.json === true ? undefined : progressLine(scope, event);
            if (line !== undefined) io.stderr(line);
          },
        });
        add(totals, result);
      } catch (error) {
        // One account's failure leaves its sources in place (nothing is deleted before its archive
        // is verified); the other accounts still run, and the exit status says so.
        totals.failedRuns.push({ scope, message: error instanceof Error ? error.message : String(error) });
      }
      if (stopRequested) break;
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    s3.destroy();
  }
  const needsALook = [...totals.skipped.keys()].some((reason) => NEEDS_A_LOOK.has(reason));
  const ok = totals.deleteFailures.length === 0 && !needsALook && totals.failedRuns.length === 0;
  if (options.json === true) {
    io.stdout(
      `${JSON.stringify(
        {
          date: options.date,
          complete: totals.remainingArchives === 0 && !stopRequested,
          built: totals.built,
          builtObjects: totals.builtEntries,
          builtBytes: totals.builtBytes,
          alreadyVerified: totals.alreadyVerified,
          deleted: totals.deleted,
          remainingArchives: totals.remainingArchives,
          skipped: Object.fromEntries(totals.skipped),
          deleteFailures: totals.deleteFailures,
          failedRuns: totals.failedRuns,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(`${summaryLines(options.date, totals).join('\n')}\n`);
  }
  return ok ? 0 : 1;
}
