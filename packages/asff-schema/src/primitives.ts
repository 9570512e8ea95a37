import * as z from 'zod';

/**
 * The timestamp forms AWS documents for ASFF, EventBridge and CloudWatch alarm events:
 * `YYYY-MM-DDTHH:MM:SS`, an optional fraction of up to 9 digits, then `Z` or an offset written
 * `±HH`, `±HH:MM` or `±HHMM` (CloudWatch writes `+0000`).
 */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)$/;

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * Tells whether a string is an ISO 8601 timestamp in one of the forms AWS sends: a real calendar date
 * and time of day, and an offset of at most ±18:00. Unlike `Date.parse`, it rejects loose inputs such as
 * `"2024-02-30T00:00:00Z"` or `"hello 1"`.
 *
 * @example
 * ```ts
 * isAwsTimestamp('2024-01-04T15:25:10.123456789Z'); // true  (Security Hub)
 * isAwsTimestamp('2019-10-02T17:04:40.989+0000'); // true  (CloudWatch alarm state)
 * isAwsTimestamp('2024-02-30T00:00:00Z'); // false
 * ```
 */
export function isAwsTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second, offsetHour = 0, offsetMinute = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined
  ) {
    return false;
  }
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetMinute <= 59 &&
    offsetHour * 60 + offsetMinute <= 18 * 60
  );
}

/** An ISO 8601 timestamp as AWS sends it; validated by {@link isAwsTimestamp} and kept as the original string. */
export const AwsTimestampSchema = z
  .string()
  .refine(isAwsTimestamp, { message: 'Invalid timestamp: expected ISO 8601, such as 2024-01-31T23:00:00Z' });

/** A string with at least one non-whitespace character: the `.*\S.*` pattern of the Security Hub API. */
export const NonBlankStringSchema = z.string().regex(/\S/, { message: 'Invalid string: must not be blank' });

/** A 12-digit AWS account id. */
export const AwsAccountIdSchema = z
  .string()
  .regex(/^\d{12}$/, { message: 'Invalid account id: expected 12 digits' });

/** A string-to-string map, such as `ProductFields`, `UserDefinedFields` or `Resources[].Tags`. */
export const StringMapSchema = z.record(z.string(), z.string());
