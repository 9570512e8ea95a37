/**
 * The places in a zod schema where an object accepts keys it does not know: every object schema
 * reachable from `schema` (through optional, default, prefault and other wrappers, arrays, records,
 * tuples, unions, intersections, pipes and lazy schemas) that strips or passes through unknown keys
 * instead of rejecting them (`z.object`, `z.looseObject`, a non-`never` catchall). A configuration
 * schema should give `[]`: a typo in a loose object is silently dropped and its field takes the
 * default. Paths are dotted, with `[]` for an array's elements and `{}` for a record's values.
 *
 * @example
 * ```ts
 * expect(nonStrictObjects(SoarAppConfigSchema)).toEqual([]);
 * nonStrictObjects(z.strictObject({ email: z.object({ from: z.string() }) })); // ['email']
 * ```
 */
export function nonStrictObjects(schema: unknown): string[] {
  const found: string[] = [];
  // Only the schemas on the way down are remembered, so a schema used in two places is checked
  // at both, and a recursive (lazy) schema still ends.
  const visit = (node: unknown, path: string, ancestors: ReadonlySet<unknown>): void => {
    const def = defOf(node);
    if (def === undefined || ancestors.has(node)) return;
    const below = new Set(ancestors).add(node);
    const into = (child: unknown, childPath = path) => visit(child, childPath, below);
    switch (def['type']) {
      case 'object': {
        if (defOf(def['catchall'])?.['type'] !== 'never') found.push(path === '' ? '(root)' : path);
        const shape = isObject(def['shape']) ? def['shape'] : {};
        for (const [key, child] of Object.entries(shape)) into(child, path === '' ? key : `${path}.${key}`);
        return;
      }
      case 'array':
        return into(def['element'], `${path}[]`);
      case 'record':
        return into(def['valueType'], `${path}{}`);
      case 'tuple':
        for (const item of Array.isArray(def['items']) ? def['items'] : []) into(item, `${path}[]`);
        return into(def['rest'], `${path}[]`);
      case 'union':
        for (const option of Array.isArray(def['options']) ? def['options'] : []) into(option);
        return;
      case 'intersection':
        into(def['left']);
        return into(def['right']);
      case 'pipe':
        into(def['in']);
        return into(def['out']);
      case 'lazy':
        return typeof def['getter'] === 'function' ? into((def['getter'] as () => unknown)()) : undefined;
      default:
        // optional, nullable, default, prefault, readonly, catch, nonoptional, success
        return into(def['innerType']);
    }
  };
  visit(schema, '', new Set());
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The definition of a zod schema (`schema._zod.def`), read without trusting its shape. */
function defOf(node: unknown): Record<string, unknown> | undefined {
  if (!isObject(node) || !isObject(node['_zod'])) return undefined;
  const def = node['_zod']['def'];
  return isObject(def) ? def : undefined;
}
