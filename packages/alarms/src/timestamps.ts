import { isAwsTimestamp } from '@soar/asff-schema/schemas';

const PARTS =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * Converts an AWS timestamp to UTC ISO 8601 with exactly three fractional digits and `Z`, the form
 * Security Hub findings use. Accepts every form AWS sends (`Z`, `+00:00`, CloudWatch's `+0000`, `-03`,
 * no fraction or up to nine digits); extra digits are truncated, not rounded. Returns `undefined` for
 * anything else (no guessing, unlike `Date.parse`), and when the instant falls outside the years
 * 0000-9999 once converted to UTC.
 *
 * @example
 * ```ts
 * normalizeTimestamp('2024-06-19T15:30:00.000+0000'); // '2024-06-19T15:30:00.000Z'
 * normalizeTimestamp('2024-06-19T17:30:00.123456+02:00'); // '2024-06-19T15:30:00.123Z'
 * normalizeTimestamp('2024-06-19T15:30:00Z'); // '2024-06-19T15:30:00.000Z'
 * normalizeTimestamp('yesterday'); // undefined
 * ```
 */
export function normalizeTimestamp(value: string): string | undefined {
  if (!isAwsTimestamp(value)) return undefined;
  const match = PARTS.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', sign, offsetHours, offsetMinutes] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = (Number(offsetHours ?? 0) * 60 + Number(offsetMinutes ?? 0)) * 60_000;
  const utc = new Date(date.getTime() - (sign === '-' ? -offset : offset));
  const text = utc.toISOString();
  // toISOString writes years outside 0000-9999 as ±YYYYYY, which no AWS API accepts.
  return /^\d{4}-/.test(text) ? text : undefined;
}
