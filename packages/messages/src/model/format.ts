/** A JSON value (what the appendix carries). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const MAX_JSON_DEPTH = 12;

/**
 * Shows an ISO 8601 timestamp as `YYYY-MM-DD HH:MM UTC`. Returns the trimmed input when it is not a
 * date, and `undefined` when it is blank or absent, so a missing timestamp never breaks a message.
 *
 * @example
 * ```ts
 * formatTimestamp('2026-11-20T10:15:30.123Z'); // '2026-11-20 10:15 UTC'
 * formatTimestamp(undefined);                  // undefined
 * ```
 */
export function formatTimestamp(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return text;
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * A duration in words, to the hour for long durations and to the minute under an hour.
 *
 * @example
 * ```ts
 * formatDuration(93_600); // '1 day 2 hours'
 * formatDuration(7_200);  // '2 hours'
 * formatDuration(150);    // '2 minutes'
 * ```
 */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return plural(hours, 'hour');
  return plural(Math.floor(total / 60), 'minute');
}

function toJsonObject(value: object, depth: number): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    const json = toJson(entry, depth + 1);
    if (json !== undefined) out[key] = json;
  }
  return out;
}

/**
 * Copies any value into plain JSON: drops `undefined`, functions and symbols, turns dates into ISO
 * strings, bigints into strings, non-finite numbers into `null`, and cuts nesting deeper than 12
 * levels. Never throws (cycles are cut by the depth limit).
 *
 * @example
 * ```ts
 * toJson({ a: 1, b: undefined, c: new Date(0) }); // { a: 1, c: '1970-01-01T00:00:00.000Z' }
 * ```
 */
export function toJson(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      if (depth >= MAX_JSON_DEPTH) return '[…]';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (Array.isArray(value)) return value.map((entry: unknown) => toJson(entry, depth + 1) ?? null);
      return toJsonObject(value, depth);
    default:
      return undefined;
  }
}
