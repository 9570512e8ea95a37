import { ASFF_LIMITS } from '@soar/asff-schema';

/** Limits of an ASFF string map. */
export interface StringMapLimits {
  /** Most key-value pairs. */
  readonly maxPairs: number;
  /** Longest key, in UTF-16 code units (never more characters than AWS counts). */
  readonly maxKeyLength: number;
  /** Longest value, in UTF-16 code units. */
  readonly maxValueLength: number;
}

/**
 * `ProductFields`: up to 50 pairs, keys up to 128 and values up to 2048 characters.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/asff-top-level-attributes.html#asff-productfields | ProductFields}
 */
export const PRODUCT_FIELDS_LIMITS: StringMapLimits = {
  maxPairs: ASFF_LIMITS.productFields.pairs,
  maxKeyLength: ASFF_LIMITS.productFields.keyLength,
  maxValueLength: ASFF_LIMITS.productFields.valueLength,
};

/**
 * `Resources[].Details.Other`: up to 50 pairs, keys *fewer than* 128 and values *fewer than* 1,024
 * characters.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resourcedetails-other.html | Other object in ASFF}
 */
export const OTHER_DETAILS_LIMITS: StringMapLimits = {
  maxPairs: ASFF_LIMITS.otherDetails.pairs,
  maxKeyLength: ASFF_LIMITS.otherDetails.keyLength,
  maxValueLength: ASFF_LIMITS.otherDetails.valueLength,
};

/** A map built by {@link boundedStringMap}, with what had to give way. */
export interface BoundedStringMap {
  readonly map: Record<string, string>;
  /** Keys whose values were cut to the limit (ending in `…`). */
  readonly truncated: readonly string[];
  /** Keys left out: beyond `maxPairs`, or a key longer than `maxKeyLength`. */
  readonly dropped: readonly string[];
}

/**
 * Cuts a string to at most `max` UTF-16 code units, ending in `…` when it was cut, and never between
 * the two halves of a surrogate pair.
 *
 * @example
 * ```ts
 * truncate('abcdef', 4); // 'abc…'
 * truncate('abc', 4); // 'abc'
 * ```
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Builds a string map within ASFF limits from entries in priority order: entries whose value is
 * `undefined` or blank are skipped (Security Hub rejects blank values), long values are truncated,
 * and entries beyond `maxPairs` or with a key longer than `maxKeyLength` are dropped. Nothing is lost
 * silently: `truncated` and `dropped` say what gave way.
 *
 * @example
 * ```ts
 * const { map, truncated } = boundedStringMap(
 *   [['soar/alarm/name', 'INFRA-X-HIGH'], ['soar/alarm/stateReason', longText], ['skipped', undefined]],
 *   PRODUCT_FIELDS_LIMITS,
 * );
 * ```
 */
export function boundedStringMap(
  entries: Iterable<readonly [string, string | undefined]>,
  limits: StringMapLimits,
): BoundedStringMap {
  const map: Record<string, string> = {};
  const truncated: string[] = [];
  const dropped: string[] = [];
  let pairs = 0;
  for (const [key, value] of entries) {
    if (value === undefined || !/\S/.test(value) || Object.hasOwn(map, key)) continue;
    if (key.length > limits.maxKeyLength || key === '__proto__' || pairs >= limits.maxPairs) {
      dropped.push(key);
      continue;
    }
    const bounded = truncate(value, limits.maxValueLength);
    if (bounded !== value) truncated.push(key);
    map[key] = bounded;
    pairs += 1;
  }
  return { map, truncated, dropped };
}

/**
 * JSON of an array, within `max` characters: the leading items that fit, then `"…"` standing for
 * the rest. Always valid JSON.
 *
 * @example
 * ```ts
 * boundedJsonArray(['a', 'b', 'c'], 12); // '["a","…"]'
 * ```
 */
export function boundedJsonArray(items: readonly unknown[], max: number): string {
  const full = JSON.stringify(items);
  if (full.length <= max) return full;
  const kept: unknown[] = [];
  for (const item of items) {
    if (JSON.stringify([...kept, item, '…']).length > max) break;
    kept.push(item);
  }
  return JSON.stringify([...kept, '…']);
}

/**
 * JSON of a string map, within `max` characters: the leading entries that fit, with long values cut,
 * then `"…": "<n> more"` when some were left out. Always valid JSON.
 *
 * @example
 * ```ts
 * boundedJsonObject({ FunctionName: 'payments' }, 2048); // '{"FunctionName":"payments"}'
 * ```
 */
export function boundedJsonObject(map: Readonly<Record<string, string>>, max: number): string {
  const full = JSON.stringify(map);
  if (full.length <= max) return full;
  const entries = Object.entries(map);
  const kept: Record<string, string> = {};
  let count = 0;
  const valueMax = Math.max(16, Math.floor(max / 4));
  for (const [key, value] of entries) {
    const candidate = { ...kept, [key]: truncate(value, valueMax) };
    const rest = entries.length - count - 1;
    if (JSON.stringify({ ...candidate, ...(rest > 0 ? { '…': `${rest} more` } : {}) }).length > max) break;
    kept[key] = truncate(value, valueMax);
    count += 1;
  }
  const rest = entries.length - count;
  return JSON.stringify({ ...kept, ...(rest > 0 ? { '…': `${rest} more` } : {}) });
}
