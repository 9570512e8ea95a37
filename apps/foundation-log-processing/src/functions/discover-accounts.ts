// The DiscoverAccounts function: the first state of CombineLogFilesSM. It decides which days the run
// processes and lists the accounts that have logs, in batches (one child execution each).
import { S3Client } from '@aws-sdk/client-s3';
import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
import { lambdaHandler } from '@soar/lambda';
import { listAccountIds, type S3Port } from '@soar/log-aggregation/aws';
import * as z from 'zod';

import { batchesOf, nightlyDates, parseDay } from '../dates';
import { parseInput, runtimeConfigFromEnv, type RuntimeConfig } from './runtime-config';

/**
 * The state's input: the execution input (`{}` from the nightly schedule, `{ date }` from a
 * historical run or a manual start) and the execution's start time, the clock of the run.
 */
export const DiscoverAccountsInputSchema = z.lazy(() =>
  z.strictObject({
    input: z.strictObject({
      date: z
        .string()
        .refine((date) => parseDay(date) !== undefined, 'expected a real day as YYYY-MM-DD')
        .optional(),
      /** Set by Step Functions on a child execution started by a historical run. */
      AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: z.string().optional(),
    }),
    startTime: z.string().refine((time) => !Number.isNaN(Date.parse(time)), 'expected an ISO timestamp'),
  }),
);

/** One child execution's work: these accounts, each for these days. */
export interface AccountBatch {
  readonly accountIds: string[];
  readonly dates: string[];
}

/** What DiscoverAccounts returns (small: account ids only, well below the 256 KiB state limit). */
export interface DiscoverAccountsOutput {
  readonly dates: string[];
  readonly accounts: number;
  /** Prefixes under the log root that are not accounts: reported, nothing under them is touched. */
  readonly skippedPrefixes: number;
  readonly batches: AccountBatch[];
}

/** What the function works with. */
export interface DiscoverAccountsDeps {
  readonly s3: S3Port;
  readonly config: RuntimeConfig;
  readonly logger?: SoarLogger;
}

/**
 * The days (the given `date`, or yesterday and the catch-up days before it) and the accounts with
 * logs in the Control Tower bucket (both layouts, paginated), in batches of `accountsPerBatch`.
 *
 * @example
 * ```ts
 * await run({ input: {}, startTime: '2026-06-20T01:00:00Z' }, deps);
 * // { dates: ['2026-06-19', '2026-06-18', ...], accounts: 60, skippedPrefixes: 0, batches: [{ accountIds: [25 ids], dates }, ...] }
 * ```
 */
export async function run(input: unknown, deps: DiscoverAccountsDeps): Promise<DiscoverAccountsOutput> {
  const parsed = parseInput('DiscoverAccounts input', DiscoverAccountsInputSchema, input);
  const { config } = deps;
  const logger = deps.logger ?? SILENT_LOGGER;
  const dates =
    parsed.input.date === undefined
      ? nightlyDates(new Date(parsed.startTime), config.catchUpDays)
      : [parsed.input.date];
  const { accountIds, skipped } = await listAccountIds(deps.s3, {
    bucket: config.sourceBucket,
    orgId: config.orgId,
  });
  if (skipped.length > 0) {
    logger.warn('Prefixes that are not accounts were skipped', {
      skipped: skipped.slice(0, 50),
      count: skipped.length,
    });
  }
  const batches = batchesOf(accountIds, config.accountsPerBatch).map((ids) => ({ accountIds: ids, dates }));
  logger.info('Accounts discovered', { accounts: accountIds.length, batches: batches.length, dates });
  return { dates, accounts: accountIds.length, skippedPrefixes: skipped.length, batches };
}

export const handler = lambdaHandler({
  serviceName: 'foundation-log-processing',
  run,
  dependencies: ({ logger }): DiscoverAccountsDeps => ({
    s3: new S3Client({}),
    config: runtimeConfigFromEnv(process.env),
    logger,
  }),
});
