const HOUR = 3600;
const DAY = 24 * HOUR;

const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/**
 * A duration in words, to the hour: `"3 days 4 hours"`, `"1 day"`, `"5 hours"`, or
 * `"less than an hour"`. Partial hours are dropped, never rounded up. Negative durations are
 * treated as zero.
 *
 * @example
 * ```ts
 * humanizeDuration(3 * 86_400 + 4 * 3600 + 59); // '3 days 4 hours'
 * humanizeDuration(3599); // 'less than an hour'
 * ```
 */
export function humanizeDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  if (days === 0 && hours === 0) return 'less than an hour';
  if (days === 0) return plural(hours, 'hour');
  if (hours === 0) return plural(days, 'day');
  return `${plural(days, 'day')} ${plural(hours, 'hour')}`;
}
