import { safeParseWith } from '@soar/asff-schema';
import type * as z from 'zod';
import { BeforeImageError, type InvalidFieldIssue } from '../errors';

/** How many problems the message of a {@link BeforeImageError} spells out. */
const ISSUES_IN_MESSAGE = 3;

/**
 * Parses `value` with `schema` and never throws a zod error: the problems come back as issues whose
 * `field` is written like `revokedRules[0].protocol` (`''` for the value itself).
 *
 * @example
 * ```ts
 * const parsed = parseFields(z.object({ bucket: z.string() }), { bucket: 1 }, 'rollback record');
 * if (!parsed.success) console.log(parsed.issues[0]?.field); // 'bucket'
 * ```
 */
export function parseFields<T>(
  schema: z.ZodType<T>,
  value: unknown,
  subject: string,
):
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: readonly InvalidFieldIssue[]; readonly cause: unknown } {
  const result = safeParseWith(schema, value, subject);
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    issues: result.error.issues.map(({ path, message }) => ({ field: path, message })),
    cause: result.error,
  };
}

/** The issues as one sentence fragment: `a: expected string; b: too small`, at most a few. */
export function describeIssues(issues: readonly InvalidFieldIssue[]): string {
  const shown = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map(({ field, message }) => (field === '' ? message : `${field}: ${message}`));
  const hidden = issues.length - shown.length;
  return `${shown.join('; ')}${hidden > 0 ? `; and ${hidden} more` : ''}`;
}

/**
 * Parses a before-image (from storage, so untrusted) with its control's rollback schema.
 *
 * @throws {@link BeforeImageError} naming the first field that is wrong (`error.field`).
 *
 * @example
 * ```ts
 * const image = parseBeforeImage('EC2.7', Ec27BeforeImageSchema, stored); // typed, or throws BeforeImageError
 * ```
 */
export function parseBeforeImage<T>(controlId: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = parseFields(schema, value, `before-image of ${controlId}`);
  if (parsed.success) return parsed.data;
  throw new BeforeImageError(
    `The before-image for ${controlId} cannot be used, so SOAR changed nothing: ${describeIssues(parsed.issues)}.`,
    parsed.issues,
    { cause: parsed.cause, context: { controlId } },
  );
}
