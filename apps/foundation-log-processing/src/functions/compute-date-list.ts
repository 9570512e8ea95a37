// The ComputeDateList function: the first state of ProcessHistoricalMainLogsSM.
import { lambdaHandler } from '@soar/lambda';
import * as z from 'zod';

import { dateRange } from '../dates';
import { parseInput, runtimeConfigFromEnv, type RuntimeConfig } from './runtime-config';

/** The state's input: the execution input `{ startDate, endDate }` and the execution's start time. */
export const ComputeDateListInputSchema = z.lazy(() =>
  z.strictObject({
    input: z.strictObject({ startDate: z.string(), endDate: z.string() }),
    startTime: z.string().refine((time) => !Number.isNaN(Date.parse(time)), 'expected an ISO timestamp'),
  }),
);

/** What the function works with. */
export interface ComputeDateListDeps {
  readonly config: Pick<RuntimeConfig, 'maxHistoricalDays'>;
}

/**
 * Every day from `startDate` to `endDate` (both included, oldest first): the end at the latest
 * yesterday (UTC, from the execution's start time), at most `maxHistoricalDays` days.
 *
 * @throws {LogProcessingInputError} when a field is missing or unknown
 * @throws {DateRangeError} naming `startDate` or `endDate`
 *
 * @example
 * ```ts
 * await run({ input: { startDate: '2026-01-01', endDate: '2026-01-03' }, startTime: '2026-06-20T09:00:00Z' }, deps);
 * // { dates: ['2026-01-01', '2026-01-02', '2026-01-03'] }
 * ```
 */
export async function run(input: unknown, deps: ComputeDateListDeps): Promise<{ dates: string[] }> {
  const parsed = parseInput('ProcessHistoricalMainLogsSM input', ComputeDateListInputSchema, input);
  return Promise.resolve({
    dates: dateRange(parsed.input, new Date(parsed.startTime), deps.config.maxHistoricalDays),
  });
}

export const handler = lambdaHandler({
  serviceName: 'foundation-log-processing',
  run,
  dependencies: (): ComputeDateListDeps => ({ config: runtimeConfigFromEnv(process.env) }),
});
