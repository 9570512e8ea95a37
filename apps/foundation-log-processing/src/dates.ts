import { DateRangeError } from './errors';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of a UTC day number (days since 1970-01-01). */
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The UTC day number of an instant. */
const dayOf = (instant: Date): number => Math.floor(instant.getTime() / DAY_MS);

/** The UTC day number of a `YYYY-MM-DD` that names a real day, else `undefined` (`2026-02-30`). */
export function parseDay(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (match === null) return undefined;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  return isoOf(day) === date ? day : undefined;
}

/**
 * The days a nightly run processes: yesterday (UTC), then the `catchUpDays` days before it. Today is
 * never processed (its logs are still arriving). Re-running the earlier days costs a listing when
 * they are done (aggregation is resumable) and finishes a night that failed or stopped early, which
 * the original never retried.
 *
 * @example
 * ```ts
 * nightlyDates(new Date('2026-06-20T01:00:00Z'), 2); // ['2026-06-19', '2026-06-18', '2026-06-17']
 * ```
 */
export function nightlyDates(now: Date, catchUpDays: number): string[] {
  const yesterday = dayOf(now) - 1;
  return Array.from({ length: catchUpDays + 1 }, (_, back) => isoOf(yesterday - back));
}

/**
 * Every day from `startDate` to `endDate`, both included, oldest first, for a historical run. The
 * end must be yesterday (UTC) or earlier and the range at most `maxDays` long, so that one
 * historical execution stays far below the history limit.
 *
 * @throws {DateRangeError} naming `startDate` or `endDate`
 *
 * @example
 * ```ts
 * dateRange({ startDate: '2026-06-01', endDate: '2026-06-03' }, new Date('2026-06-20T00:00:00Z'), 731);
 * // ['2026-06-01', '2026-06-02', '2026-06-03']
 * ```
 */
export function dateRange(
  range: { readonly startDate: string; readonly endDate: string },
  now: Date,
  maxDays: number,
): string[] {
  const start = parseDay(range.startDate);
  if (start === undefined) throw new DateRangeError('startDate', 'expected a real day as YYYY-MM-DD');
  const end = parseDay(range.endDate);
  if (end === undefined) throw new DateRangeError('endDate', 'expected a real day as YYYY-MM-DD');
  const yesterday = dayOf(now) - 1;
  if (end > yesterday) {
    throw new DateRangeError(
      'endDate',
      `must be ${isoOf(yesterday)} (yesterday, UTC) or earlier: the logs of today are still arriving`,
    );
  }
  if (start > end) throw new DateRangeError('startDate', `must not be after endDate ${range.endDate}`);
  const days = end - start + 1;
  if (days > maxDays) {
    throw new DateRangeError(
      'startDate',
      `the range has ${days} days, more than the ${maxDays} one historical execution processes; split it`,
    );
  }
  return Array.from({ length: days }, (_, index) => isoOf(start + index));
}

/**
 * Splits `items` into consecutive batches of at most `size` (the last may be shorter).
 *
 * @example
 * ```ts
 * batchesOf(['a', 'b', 'c'], 2); // [['a', 'b'], ['c']]
 * ```
 */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
