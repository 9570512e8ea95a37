import type * as z from 'zod';
import { SoarError, type SoarErrorContext } from '@soar/common';

/**
 * A message, a ticket record or render options failed validation. `issues` names each bad field,
 * e.g. `ticketId: Too small: expected string to have >=1 characters`.
 */
export class MessageValidationError extends SoarError {
  public override name = 'MessageValidationError';
  public readonly issues: readonly string[];

  public constructor(
    message: string,
    issues: readonly string[],
    options: { cause?: unknown; context?: SoarErrorContext } = {},
  ) {
    super(`${message}: ${issues.join('; ')}`, options);
    this.issues = issues;
  }
}

/** `path.to.field: message` for each zod issue. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
}

/**
 * Parses `input` with `schema`, throwing a {@link MessageValidationError} that names every bad field.
 *
 * @example
 * ```ts
 * const record = parseOrThrow(OverdueTicketInputSchema, input, 'Invalid overdue ticket record');
 * ```
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
  context?: SoarErrorContext,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new MessageValidationError(what, describeIssues(result.error), {
    cause: result.error,
    ...(context === undefined ? {} : { context }),
  });
}
