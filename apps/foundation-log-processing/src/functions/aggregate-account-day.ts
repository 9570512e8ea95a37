// The AggregateAccountDay function: one account's day of Control Tower logs into verified archives,
// called in a loop by CombineAccountBatchSM until it says `complete`.
import { S3Client } from '@aws-sdk/client-s3';
import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
import { lambdaHandler, UNLIMITED_INVOCATION, type Invocation } from '@soar/lambda';
import { aggregateDay, type AggregationResult, type S3Port } from '@soar/log-aggregation/aws';
import * as z from 'zod';

import { parseDay } from '../dates';
import { LOG_MESSAGES } from '../messages';
import { parseInput, runtimeConfigFromEnv, type RuntimeConfig } from './runtime-config';

/** The state's input: the account, the day and how many invocations this day has had in the run. */
export const AggregateAccountDayInputSchema = z.lazy(() =>
  z.strictObject({
    accountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
    date: z.string().refine((date) => parseDay(date) !== undefined, 'expected a real day as YYYY-MM-DD'),
    round: z.number().int().min(0),
  }),
);
export type AggregateAccountDayInput = z.infer<typeof AggregateAccountDayInputSchema>;

/** What one invocation did: counts only, so a batch's results stay small. */
export interface AggregateAccountDaySummary {
  readonly accountId: string;
  readonly date: string;
  /** The invocations this day has had in this run, this one included. */
  readonly round: number;
  readonly complete: boolean;
  readonly remainingArchives: number;
  readonly built: number;
  readonly archivedBytes: number;
  readonly alreadyVerified: number;
  readonly deleted: number;
  /** Archived sources DeleteObjects refused: kept, retried by the next run. */
  readonly deleteFailures: number;
  /** Sources whose content changed since they were archived: kept, never deleted. */
  readonly changedSinceArchived: number;
  /** Listed keys neither archived nor deleted (not Control Tower logs, another day, not gzip). */
  readonly skipped: number;
}

/**
 * The counts of an aggregation result (pure).
 *
 * @example
 * ```ts
 * summarize({ accountId: '111122223333', date: '2026-06-19', round: 0 }, result).complete; // true
 * ```
 */
export function summarize(
  input: AggregateAccountDayInput,
  result: AggregationResult,
): AggregateAccountDaySummary {
  const changed = result.skipped.filter((item) => item.reason === 'changed-since-archived').length;
  return {
    accountId: input.accountId,
    date: input.date,
    round: input.round + 1,
    complete: result.complete,
    remainingArchives: result.remainingArchives,
    built: result.built.length,
    archivedBytes: result.built.reduce((sum, archive) => sum + archive.totalBytes, 0),
    alreadyVerified: result.alreadyVerified,
    deleted: result.deleted,
    deleteFailures: result.deleteFailures.length,
    changedSinceArchived: changed,
    skipped: result.skipped.length - changed,
  };
}

/** What the function works with. */
export interface AggregateAccountDayDeps {
  readonly s3: S3Port;
  readonly config: RuntimeConfig;
  readonly logger?: SoarLogger;
}

/**
 * Aggregates one account's day (`aggregateDay` of `@soar/log-aggregation`, scoped to the account):
 * archives built, verified and only then their sources deleted. It starts no new archive once less
 * than `stopMarginSeconds` of the invocation remain, and returns `complete: false`; the workflow
 * invokes it again, and the rerun continues where this one stopped. Kept sources (delete failures,
 * sources changed since they were archived) are logged with their keys and counted, never dropped.
 *
 * @example
 * ```ts
 * await run({ accountId: '111122223333', date: '2026-06-19', round: 0 }, deps, invocation);
 * // { accountId, date, round: 1, complete: true, built: 6, deleted: 480, deleteFailures: 0, ... }
 * ```
 */
export async function run(
  input: unknown,
  deps: AggregateAccountDayDeps,
  invocation: Invocation = UNLIMITED_INVOCATION,
): Promise<AggregateAccountDaySummary> {
  const parsed = parseInput('AggregateAccountDay input', AggregateAccountDayInputSchema, input);
  const { config } = deps;
  const logger = deps.logger ?? SILENT_LOGGER;
  const marginMs = config.stopMarginSeconds * 1000;
  const result = await aggregateDay(
    deps.s3,
    {
      orgId: config.orgId,
      sourceBucket: config.sourceBucket,
      archiveBucket: config.archiveBucket,
      archivePrefix: config.archivePrefix,
      date: parsed.date,
      accountId: parsed.accountId,
      partSizeBytes: config.partSizeBytes,
      deleteVersions: config.deleteVersions,
    },
    { shouldStop: () => invocation.remainingTimeMs() < marginMs },
  );
  const summary = summarize(parsed, result);
  const where = { accountId: parsed.accountId, date: parsed.date };
  if (summary.deleteFailures > 0 || summary.changedSinceArchived > 0) {
    logger.warn(LOG_MESSAGES.sourcesKept, {
      ...where,
      deleteFailures: result.deleteFailures.slice(0, 50),
      changedSinceArchived: result.skipped
        .filter((item) => item.reason === 'changed-since-archived')
        .slice(0, 50)
        .map((item) => item.key),
    });
  }
  if (!summary.complete && summary.round >= config.maxRoundsPerDay) {
    logger.warn(LOG_MESSAGES.dayIncomplete, { ...where, remainingArchives: summary.remainingArchives });
  }
  logger.info('Account day aggregated', { ...summary });
  return summary;
}

export const handler = lambdaHandler({
  serviceName: 'foundation-log-processing',
  run,
  dependencies: ({ logger }): AggregateAccountDayDeps => ({
    s3: new S3Client({}),
    config: runtimeConfigFromEnv(process.env),
    logger,
  }),
});
