import { SoarError } from '@soar/common';

/** Base class of every error `@soar/triage` throws. */
export class TriageError extends SoarError {
  public override name = 'TriageError';
}

/** Where and why a suppression rule could not be read. */
export interface SuppressionRuleErrorDetails {
  /** 1-based line of the offending text. */
  readonly line: number;
  /** 1-based column (in characters) of the offending text. */
  readonly column: number;
  /** The offending text as written; `''` when the problem is the end of a line. */
  readonly token: string;
  /** What the parser expected there, in words, such as `"=", "!=", "=~" or "!~"`. */
  readonly expected: string;
  /** The explanation without the position, such as `unknown key "enviroment"; did you mean "environment"?`. */
  readonly reason: string;
  /** The key the author probably meant, when an unknown key is close to a known one. */
  readonly suggestion?: string;
}

/**
 * A suppression rule (a `suppress_when` text) that cannot be read. The message starts with the
 * position, then says what was expected and what was found, so it can be shown as is.
 *
 * @example
 * ```ts
 * try {
 *   parseSuppressionRule('environment == PROD');
 * } catch (error) {
 *   if (error instanceof SuppressionRuleError) {
 *     error.message; // 'line 1, column 13: expected "=", "!=", "=~" or "!~" after key "environment", found "=="'
 *     error.line; // 1
 *     error.column; // 13
 *     error.token; // '=='
 *   }
 * }
 * ```
 */
export class SuppressionRuleError extends TriageError {
  public override name = 'SuppressionRuleError';
  /** See {@link SuppressionRuleErrorDetails.line}. */
  public readonly line: number;
  /** See {@link SuppressionRuleErrorDetails.column}. */
  public readonly column: number;
  /** See {@link SuppressionRuleErrorDetails.token}. */
  public readonly token: string;
  /** See {@link SuppressionRuleErrorDetails.expected}. */
  public readonly expected: string;
  /** See {@link SuppressionRuleErrorDetails.reason}. */
  public readonly reason: string;
  /** See {@link SuppressionRuleErrorDetails.suggestion}. */
  declare public readonly suggestion?: string;

  public constructor(details: SuppressionRuleErrorDetails) {
    super(`line ${details.line}, column ${details.column}: ${details.reason}`);
    this.line = details.line;
    this.column = details.column;
    this.token = details.token;
    this.expected = details.expected;
    this.reason = details.reason;
    if (details.suggestion !== undefined) this.suggestion = details.suggestion;
  }
}
