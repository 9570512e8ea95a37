import * as z from 'zod';

import { EnrichmentInputError } from './errors';

const count = (fallback: number, max: number) => z.int().min(1).max(max).default(fallback);
const ratio = (fallback: number) => z.number().min(0).max(1).default(fallback);

/**
 * The thresholds of the pattern analysis (see the README's table). Counts are of **earlier**
 * incidents of the same alarm, the current one excluded.
 */
export const PatternThresholdsSchema = z.lazy(() =>
  z
    .strictObject({
      /** At least this many earlier incidents in 7 days make it `FREQUENT_RECENT`. Default 2 (this is the third in a week). */
      frequentRecentCount: count(2, 10_000),
      /** At least this many earlier incidents in 90 days make it `RECURRING_PATTERN`. Default 2. */
      recurringCount: count(2, 10_000),
      /** A success rate below this, over enough executions, makes it `BASELINE_DEGRADATION`. Default 0.8. */
      degradedSuccessRate: ratio(0.8),
      /** The success rate counts only over at least this many finished executions. Default 10. */
      minBaselineExecutions: count(10, 1_000),
      /** The last week's daily rate at least this many times the earlier rate is `INCREASING`. Default 2. */
      increasingRatio: z.number().min(1).max(100).default(2),
      /** The last week's daily rate at most this fraction of the earlier rate is `DECREASING`. Default 0.5. */
      decreasingRatio: z.number().min(0).max(1).default(0.5),
      /** A trend needs at least this many incidents on its rising (or falling) side. Default 2. */
      minTrendCount: count(2, 10_000),
    })
    .prefault({}),
);

/** The thresholds of the pattern analysis; inferred from {@link PatternThresholdsSchema}. */
export type PatternThresholds = z.infer<typeof PatternThresholdsSchema>;

/**
 * Options of {@link enrichAlarmContext}. Every field has a default, so `{}` is valid; unknown
 * fields are errors, so a typo never falls back to a default silently. Every bound is there so that
 * one noisy alarm cannot make enrichment slow, costly or too big for a Step Functions state (256 KiB).
 */
export const EnrichmentOptionsSchema = z.lazy(() =>
  z
    .strictObject({
      /** Total time for every source together, in milliseconds. Default 30 s (the original design: 300 s for the whole state). */
      budgetMs: z.int().min(100).max(900_000).default(30_000),
      /** How far back the incident history goes, in days (the table's expiry). Default 365. */
      retentionDays: count(365, 3_650),
      /** The window used when the alarm's configuration cannot be read, in seconds. Default 900 (the original's fixed 15 minutes). */
      defaultWindowSeconds: z.int().min(60).max(86_400).default(900),
      /** The longest evaluation window looked at, in seconds. Default 1 day. */
      maxWindowSeconds: z
        .int()
        .min(60)
        .max(7 * 86_400)
        .default(86_400),
      /** Composite alarms: at most this many child alarms are read. Default 10. */
      maxChildAlarms: count(10, 100),
      executions: z
        .strictObject({
          /** At most this many failed executions are reported (the newest). Default 10. */
          maxExecutions: count(10, 100),
          /** At most this many `ListExecutions` pages per status. Default 5. */
          maxPages: count(5, 50),
          /** Page size of `ListExecutions`. Default 100. */
          pageSize: count(100, 1_000),
          /** An execution that started this long before the window and failed in it is still found, in seconds. Default 1 day. */
          lookbackSeconds: z
            .int()
            .min(0)
            .max(7 * 86_400)
            .default(86_400),
          /** Events read from the end of each failed execution's history (one page). Default 100. */
          maxHistoryEvents: count(100, 1_000),
          /** Executions whose history is read at once. Default 4. */
          concurrency: count(4, 20),
          /** Recent executions the success baseline looks at. Default 100. */
          baselineExecutions: count(100, 1_000),
          /** Longest error cause kept, in characters. Default 2,000. */
          maxCauseChars: count(2_000, 32_768),
        })
        .prefault({}),
      logs: z
        .strictObject({
          /** At most this many log groups are searched. Default 5. */
          maxLogGroups: count(5, 50),
          /** At most this many `FilterLogEvents` pages per log group. Default 3. */
          maxPages: count(3, 20),
          /** Error lines kept per log group (the latest). Default 5. */
          maxEventsPerGroup: count(5, 100),
          /** Longest excerpt, in UTF-8 bytes. Default 1,024. */
          maxEventBytes: count(1_024, 16_384),
          /** All excerpts together, in UTF-8 bytes. Default 16 KiB. */
          maxTotalBytes: count(16_384, 262_144),
          /** Seconds searched after a failed execution stopped, for log lines written late. Default 10. */
          slackSeconds: z.int().min(0).max(600).default(10),
        })
        .prefault({}),
      history: z
        .strictObject({
          /** At most this many history items are read. Default 20,000. */
          maxItems: count(20_000, 1_000_000),
        })
        .prefault({}),
      patterns: PatternThresholdsSchema,
      /** The context's JSON is cut to at most this many bytes. Default 64 KiB. */
      maxOutputBytes: z.int().min(4_096).max(200_000).default(65_536),
    })
    .prefault({}),
);

/** Options of enrichment, defaults applied; inferred from {@link EnrichmentOptionsSchema}. */
export type EnrichmentOptions = z.infer<typeof EnrichmentOptionsSchema>;
/** Options of enrichment as written by a caller; every field optional. */
export type EnrichmentOptionsInput = z.input<typeof EnrichmentOptionsSchema>;

/** The path of the first zod issue, such as `logs.maxEvents`. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return {
    field: issue === undefined ? '' : issue.path.map(String).join('.'),
    message: issue?.message ?? 'is invalid',
  };
}

/**
 * Parses enrichment options, applying defaults.
 *
 * @throws {EnrichmentInputError} naming the first bad field.
 *
 * @example
 * ```ts
 * parseEnrichmentOptions({ budgetMs: 10_000 }).logs.maxEventsPerGroup; // 5
 * ```
 */
export function parseEnrichmentOptions(input: unknown = {}): EnrichmentOptions {
  const parsed = EnrichmentOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  throw new EnrichmentInputError('enrichment options', field, message, { cause: parsed.error });
}
