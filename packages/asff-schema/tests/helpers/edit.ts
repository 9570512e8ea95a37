/** A path into a JSON document: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** Marks a field to delete in {@link edit}. */
export const DELETE = Symbol('delete');

/**
 * Sets (or, with {@link DELETE}, removes) the value at `path` in a JSON document, in place.
 * Throws when the path does not lead to an object, so that a test cannot silently edit nothing.
 */
export function edit(document: unknown, path: JsonPath, value: unknown): void {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = read(document, parentPath);
  if (key === undefined || typeof parent !== 'object' || parent === null) {
    throw new Error(`No object at ${parentPath.join('.')}`);
  }
  const target = parent as Record<string | number, unknown>;
  if (value === DELETE) delete target[key];
  else target[key] = value;
}

/** Reads the value at `path` in a JSON document; `undefined` when the path leads nowhere. */
export function read(document: unknown, path: JsonPath): unknown {
  let current = document;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
