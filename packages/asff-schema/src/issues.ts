import { closestMatch, isRecord } from '@soar/common';
import type * as z from 'zod';

/** Options of {@link describeZodIssues}. */
export interface DescribeIssuesOptions {
  /**
   * The schema the value was checked against: an unknown key is then reported with the closest
   * valid key at its place (`did you mean "organizationId"?`), or the list of valid keys.
   */
  readonly schema?: z.core.$ZodType;
}

/**
 * One line per zod issue, `path.to.field: message` (`(root)` for the value itself), for error
 * messages that name every bad field. `prefix` names where the value came from. An unknown key of a
 * strict object gets a line of its own, with the closest valid key when `options.schema` is given:
 * the keys are looked up at the key's own place, however deep (through objects, arrays, records,
 * unions, pipes and optional, default or prefault wrappers).
 *
 * @example
 * ```ts
 * const parsed = ConfigSchema.safeParse(input);
 * if (!parsed.success) throw new Error(describeZodIssues(parsed.error.issues, ['SOAR_CONFIG'], { schema: ConfigSchema }).join('; '));
 * // 'SOAR_CONFIG.email.from: Invalid input: expected string, received undefined'
 * // 'SOAR_CONFIG.organisationId: unknown key; did you mean "organizationId"?'
 * ```
 */
export function describeZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
  options: DescribeIssuesOptions = {},
): string[] {
  const at = (path: readonly PropertyKey[]) => {
    const text = [...prefix, ...path].map(String).join('.');
    return text === '' ? '(root)' : text;
  };
  return issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [`${at(issue.path)}: ${issue.message}`];
    const valid = options.schema === undefined ? undefined : keysAt(options.schema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = valid === undefined ? undefined : closestMatch(key, valid);
      const hint =
        suggestion !== undefined
          ? `; did you mean "${suggestion}"?`
          : valid !== undefined && valid.length > 0
            ? `; valid keys: ${valid.join(', ')}`
            : '';
      return `${at([...issue.path, key])}: unknown key${hint}`;
    });
  });
}

/** The keys an object schema at `path` of `schema` accepts (every option's, for a union). */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  const found = new Set<string>();
  const visit = (node: unknown, rest: readonly PropertyKey[], depth: number): void => {
    if (depth > 64) return;
    const def = defOf(node);
    if (def === undefined) return;
    const inner = (key: string) => visit(def[key], rest, depth + 1);
    switch (def['type']) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
      case 'success':
        return inner('innerType');
      case 'pipe':
        // The object may sit on either side: `object.transform(...)` keeps it in `in`,
        // `z.preprocess(fn, object)` in `out`; the other side then contributes no keys.
        inner('in');
        return inner('out');
      case 'lazy':
        return typeof def['getter'] === 'function' ? visit(def['getter'](), rest, depth + 1) : undefined;
      case 'union':
        for (const option of Array.isArray(def['options']) ? def['options'] : [])
          visit(option, rest, depth + 1);
        return;
      case 'intersection':
        inner('left');
        return inner('right');
      case 'object': {
        const shape = isRecord(def['shape']) ? def['shape'] : {};
        if (rest.length === 0) {
          for (const key of Object.keys(shape)) found.add(key);
          return;
        }
        return visit(shape[String(rest[0])], rest.slice(1), depth + 1);
      }
      case 'array':
        return rest.length === 0 ? undefined : visit(def['element'], rest.slice(1), depth + 1);
      case 'record':
        // A record whose keys are an enum or literals rejects every other key, so those are its keys.
        if (rest.length === 0) return addEnumeratedKeys(def['keyType']);
        return visit(def['valueType'], rest.slice(1), depth + 1);
      case 'tuple': {
        const items = Array.isArray(def['items']) ? def['items'] : [];
        return rest.length === 0 ? undefined : visit(items[Number(rest[0])], rest.slice(1), depth + 1);
      }
      default:
        return;
    }
  };
  const addEnumeratedKeys = (keyType: unknown): void => {
    const values = isRecord(keyType) && isRecord(keyType['_zod']) ? keyType['_zod']['values'] : undefined;
    if (!(values instanceof Set)) return;
    for (const value of values) if (typeof value === 'string') found.add(value);
  };
  visit(schema, path, 0);
  return found.size === 0 ? undefined : [...found].sort();
}

/** The definition of a zod schema (`schema._zod.def`), read without trusting its shape. */
function defOf(node: unknown): (Record<string, unknown> & { getter?: () => unknown }) | undefined {
  if (!isRecord(node) || !isRecord(node['_zod'])) return undefined;
  const def = node['_zod']['def'];
  return isRecord(def) ? def : undefined;
}
