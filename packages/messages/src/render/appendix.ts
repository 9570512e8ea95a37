import type { JsonValue } from '../model/format';
import type { Appendix } from '../model/message';
import { cleanText, singleLine, truncate } from './text';

/** One key/value row of the appendix, e.g. `Resources[0].Details.AwsS3Bucket.Name` = `logs`. */
export interface AppendixRow {
  readonly key: string;
  readonly value: string;
}

/** One appendix table: its title, its rows, and how many rows were left out. */
export interface AppendixTable {
  readonly title: string;
  readonly rows: readonly AppendixRow[];
  readonly omitted: number;
}

/** Rows per appendix table; the rest are counted, not shown (keeps tickets and emails small). */
export const MAX_APPENDIX_ROWS = 120;
const MAX_KEY_LENGTH = 200;
const MAX_VALUE_LENGTH = 1_000;

function scalarText(value: string | number | boolean | null): string {
  return value === null ? 'null' : String(value);
}

/**
 * Flattens JSON into `path = value` rows: object keys joined with `.`, array items as `[i]`, empty
 * containers as `{}` / `[]`.
 *
 * @example
 * ```ts
 * flattenJson({ a: { b: [1, 'x'] } }, 'Root'); // [{ key: 'Root.a.b[0]', value: '1' }, { key: 'Root.a.b[1]', value: 'x' }]
 * ```
 */
export function flattenJson(value: JsonValue, prefix: string): AppendixRow[] {
  if (value === null || typeof value !== 'object') return [{ key: prefix, value: scalarText(value) }];
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ key: prefix, value: '[]' }];
    return value.flatMap((entry, index) => flattenJson(entry, `${prefix}[${index}]`));
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [{ key: prefix, value: '{}' }];
  return entries.flatMap(([key, entry]) => flattenJson(entry, prefix === '' ? key : `${prefix}.${key}`));
}

function table(title: string, rows: readonly AppendixRow[]): AppendixTable {
  const shown = rows.slice(0, MAX_APPENDIX_ROWS).map((row) => ({
    key: truncate(singleLine(row.key), MAX_KEY_LENGTH),
    value: truncate(cleanText(row.value), MAX_VALUE_LENGTH),
  }));
  return { title, rows: shown, omitted: rows.length - shown.length };
}

/**
 * The appendix as tables (resources, product fields, account), leaving out empty ones. Keys and
 * values are cleaned and cut; each channel escapes them for its own format.
 */
export function appendixTables(appendix: Appendix | undefined): AppendixTable[] {
  if (appendix === undefined) return [];
  const resourceRows = appendix.resources.flatMap((resource, index) =>
    flattenJson(resource, `Resources[${index}]`),
  );
  const productFieldRows = Object.entries(appendix.productFields).map(([key, value]) => ({ key, value }));
  const accountRows = Object.keys(appendix.account).length === 0 ? [] : flattenJson(appendix.account, '');
  return [
    table('Resources', resourceRows),
    table('Product fields', productFieldRows),
    table('Account', accountRows),
  ].filter((section) => section.rows.length > 0);
}
