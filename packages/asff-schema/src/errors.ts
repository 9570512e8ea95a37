/**
 * Facts about the input that failed, read from it when they are there: short excerpts, never whole
 * values. They let a caller log or route a failure (which account, which control) without printing
 * the finding itself.
 */
export interface AsffErrorContext {
  /** The account of the finding or event, such as `'111122223333'`. */
  readonly accountId?: string;
  /** The finding's `Compliance.SecurityControlId`, such as `'EC2.2'`. */
  readonly controlId?: string;
  /** The ARN or id of the finding's first resource, or the event's first resource. */
  readonly resourceArn?: string;
}

/** Options of {@link AsffSchemaError}. */
export interface AsffSchemaErrorOptions {
  /** The error that caused this one, kept as `error.cause`. */
  readonly cause?: unknown;
  /** Facts about the failed input; see {@link AsffErrorContext}. */
  readonly context?: AsffErrorContext;
}

/**
 * The base class of every error this package throws. Catch it to handle them all.
 *
 * @example
 * ```ts
 * try {
 *   parseFindingsEvent(event);
 * } catch (error) {
 *   if (error instanceof AsffSchemaError) {
 *     logger.warn('Dropped an unreadable event', { accountId: error.accountId, reason: error.message });
 *   } else {
 *     throw error;
 *   }
 * }
 * ```
 */
export class AsffSchemaError extends Error {
  public override name = 'AsffSchemaError';
  // `declare`: no own property at all unless the context has a value for it.
  /** See {@link AsffErrorContext.accountId}. */
  declare public readonly accountId?: string;
  /** See {@link AsffErrorContext.controlId}. */
  declare public readonly controlId?: string;
  /** See {@link AsffErrorContext.resourceArn}. */
  declare public readonly resourceArn?: string;

  public constructor(message: string, options: AsffSchemaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { accountId, controlId, resourceArn } = options.context ?? {};
    if (accountId !== undefined)
      Object.defineProperty(this, 'accountId', { value: accountId, enumerable: true });
    if (controlId !== undefined)
      Object.defineProperty(this, 'controlId', { value: controlId, enumerable: true });
    if (resourceArn !== undefined)
      Object.defineProperty(this, 'resourceArn', { value: resourceArn, enumerable: true });
  }
}

/** One reason an input was rejected. */
export interface AsffValidationIssue {
  /** Where, written like `detail.findings[0].Severity.Label`; `''` for the input itself. */
  readonly path: string;
  /** What is wrong, without the offending value. */
  readonly message: string;
  /** A machine-readable kind, such as `invalid_type`, `invalid_value` or `too_small` (zod's issue codes). */
  readonly code: string;
}

/** How many issues the message of an {@link AsffValidationError} spells out. */
const ISSUES_IN_MESSAGE = 3;

/**
 * Thrown (or returned, by the `safe*` functions) when an input is not a valid finding or event.
 * `issues` lists every problem with its field path; the message names the first few paths and
 * never quotes input values, which may be large or untrusted.
 *
 * @example
 * ```ts
 * const result = safeParseFindingsEvent(event);
 * if (!result.success) {
 *   console.error(result.error.message);
 *   // Invalid Security Hub findings event: detail.findings[0].AwsAccountId: Invalid account id: expected 12 digits
 *   result.error.issues[0]?.path; // 'detail.findings[0].AwsAccountId'
 * }
 * ```
 */
export class AsffValidationError extends AsffSchemaError {
  public override name = 'AsffValidationError';
  /** Every problem found, in input order. */
  public readonly issues: AsffValidationIssue[];

  /**
   * @param subject - what was being parsed, such as `'ASFF finding'`; it starts the message
   * @param issues - the problems found, at least one
   */
  public constructor(
    subject: string,
    issues: readonly AsffValidationIssue[],
    options: AsffSchemaErrorOptions = {},
  ) {
    super(AsffValidationError.describe(subject, issues), options);
    this.issues = [...issues];
  }

  private static describe(subject: string, issues: readonly AsffValidationIssue[]): string {
    const shown = issues
      .slice(0, ISSUES_IN_MESSAGE)
      .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
    const hidden = issues.length - shown.length;
    const more = hidden > 0 ? `; and ${hidden} more issue${hidden === 1 ? '' : 's'}` : '';
    return `Invalid ${subject}: ${shown.length > 0 ? shown.join('; ') : 'unknown problem'}${more}`;
  }
}
