/**
 * A loggable one-line description of an error: its name and message only (no stack, no cause
 * chain, which may hold SDK request details).
 *
 * @example
 * ```ts
 * logger.warn('comment failed', { error: describeError(error) }); // 'HttpError: POST https://… failed: HTTP 500'
 * ```
 */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
