import type { AccountSyncSummary } from '@soar/security-hub/controls';
import { createMemoryFailureRecorder } from '@soar/workflow';
import type { SyncControlsPorts } from '@soar/workflow/sync-controls';
import { planSyncControlsStep, syncControlsStep } from './sync-controls';

const ids = (count: number) => Array.from({ length: count }, (_, index) => String(100000000000 + index));

function portsWith(summaries: (accountId: string) => AccountSyncSummary) {
  const failures = createMemoryFailureRecorder();
  const ports: SyncControlsPorts = {
    organization: { listActiveAccountIds: () => Promise.resolve([...ids(23), ids(1)[0] ?? '']) },
    controls: { syncAccounts: (accountIds) => Promise.resolve(accountIds.map(summaries)) },
    failures,
    clock: () => new Date('2026-12-01T10:00:00Z'),
  };
  return { ports, failures };
}

const synced = (accountId: string): AccountSyncSummary => ({
  accountId,
  status: 'synced',
  put: 2,
  deleted: 1,
  unchanged: 5,
});

describe('Function: planSyncControlsStep', () => {
  it('splits the active accounts, each once, into batches of the given size', async () => {
    const { ports } = portsWith(synced);

    const plan = await planSyncControlsStep(ports, 10);

    expect(plan.accounts).toBe(23);
    expect(plan.batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
  });
});

describe('Function: syncControlsStep', () => {
  it('sums what the batch did and records nothing when every account synced', async () => {
    const { ports, failures } = portsWith(synced);

    const summary = await syncControlsStep({ accountIds: ids(3) }, ports);

    expect(summary).toEqual({
      accounts: 3,
      synced: 3,
      skipped: 0,
      failed: 0,
      put: 6,
      deleted: 3,
      unchanged: 15,
    });
    expect(failures.list()).toEqual([]);
  });

  it('records one failure row per failed account, step sync-controls, and skips without recording', async () => {
    // Arrange
    const [good, bad, suspended] = ids(3);
    const { ports, failures } = portsWith((accountId) =>
      accountId === bad
        ? {
            accountId,
            status: 'failed',
            put: 0,
            deleted: 0,
            unchanged: 0,
            error: {
              name: 'EnabledControlsSyncError',
              message: `account ${accountId}: throttled`,
              retryable: true,
            },
          }
        : accountId === suspended
          ? { accountId, status: 'skipped', put: 0, deleted: 0, unchanged: 0, reason: 'no role' }
          : synced(accountId),
    );

    // Act
    const summary = await syncControlsStep({ accountIds: [good, bad, suspended] }, ports);

    // Assert
    expect(summary).toMatchObject({ synced: 1, failed: 1, skipped: 1 });
    expect(failures.list()).toEqual([
      expect.objectContaining({
        accountId: bad,
        step: 'sync-controls',
        error: 'EnabledControlsSyncError',
        cause: expect.stringContaining('throttled'),
        at: '2026-12-01T10:00:00.000Z',
      }),
    ]);
  });

  it('refuses a batch without valid account ids, naming the field', async () => {
    const { ports } = portsWith(synced);

    await expect(syncControlsStep({ accountIds: ['12'] }, ports)).rejects.toThrow(/accountIds\.0/);
  });
});
