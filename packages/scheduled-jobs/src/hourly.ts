import { describeError, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import type { ReminderSummary } from '@soar/tickets';
import type { SlaConfig } from '@soar/tickets/sla';
import { WorkflowError, type FailureRecorder } from '@soar/workflow';
import { remindOverdueStep, type RemindPorts } from './remind';
import { digestKey } from '@soar/workflow/ordering';
import {
  HISTORY_WINDOW_MS,
  historyMetrics,
  ticketMetrics,
  type HistoryFacts,
  type MetricPoint,
  type OpenTicketFacts,
} from './statistics';

/** Where the hourly statistics go (Powertools Metrics in EMF in AWS; a list locally). */
export interface MetricsSink {
  publish(points: readonly MetricPoint[]): Promise<void> | void;
}

/** Every open ticket (the ticket store's `openTickets`). */
export interface OpenTicketsSource {
  openTickets(): Promise<{
    readonly tickets: readonly OpenTicketFacts[];
    readonly corrupt: readonly unknown[];
  }>;
}

/** A history the statistics count (the auto-remediation history, the incident history). */
export interface HistorySource {
  /** The rows at or after `since`. */
  listSince(since: Date): Promise<readonly HistoryFacts[]>;
}

/**
 * What the hourly tasks act through. The histories are optional: a deployment without the
 * auto-remediation or incident history publishes the ticket statistics only.
 */
export type HourlyPorts = RemindPorts & {
  readonly openTickets: OpenTicketsSource;
  readonly metrics: MetricsSink;
  readonly sla: SlaConfig;
  readonly autoRemediations?: HistorySource | undefined;
  readonly incidents?: HistorySource | undefined;
};

/** What one run of the hourly tasks did. */
export interface HourlySummary {
  readonly at: string;
  readonly reminders: ReminderSummary;
  readonly metrics: readonly MetricPoint[];
  /** Open ticket rows that could not be read (not counted; reported). */
  readonly corruptTickets: number;
}

/**
 * The hourly tasks: publish the statistics (open and overdue tickets, and auto-remediations and
 * incidents of the last four weeks where their history is wired), then send the overdue reminders
 * that are due. The statistics go first, so that a reminder that fails does not leave the
 * dashboards an hour behind. One run is one Lambda invocation: no state machine, no state per
 * ticket.
 *
 * @throws {NotificationNotDeliveredError} when a reminder was not delivered (each recorded as a
 * failure first); the statistics are published by then
 *
 * @example
 * ```ts
 * const summary = await hourlyTasksStep({ tickets, failures, openTickets: store, metrics, sla: config.sla });
 * summary.reminders.reminded.length;
 * ```
 */
export async function hourlyTasksStep(ports: HourlyPorts): Promise<HourlySummary> {
  const now = (ports.clock ?? (() => new Date()))();
  const logger = ports.logger ?? SILENT_LOGGER;
  const { tickets, corrupt } = await ports.openTickets.openTickets();
  if (corrupt.length > 0)
    logger.warn('Open ticket rows could not be read; not counted', { corrupt: corrupt.length });
  const since = new Date(now.getTime() - HISTORY_WINDOW_MS);
  const points = [
    ...ticketMetrics(tickets, now, ports.sla),
    ...(ports.autoRemediations === undefined
      ? []
      : historyMetrics('autoRemediations', await ports.autoRemediations.listSince(since))),
    ...(ports.incidents === undefined
      ? []
      : historyMetrics('incidents', await ports.incidents.listSince(since))),
  ];
  await ports.metrics.publish(points);
  const reminders = await remindOverdueStep({ ...ports, clock: () => now });
  logger.info('Hourly tasks done', {
    openTickets: tickets.length,
    overdue: reminders.overdue,
    reminded: reminders.reminded.length,
    skipped: reminders.skipped,
    metricPoints: points.length,
  });
  return { at: now.toISOString(), reminders, metrics: points, corruptTickets: corrupt.length };
}

/** Refreshes one account's cached metadata from Organizations (`AccountMetadataService.refresh`). */
export interface AccountRefresher {
  /** The accounts to refresh: the organization's active accounts. */
  listAccountIds(): Promise<readonly string[]>;
  /**
   * Reads the account from Organizations and rewrites its cache row (a row for an account that left
   * the organization is deleted: `removed`).
   */
  refresh(accountId: string): Promise<'refreshed' | 'removed'>;
}

/** What the account cache refresh acts through. */
export interface RefreshAccountsPorts {
  readonly accounts: AccountRefresher;
  readonly failures: FailureRecorder;
  /** Most accounts refreshed at once (Organizations has low request quotas). Default 4. */
  readonly concurrency?: number | undefined;
  readonly logger?: SoarLogger | undefined;
  readonly clock?: (() => Date) | undefined;
}

/** What one account cache refresh did. */
export interface RefreshSummary {
  readonly accounts: number;
  readonly refreshed: number;
  readonly removed: number;
  readonly failed: readonly { readonly accountId: string; readonly error: string }[];
}

/** Thrown after the refresh went through every account, when some could not be refreshed. */
export class AccountRefreshError extends WorkflowError {
  public override name = 'AccountRefreshError';
}

/**
 * Refreshes the account metadata cache, one account at a time per slot (at most `concurrency` at
 * once), row by row: each row is rewritten with fresh data, so no finding ever finds the cache
 * empty (the original emptied the whole table, and every finding of the next minutes missed at
 * once). An account that fails is logged and recorded as a failure, and the others go on; the step
 * then fails, so that its function's error alarm fires.
 *
 * @throws {AccountRefreshError} when some accounts could not be refreshed (after the others were)
 *
 * @example
 * ```ts
 * const summary = await refreshAccountsStep({ accounts: refresher, failures });
 * ```
 */
export async function refreshAccountsStep(ports: RefreshAccountsPorts): Promise<RefreshSummary> {
  const clock = ports.clock ?? (() => new Date());
  const logger = ports.logger ?? SILENT_LOGGER;
  const ids = [...new Set(await ports.accounts.listAccountIds())];
  const limit = Math.max(1, ports.concurrency ?? 4);
  let refreshed = 0;
  let removed = 0;
  const failed: { accountId: string; error: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const accountId = ids[next] ?? '';
      next += 1;
      try {
        const outcome = await ports.accounts.refresh(accountId);
        if (outcome === 'removed') removed += 1;
        else refreshed += 1;
      } catch (error) {
        const text = describeError(error);
        logger.warn('Account metadata not refreshed', { accountId, error: text });
        failed.push({ accountId, error: text });
        await ports.failures.record({
          key: digestKey('account-refresh', accountId, clock().toISOString()),
          accountId,
          step: 'account-refresh',
          error: error instanceof Error ? error.name : 'Error',
          cause: `The cached metadata of account ${accountId} could not be refreshed: ${text}`,
          at: clock().toISOString(),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, ids.length) }, worker));
  const summary = { accounts: ids.length, refreshed, removed, failed };
  logger.info('Account metadata cache refreshed', { ...summary, failed: failed.length });
  if (failed.length > 0) {
    throw new AccountRefreshError(
      `${failed.length} account(s) could not be refreshed (recorded as failures; their cache rows expire ` +
        `and are read again on the next finding): ${failed.map((f) => f.accountId).join(', ')}`,
      { context: { step: 'account-refresh' } },
    );
  }
  return summary;
}
