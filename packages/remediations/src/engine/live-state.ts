import { describeZodIssues } from '@soar/asff-schema';
import type * as z from 'zod';
import { LiveStateError, type InvalidFieldIssue } from '../errors';

/** How many problems the message of a {@link LiveStateError} spells out (all of them are in `issues`). */
const ISSUES_IN_MESSAGE = 20;

/** Writes a zod path as `networkInterfaces[0].interfaceType` (`''` for the value itself). */
function fieldOf(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) return index === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/**
 * The issues of a failed parse, one per bad field. An unknown key (strict objects) is an issue of its
 * own, at its own path, with the closest valid key when there is one (`unknown key; did you mean
 * "interfaceType"?`); a missing field says so (`missing: a required field (expected array)`).
 */
function issuesOf(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): InvalidFieldIssue[] {
  return issues.flatMap((issue): InvalidFieldIssue[] => {
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      return [
        { field: fieldOf(issue.path), message: `missing: a required field (expected ${issue.expected})` },
      ];
    }
    if (issue.code !== 'unrecognized_keys') return [{ field: fieldOf(issue.path), message: issue.message }];
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      // describeZodIssues writes `a.0.key: unknown key; did you mean "…"?`; keep the part after the path.
      const [line = ''] = describeZodIssues([{ ...issue, keys: [key] }], [], { schema });
      const at = `${path.map(String).join('.')}: `;
      return { field: fieldOf(path), message: line.startsWith(at) ? line.slice(at.length) : 'unknown key' };
    });
  });
}

/**
 * Parses a live state given for a resource (not read from AWS, e.g. written by hand in a simulation's
 * world file) with its control's state schema.
 *
 * @throws {@link LiveStateError} naming the control, the resource and every bad field.
 *
 * @example
 * ```ts
 * const state = parseLiveState('EC2.7', Ec27StateSchema, { enabled: false }, 'AWS::::Account:111122223333');
 * ```
 */
export function parseLiveState<T>(
  controlId: string,
  schema: z.ZodType<T>,
  value: unknown,
  resourceId: string,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(schema, parsed.error.issues);
  const shown = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map(({ field, message }) => `\n  ${field === '' ? '(the state itself)' : field}: ${message}`);
  const hidden = issues.length - shown.length;
  throw new LiveStateError(
    `The live state given for ${resourceId} does not match the ${controlId} state, so SOAR planned nothing for it:` +
      `${shown.join('')}${hidden > 0 ? `\n  and ${hidden} more` : ''}`,
    { controlId, resourceId, issues },
    { cause: parsed.error },
  );
}
