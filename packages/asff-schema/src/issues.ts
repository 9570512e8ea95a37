import type * as z from 'zod';

/**
 * One line per zod issue, `path.to.field: message` (`(root)` for the value itself), for error
 * messages that name every bad field. `prefix` names where the value came from.
 *
 * @example
 * ```ts
 * const parsed = ConfigSchema.safeParse(input);
 * if (!parsed.success) throw new Error(describeZodIssues(parsed.error.issues, ['SOAR_CONFIG']).join('; '));
 * // 'SOAR_CONFIG.email.from: Invalid input: expected string, received undefined'
 * ```
 */
export function describeZodIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.');
    return `${path === '' ? '(root)' : path}: ${issue.message}`;
  });
}
