import { SILENT_LOGGER, describeError } from '@soar/common';
import type { AccountSyncSummary } from '@soar/security-hub/controls';
import * as z from 'zod';
import { InvalidStepInputError, type FailureRecord } from '@soar/workflow';
import type { SyncControlsPorts } from '@soar/workflow/sync-controls';

/**
 * Accounts per batch: one Lambda invocation (one state) syncs a batch, a few accounts at a time.
 * Ten accounts take well under a minute (each account is a few dozen Security Hub calls, in its own
 * account's quota), far within the function's timeout, and keep the state count at one per ten
 * accounts: 12 states for 100 accounts where the original entered 102.
 */
export const SYNC_BATCH_SIZE = 10;

/** The step name of the failure row of an account that could not be synced. */
export const SYNC_CONTROLS_STEP = 'sync-controls';

const AccountIdSchema = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

/** The input of one batch: the accounts to sync (a Map iteration of the sync state machine). */
export const SyncBatchInputSchema = z.strictObject({
  accountIds: z.array(AccountIdSchema).min(1).max(100),
});
export type SyncBatchInput = z.infer<typeof SyncBatchInputSchema>;

/** The accounts to sync, split into batches (the output of the sync's first state). */
export interface SyncPlan {
  readonly accounts: number;
  readonly batches: string[][];
}

/**
 * What one batch did, counts only: the Map gathers one per batch into the execution's state, which
 * Step Functions holds to 256 KiB, so the failed accounts are named in the failures table and the
 * log, not here.
 */
export interface SyncBatchSummary {
  readonly accounts: number;
  readonly synced: number;
  readonly skipped: number;
  readonly failed: number;
  /** Rows written and deleted: only the changes are written. */
  readonly put: number;
  readonly deleted: number;
  readonly unchanged: number;
}

/**
 * The first state of the enabled-controls sync: the organization's active accounts, in batches of
 * `batchSize` for the Map that follows.
 *
 * @example
 * ```ts
 * const plan = await planSyncControlsStep({ organization, controls, failures });
 * // { accounts: 23, batches: [[…10 ids], […10 ids], […3 ids]] }
 * ```
 */
export async function planSyncControlsStep(
  ports: Pick<SyncControlsPorts, 'organization' | 'logger'>,
  batchSize: number = SYNC_BATCH_SIZE,
): Promise<SyncPlan> {
  const size = Math.max(1, Math.floor(batchSize));
  const accountIds = [...new Set(await ports.organization.listActiveAccountIds())];
  const batches: string[][] = [];
  for (let start = 0; start < accountIds.length; start += size)
    batches.push(accountIds.slice(start, start + size));
  (ports.logger ?? SILENT_LOGGER).info('Accounts to sync', {
    accounts: accountIds.length,
    batches: batches.length,
  });
  return { accounts: accountIds.length, batches };
}

/**
 * Syncs the enabled controls of one batch of accounts (a few at a time, through `ports.controls`)
 * and keeps a failure row (step `sync-controls`) for each account that failed, so it is alarmed on
 * while the other accounts are synced. An account whose role cannot be assumed (suspended, or the
 * management account without the member role) is skipped with a warning: SOAR cannot act there.
 *
 * @throws {InvalidStepInputError} when the input names no valid account
 * @throws the recorder's error when a failure row could not be written (every row is tried first),
 *   so the state machine retries the batch and, after that, alarms
 *
 * @example
 * ```ts
 * await syncControlsStep({ accountIds: ['111122223333'] }, { organization, controls, failures, logger });
 * // { accounts: 1, synced: 1, skipped: 0, failed: 0, put: 3, deleted: 0, unchanged: 212 }
 * ```
 */
export async function syncControlsStep(input: unknown, ports: SyncControlsPorts): Promise<SyncBatchSummary> {
  const parsed = SyncBatchInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    throw new InvalidStepInputError(`The sync-controls step got an invalid batch: ${issues.join('; ')}`, {
      context: { step: SYNC_CONTROLS_STEP },
    });
  }
  const logger = ports.logger ?? SILENT_LOGGER;
  const at = (ports.clock ?? (() => new Date()))().toISOString();
  const summaries = await ports.controls.syncAccounts(parsed.data.accountIds);

  const failures: FailureRecord[] = [];
  for (const summary of summaries) {
    const details = { accountId: summary.accountId, status: summary.status };
    if (summary.status === 'synced') {
      logger.info('Account synced', {
        ...details,
        put: summary.put,
        deleted: summary.deleted,
        unchanged: summary.unchanged,
      });
    } else if (summary.status === 'skipped') {
      logger.warn('Account skipped: the member role could not be assumed', {
        ...details,
        reason: summary.reason,
      });
    } else {
      failures.push(failureOf(summary, at));
    }
  }
  const recorded = await Promise.allSettled(failures.map((failure) => ports.failures.record(failure)));
  const unrecorded = recorded.flatMap((result, index) =>
    result.status === 'rejected' ? [{ accountId: failures[index]?.accountId, error: result.reason }] : [],
  );
  if (unrecorded.length > 0) {
    for (const { accountId, error } of unrecorded)
      logger.error('Sync failure not recorded', { accountId, error: describeError(error) });
    throw unrecorded[0]?.error;
  }

  const count = (status: AccountSyncSummary['status']) =>
    summaries.filter((summary) => summary.status === status).length;
  const sum = (field: 'put' | 'deleted' | 'unchanged') =>
    summaries.reduce((total, summary) => total + summary[field], 0);
  return {
    accounts: summaries.length,
    synced: count('synced'),
    skipped: count('skipped'),
    failed: count('failed'),
    put: sum('put'),
    deleted: sum('deleted'),
    unchanged: sum('unchanged'),
  };
}

/** The failure row of an account: one per account and run, so a run does not overwrite another's. */
function failureOf(summary: AccountSyncSummary, at: string): FailureRecord {
  return {
    key: `${SYNC_CONTROLS_STEP}#${summary.accountId}#${at}`,
    accountId: summary.accountId,
    step: SYNC_CONTROLS_STEP,
    error: summary.error?.name ?? 'EnabledControlsSyncError',
    cause: summary.error?.message ?? `The enabled controls of account ${summary.accountId} were not synced.`,
    at,
  };
}
