import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A DynamoDB item as the plain client sends and returns it. */
export type Item = Record<string, AttributeValue>;

/** A plain value the store writes: strings, numbers, booleans, null, lists and maps of them. */
export type StoredValue =
  | string
  | number
  | boolean
  | null
  | readonly StoredValue[]
  | { readonly [key: string]: StoredValue | undefined };

/**
 * Marshals a plain value into a DynamoDB attribute value. Map entries that are `undefined` are left
 * out.
 *
 * @throws {RangeError} for a number that is not finite (DynamoDB cannot store it)
 *
 * @example
 * ```ts
 * toAttributeValue({ ticket_id: 'SEC-1', attempts: 2 }); // { M: { ticket_id: { S: 'SEC-1' }, attempts: { N: '2' } } }
 * ```
 */
export function toAttributeValue(value: StoredValue): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot store the number ${value}`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (isList(value)) return { L: value.map(toAttributeValue) };
  return { M: toItem(value) };
}

function isList(value: StoredValue): value is readonly StoredValue[] {
  return Array.isArray(value);
}

/**
 * Marshals a plain object into a DynamoDB item, leaving out `undefined` entries.
 *
 * @example
 * ```ts
 * toItem({ id: 'f-1', status: 'OPEN', ticket_url: undefined }); // { id: { S: 'f-1' }, status: { S: 'OPEN' } }
 * ```
 */
export function toItem(value: { readonly [key: string]: StoredValue | undefined }): Item {
  const item: Item = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) item[key] = toAttributeValue(entry);
  }
  return item;
}

/**
 * Unmarshals a DynamoDB attribute value into a plain value, without judging it: numbers that do not
 * parse stay strings and sets become arrays, so a schema can name what is wrong afterwards.
 *
 * @example
 * ```ts
 * fromAttributeValue({ N: '42' }); // 42
 * ```
 */
export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return parseNumber(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) return fromItem(value.M);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(parseNumber);
  if (value.B !== undefined) return value.B;
  if (value.BS !== undefined) return [...value.BS];
  return undefined;
}

function parseNumber(text: string): number | string {
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

/**
 * Unmarshals a DynamoDB item into a plain object (see {@link fromAttributeValue}).
 *
 * @example
 * ```ts
 * fromItem({ id: { S: 'f-1' }, version: { N: '3' } }); // { id: 'f-1', version: 3 }
 * ```
 */
export function fromItem(item: Item): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(item)) value[key] = fromAttributeValue(entry);
  return value;
}
