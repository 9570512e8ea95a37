import { TriageError } from '../errors';

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
export class EnabledControlsSyncError extends TriageError {
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
export class ListSyncAccountsError extends TriageError {
  public override name = 'ListSyncAccountsError';

  public constructor(adminAccountId: string, detail: string, cause?: unknown) {
    super(`Could not list the Security Hub member accounts of administrator ${adminAccountId}: ${detail}`, {
      cause,
      context: { accountId: adminAccountId },
    });
  }
}
