import { SoarError } from '@soar/common';

/** Base class of every error `@soar/accounts` throws. */
export class AccountsError extends SoarError {
  public override name = 'AccountsError';
}

/**
 * Errors of the account-metadata module.
 *
 * ```
 * AccountsError
 * ├── InvalidAccountIdError        an account id is not 12 digits: `field`, `value`
 * ├── AccountMetadataConfigError   the configuration is invalid: `issues` (each names its field)
 * ├── AccountNotFoundError         Organizations does not know the account (route it, never retry it)
 * └── AccountLookupError           any other Organizations failure: `awsErrorName`, `retryable`
 * ```
 */

/** Renders a rejected value for an error message without dumping large or hostile input. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return typeof value;
}

/**
 * An account id is not a 12-digit string. Thrown before any AWS call.
 *
 * @example
 * ```ts
 * try {
 *   await service.getAccount('1234');
 * } catch (error) {
 *   if (error instanceof InvalidAccountIdError) console.error(error.field); // 'accountId'
 * }
 * ```
 */
export class InvalidAccountIdError extends AccountsError {
  public override name = 'InvalidAccountIdError';

  /**
   * @param field - Path of the offending input, e.g. `accountId` or `accountIds[3]`.
   * @param value - The rejected value.
   */
  public constructor(
    public readonly field: string,
    public readonly value: unknown,
  ) {
    super(`Invalid ${field}: must be a 12-digit AWS account id (got ${show(value)})`);
  }
}

/** One problem found in an account-metadata configuration. */
export interface ConfigIssue {
  /** Dotted path of the bad field, e.g. `tagKeys.teamEmail` or `minAgeHours`. */
  readonly field: string;
  readonly message: string;
}

/**
 * The account-metadata configuration is invalid. `issues` names every bad field; the message names
 * the first few.
 *
 * @example
 * ```ts
 * try {
 *   parseAccountMetadataConfig({ minAgeHours: -1 });
 * } catch (error) {
 *   if (error instanceof AccountMetadataConfigError) console.error(error.issues[0]?.field); // 'minAgeHours'
 * }
 * ```
 */
export class AccountMetadataConfigError extends AccountsError {
  public override name = 'AccountMetadataConfigError';
  public readonly issues: readonly ConfigIssue[];

  public constructor(issues: readonly ConfigIssue[], options: { cause?: unknown } = {}) {
    const shown = issues
      .slice(0, 3)
      .map((issue) => `${issue.field}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    super(`Invalid account metadata configuration: ${shown}${more}`, options);
    this.issues = [...issues];
  }
}

/**
 * AWS Organizations does not know the account: the finding belongs to an account outside the
 * organization, or one that has left it. This is not transient, so callers must route it (e.g. to
 * an "unknown account" branch) instead of retrying; the service remembers it for a short while so a
 * burst of findings for the account makes one lookup.
 *
 * @example
 * ```ts
 * try {
 *   scratchpad.account = await service.getAccount(finding.AwsAccountId);
 * } catch (error) {
 *   if (error instanceof AccountNotFoundError) return routeUnknownAccount(finding, error.accountId);
 *   throw error;
 * }
 * ```
 */
export class AccountNotFoundError extends AccountsError {
  public override name = 'AccountNotFoundError';
  declare public readonly accountId: string;

  public constructor(accountId: string, options: { cause?: unknown } = {}) {
    super(`AWS account ${accountId} is not a member of the organization`, {
      ...options,
      context: { accountId },
    });
  }
}

/**
 * An AWS Organizations call failed for a reason other than an unknown account, after the SDK's own
 * retries. `retryable` is true for throttling, server errors and network failures, false for e.g.
 * `AccessDeniedException` or `AWSOrganizationsNotInUseException`.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof AccountLookupError && error.retryable) throw error; // let Step Functions retry
 * }
 * ```
 */
export class AccountLookupError extends AccountsError {
  public override name = 'AccountLookupError';
  declare public readonly accountId: string;

  /**
   * @param accountId - The account being looked up.
   * @param operation - The Organizations operation that failed, e.g. `ListParents`.
   * @param awsErrorName - `name` of the SDK error (`TooManyRequestsException`, …), or `Error`.
   * @param retryable - Whether trying again later may succeed.
   */
  public constructor(
    accountId: string,
    public readonly operation: string,
    public readonly awsErrorName: string,
    public readonly retryable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(`Organizations ${operation} failed for account ${accountId}: ${awsErrorName}`, {
      ...options,
      context: { accountId },
    });
  }
}
