import { SoarError } from '@soar/common';

/** Base class of every error `@soar/security-hub` throws. */
export class SecurityHubError extends SoarError {
  public override name = 'SecurityHubError';
}

/** The Security Hub API operations behind {@link SecurityHubPort}. */
export type SecurityHubOperation = 'BatchUpdateFindings' | 'BatchImportFindings';

/** Where a Security Hub call was made: the member account and the region of the findings. */
export interface SecurityHubCallContext {
  readonly operation: SecurityHubOperation;
  readonly accountId: string;
  readonly region: string;
}

/** One finding that Security Hub did not update or import, with the error code it gave. */
export interface FindingFailure {
  readonly findingId: string;
  /** `undefined` for imports, where Security Hub reports only the finding `Id`. */
  readonly productArn?: string | undefined;
  /** Security Hub's code, e.g. `FindingNotFound`, `ConcurrentUpdateError`, `InvalidInput`. */
  readonly errorCode: string;
  readonly errorMessage: string;
  /** How many times the finding was sent before giving up. */
  readonly attempts: number;
}

/**
 * A finding update was built from bad input: the finding has no region, the update changes nothing,
 * a ticket id is blank... Thrown synchronously by the pure update builders, before any AWS call.
 *
 * @example
 * ```ts
 * try {
 *   suppressUpdate(findingWithoutRegion, 'Known false positive');
 * } catch (error) {
 *   if (error instanceof InvalidFindingUpdateError) console.error(error.field); // 'Region'
 * }
 * ```
 */
export class InvalidFindingUpdateError extends SecurityHubError {
  public override name = 'InvalidFindingUpdateError';
  /** The offending field, e.g. `Region`, `changes`, `ticket.ticketId`. */
  public readonly field: string;

  public constructor(field: string, message: string, findingId?: string, accountId?: string) {
    super(`Invalid finding update${findingId === undefined ? '' : ` for finding ${findingId}`}: ${message}`, {
      context: {
        ...(findingId === undefined ? {} : { findingId }),
        ...(accountId === undefined ? {} : { accountId }),
      },
    });
    this.field = field;
  }
}

function describeFailures(failures: readonly FindingFailure[]): string {
  const shown = failures
    .slice(0, 5)
    .map((failure) => `${failure.findingId} (${failure.errorCode}: ${failure.errorMessage})`)
    .join('; ');
  return failures.length > 5 ? `${shown}; and ${failures.length - 5} more` : shown;
}

/**
 * Security Hub refused some findings of a `BatchUpdateFindings` call (`UnprocessedFindings`), even after
 * the retryable ones were retried. Lists every refused finding with its error code; the findings in
 * {@link FindingUpdateError.updated} were updated.
 *
 * @example
 * ```ts
 * try {
 *   await port.updateFindings([suppressUpdate(finding, 'Handled as an incident')]);
 * } catch (error) {
 *   if (error instanceof FindingUpdateError) {
 *     for (const failure of error.failures) logger.error('not updated', { ...failure });
 *   }
 *   throw error;
 * }
 * ```
 */
export class FindingUpdateError extends SecurityHubError {
  public override name = 'FindingUpdateError';
  public readonly failures: readonly FindingFailure[];
  /** Ids of the findings that were updated before or despite the failures. */
  public readonly updated: readonly string[];

  public constructor(failures: readonly FindingFailure[], updated: readonly string[], accountId?: string) {
    super(
      `Security Hub did not update ${failures.length} finding(s): ${describeFailures(failures)}`,
      failures.length === 1 && failures[0] !== undefined
        ? { context: { findingId: failures[0].findingId, ...(accountId === undefined ? {} : { accountId }) } }
        : { context: accountId === undefined ? {} : { accountId } },
    );
    this.failures = failures;
    this.updated = updated;
  }
}

/**
 * Security Hub refused some findings of a `BatchImportFindings` call (`FailedCount` > 0 /
 * `FailedFindings`), even after the retryable ones were retried.
 *
 * @example
 * ```ts
 * try {
 *   await port.importFindings({ accountId: '111122223333', region: 'eu-west-1' }, [copy]);
 * } catch (error) {
 *   if (error instanceof FindingImportError) console.error(error.failures.map((f) => f.errorCode));
 * }
 * ```
 */
export class FindingImportError extends SecurityHubError {
  public override name = 'FindingImportError';
  public readonly failures: readonly FindingFailure[];
  /** Ids of the findings that were imported. */
  public readonly imported: readonly string[];

  public constructor(failures: readonly FindingFailure[], imported: readonly string[], accountId: string) {
    super(
      `Security Hub did not import ${failures.length} finding(s) into account ${accountId}: ${describeFailures(failures)}`,
      failures.length === 1 && failures[0] !== undefined
        ? { context: { accountId, findingId: failures[0].findingId } }
        : { context: { accountId } },
    );
    this.failures = failures;
    this.imported = imported;
  }
}

/**
 * A Security Hub call that failed: which operation, where, the underlying error name and the
 * findings in the request. Base of {@link SecurityHubThrottlingError} and
 * {@link SecurityHubRequestError}.
 */
export abstract class SecurityHubCallError extends SecurityHubError {
  public readonly operation: SecurityHubOperation;
  public readonly region: string;
  /** The name of the underlying error, e.g. `TooManyRequestsException` or `AccessDeniedError`. */
  public readonly awsErrorName: string;
  /** Ids of the findings in the failed request. */
  public readonly findingIds: readonly string[];

  protected constructor(
    message: string,
    context: SecurityHubCallContext,
    awsErrorName: string,
    findingIds: readonly string[],
    cause: unknown,
  ) {
    super(message, {
      cause,
      context: {
        accountId: context.accountId,
        ...(findingIds.length === 1 ? { findingId: findingIds[0] } : {}),
      },
    });
    this.operation = context.operation;
    this.region = context.region;
    this.awsErrorName = awsErrorName;
    this.findingIds = findingIds;
  }
}

/**
 * Security Hub throttled a call (`TooManyRequestsException`, `ThrottlingException`, HTTP 429) and the
 * SDK's own retries did not get through. A distinct error name, so that a Step Functions `Retry` can
 * match `SecurityHubThrottlingError` and back off (the original raised a bare `Exception`, which no
 * Retry matched, so a throttled update failed the execution instead of retrying).
 *
 * @example
 * ```ts
 * // In the state machine: Retry: [{ ErrorEquals: ['SecurityHubThrottlingError'], IntervalSeconds: 5, BackoffRate: 2, MaxAttempts: 6 }]
 * if (error instanceof SecurityHubThrottlingError) console.warn(`throttled in ${error.region}`);
 * ```
 */
export class SecurityHubThrottlingError extends SecurityHubCallError {
  public override name = 'SecurityHubThrottlingError';

  public constructor(
    context: SecurityHubCallContext,
    awsErrorName: string,
    findingIds: readonly string[],
    cause: unknown,
  ) {
    super(
      `Security Hub throttled ${context.operation} in account ${context.accountId}, region ${context.region} ` +
        `(${awsErrorName}) for ${findingIds.length} finding(s): ${findingIds.slice(0, 5).join(', ')}`,
      context,
      awsErrorName,
      findingIds,
      cause,
    );
  }
}

/**
 * A Security Hub call failed for another reason than throttling (access denied, invalid input,
 * assume-role failure...). The SDK or `@soar/aws-access` error is the `cause`.
 *
 * @example
 * ```ts
 * if (error instanceof SecurityHubRequestError) console.error(error.awsErrorName, error.findingIds);
 * ```
 */
export class SecurityHubRequestError extends SecurityHubCallError {
  public override name = 'SecurityHubRequestError';

  public constructor(
    context: SecurityHubCallContext,
    awsErrorName: string,
    findingIds: readonly string[],
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `Security Hub ${context.operation} failed in account ${context.accountId}, region ${context.region} ` +
        `(${awsErrorName}: ${detail}) for finding(s): ${findingIds.slice(0, 5).join(', ')}`,
      context,
      awsErrorName,
      findingIds,
      cause,
    );
  }
}

/**
 * A serialisable summary of an error, for results that carry an error instead of throwing it
 * (Step Functions would turn an `Error` object into `{}`).
 */
export interface ErrorReport {
  /** The error class name, e.g. `SecurityHubThrottlingError`. */
  readonly name: string;
  readonly message: string;
  /** Whether trying again later may succeed (throttling, concurrent updates, internal failures). */
  readonly retryable: boolean;
  readonly findingIds?: readonly string[];
  readonly errorCodes?: readonly string[];
}

const RETRYABLE_CODES: ReadonlySet<string> = new Set(['ConcurrentUpdateError', 'InternalFailure']);

/**
 * Turns any thrown value into an {@link ErrorReport}.
 *
 * @example
 * ```ts
 * try {
 *   await port.updateFindings([update]);
 * } catch (error) {
 *   return { reconsiderLater: false, error: toErrorReport(error) };
 * }
 * ```
 */
export function toErrorReport(error: unknown): ErrorReport {
  if (error instanceof FindingUpdateError || error instanceof FindingImportError) {
    return {
      name: error.name,
      message: error.message,
      retryable: error.failures.every((failure) => RETRYABLE_CODES.has(failure.errorCode)),
      findingIds: error.failures.map((failure) => failure.findingId),
      errorCodes: [...new Set(error.failures.map((failure) => failure.errorCode))],
    };
  }
  if (error instanceof SecurityHubThrottlingError) {
    return { name: error.name, message: error.message, retryable: true, findingIds: error.findingIds };
  }
  if (error instanceof SecurityHubRequestError) {
    return { name: error.name, message: error.message, retryable: false, findingIds: error.findingIds };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, retryable: false };
  return { name: 'Error', message: String(error), retryable: false };
}

/** The step of the enabled-controls sync that failed. */
export type EnabledControlsSyncStage = 'read-security-hub' | 'read-table' | 'write-table';

/**
 * Syncing the enabled controls of one account failed. Its rows were left as they were; the other
 * accounts are synced anyway. The underlying error is the `cause`.
 *
 * @example
 * ```ts
 * const summary = await syncAccountEnabledControls('111122223333', options);
 * if (summary.status === 'failed') console.error(summary.error?.name); // 'EnabledControlsSyncError'
 * ```
 */
export class EnabledControlsSyncError extends SecurityHubError {
  public override name = 'EnabledControlsSyncError';
  public readonly stage: EnabledControlsSyncStage;
  /** Region being read when the failure happened, for `read-security-hub`. */
  public readonly region: string | undefined;

  public constructor(
    accountId: string,
    stage: EnabledControlsSyncStage,
    detail: string,
    options: {
      readonly cause?: unknown;
      readonly region?: string | undefined;
      readonly controlId?: string | undefined;
    } = {},
  ) {
    super(
      `Could not sync enabled controls of account ${accountId}` +
        `${options.region === undefined ? '' : ` in ${options.region}`} (${stage}): ${detail}`,
      {
        cause: options.cause,
        context: { accountId, ...(options.controlId === undefined ? {} : { controlId: options.controlId }) },
      },
    );
    this.stage = stage;
    this.region = options.region;
  }
}

/**
 * Listing the accounts to sync failed (`ListMembers` in the administrator account).
 *
 * @example
 * ```ts
 * try {
 *   await listSyncAccounts(adminSecurityHub, '999988887777');
 * } catch (error) {
 *   if (error instanceof ListSyncAccountsError) console.error(error.message);
 * }
 * ```
 */
export class ListSyncAccountsError extends SecurityHubError {
  public override name = 'ListSyncAccountsError';

  public constructor(adminAccountId: string, detail: string, cause?: unknown) {
    super(`Could not list the Security Hub member accounts of administrator ${adminAccountId}: ${detail}`, {
      cause,
      context: { accountId: adminAccountId },
    });
  }
}
