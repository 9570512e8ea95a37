import { AccessDeniedError, type AwsAccess } from '@soar/aws-access';

import { sdk } from '../sdk';
import { type ErrorReport, toErrorReport, EnabledControlsSyncError } from '../errors';
import type { RetryOptions } from '../retry';
import { diffEnabledControls } from './enabled-controls';
import {
  type EnabledControlsTable,
  hasSyncedMarker,
  listEnabledControlRows,
  writeEnabledControlChanges,
} from './enabled-controls-table';
import {
  type ReadEnabledControlsOptions,
  readEnabledControls,
  SYNC_CONTROLS_SCOPE,
} from './security-hub-controls';

/** Options of {@link syncEnabledControls} and {@link syncAccountEnabledControls}. */
export interface SyncEnabledControlsOptions {
  /** Cross-account client factory from `@soar/aws-access`. */
  readonly access: Pick<AwsAccess, 'client'>;
  /** The enabled-controls table (in SOAR's own account). */
  readonly table: EnabledControlsTable;
  /**
   * Regions to read in each account (usually SOAR's home region, where findings are aggregated). With
   * several, a control counts as enabled for the account when it is enabled in any of them: rows are
   * per account and control, which is what the triage gate asks.
   */
  readonly regions: readonly string[];
  /** Accounts synced at the same time. Default 4 (the original ran all at once and was throttled). */
  readonly concurrency?: number | undefined;
  /** Retries of unprocessed associations and unprocessed DynamoDB writes. */
  readonly retry?: RetryOptions | undefined;
  /** Tuning of the Security Hub reads. */
  readonly read?: Omit<ReadEnabledControlsOptions, 'retry'> | undefined;
}

/** Outcome of one account: `synced`, `skipped` (the role could not be assumed) or `failed`. */
export type AccountSyncStatus = 'synced' | 'skipped' | 'failed';

/** What the sync did for one account. Counts are 0 when nothing was written. */
export interface AccountSyncSummary {
  readonly accountId: string;
  readonly status: AccountSyncStatus;
  /** Rows added (controls newly enabled). */
  readonly put: number;
  /** Rows removed (controls disabled, or whose standards were turned off). */
  readonly deleted: number;
  /** Rows that were already right and were not written. */
  readonly unchanged: number;
  /** Controls enabled in the account after the sync. */
  readonly enabled?: number | undefined;
  /** Security Hub calls made for the account. */
  readonly securityHubCalls?: number | undefined;
  /** Why the account was skipped. */
  readonly reason?: string | undefined;
  /** The error of a failed or skipped account (`EnabledControlsSyncError`, `AccessDeniedError`). */
  readonly error?: ErrorReport | undefined;
}

function isAccessDenied(error: unknown): error is Error {
  return error instanceof AccessDeniedError || (error instanceof Error && error.name === 'AccessDeniedError');
}

function detailOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function failed(accountId: string, error: EnabledControlsSyncError): AccountSyncSummary {
  return { accountId, status: 'failed', put: 0, deleted: 0, unchanged: 0, error: toErrorReport(error) };
}

/**
 * Syncs the enabled-controls rows of one account: reads what Security Hub has enabled (in each
 * region of `options.regions`, through a member-account session limited to
 * {@link SYNC_CONTROLS_SCOPE}), compares with the account's rows and writes only the differences,
 * deleting rows of controls that are no longer enabled anywhere. The first successful sync of an
 * account also writes its synced marker (see `syncedMarkerKey`), which tells the gates that the
 * account's rows can be trusted.
 *
 * Never throws: an account whose role cannot be assumed (`AccessDenied`, e.g. a suspended account) is
 * `skipped`; any other failure is `failed` with an {@link EnabledControlsSyncError}. Either way its
 * rows are left untouched.
 *
 * @example
 * ```ts
 * const summary = await syncAccountEnabledControls('111122223333', {
 *   access, table: { client: dynamodb, tableName: 'enabled-controls' }, regions: ['eu-west-1'],
 * });
 * // { accountId: '111122223333', status: 'synced', put: 3, deleted: 1, unchanged: 212, ... }
 * ```
 */
export async function syncAccountEnabledControls(
  accountId: string,
  options: SyncEnabledControlsOptions,
): Promise<AccountSyncSummary> {
  if (!/^\d{12}$/.test(accountId)) {
    return failed(
      accountId,
      new EnabledControlsSyncError(accountId, 'read-security-hub', 'not a 12-digit account id'),
    );
  }
  if (options.regions.length === 0) {
    return failed(
      accountId,
      new EnabledControlsSyncError(accountId, 'read-security-hub', 'no region to read'),
    );
  }

  const enabled = new Set<string>();
  let calls = 0;
  for (const region of options.regions) {
    try {
      const { SecurityHubClient } = await sdk.securityHub();
      const client = options.access.client(SecurityHubClient, { accountId, region }, SYNC_CONTROLS_SCOPE);
      const snapshot = await readEnabledControls(client, { ...options.read, retry: options.retry });
      calls += snapshot.calls;
      for (const controlId of snapshot.enabled) enabled.add(controlId);
    } catch (error) {
      if (isAccessDenied(error)) {
        return {
          accountId,
          status: 'skipped',
          put: 0,
          deleted: 0,
          unchanged: 0,
          reason: `the SOAR role could not be assumed in account ${accountId}; its rows were left as they are`,
          error: toErrorReport(error),
        };
      }
      return failed(
        accountId,
        new EnabledControlsSyncError(accountId, 'read-security-hub', detailOf(error), {
          cause: error,
          region,
        }),
      );
    }
  }

  let rows: Set<string>;
  let marked: boolean;
  try {
    [rows, marked] = await Promise.all([
      listEnabledControlRows(options.table, accountId),
      hasSyncedMarker(options.table, accountId),
    ]);
  } catch (error) {
    return failed(
      accountId,
      new EnabledControlsSyncError(accountId, 'read-table', detailOf(error), { cause: error }),
    );
  }

  const diff = diffEnabledControls(rows, enabled);
  try {
    await writeEnabledControlChanges(
      options.table,
      accountId,
      { ...diff, markSynced: !marked },
      options.retry,
    );
  } catch (error) {
    return failed(
      accountId,
      new EnabledControlsSyncError(accountId, 'write-table', detailOf(error), { cause: error }),
    );
  }
  return {
    accountId,
    status: 'synced',
    put: diff.put.length,
    deleted: diff.delete.length,
    unchanged: diff.unchanged,
    enabled: enabled.size,
    securityHubCalls: calls,
  };
}

/**
 * Syncs the enabled-controls rows of many accounts (typically from {@link listSyncAccounts}), a few at
 * a time. One account failing does not stop the others (the original's Map failed as a whole). The
 * summaries come back in the order of `accountIds`.
 *
 * @example
 * ```ts
 * const accountIds = await listSyncAccounts(adminSecurityHub, adminAccountId);
 * const summaries = await syncEnabledControls(accountIds, options);
 * const failures = summaries.filter((summary) => summary.status === 'failed');
 * ```
 */
export async function syncEnabledControls(
  accountIds: readonly string[],
  options: SyncEnabledControlsOptions,
): Promise<AccountSyncSummary[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const unique = [...new Set(accountIds)];
  const summaries = new Map<string, AccountSyncSummary>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const accountId = unique[next];
      next += 1;
      if (accountId === undefined) continue;
      summaries.set(accountId, await syncAccountEnabledControls(accountId, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, () => worker()));
  return unique.flatMap((accountId) => {
    const summary = summaries.get(accountId);
    return summary === undefined ? [] : [summary];
  });
}
