import type { SoarLogger } from '@soar/common';
import type { ReminderSummary, TicketingService } from '@soar/tickets';
import {
  NOTIFICATION_NOT_DELIVERED,
  NotificationNotDeliveredError,
  type FailureRecorder,
} from '@soar/workflow';
import { digestKey } from '@soar/workflow/ordering';

/** What the overdue reminders act through. */
export interface RemindPorts {
  readonly tickets: Pick<TicketingService, 'sendOverdueReminders'>;
  readonly failures: FailureRecorder;
  readonly clock?: (() => Date) | undefined;
  readonly logger?: SoarLogger | undefined;
}

/**
 * Sends the overdue reminders (one per ticket, ever). A reminder whose email still fails after its
 * retries is recorded as a failure with its own row (step `overdue-reminder-email`, keyed by finding
 * and ticket), and the step then fails so that its function's error alarm fires.
 *
 * @throws {NotificationNotDeliveredError} when any reminder was not delivered (after recording each)
 *
 * @example
 * ```ts
 * const summary = await remindOverdueStep({ tickets, failures }); // hourly
 * summary.reminded.length;
 * ```
 */
export async function remindOverdueStep(ports: RemindPorts): Promise<ReminderSummary> {
  const now = ports.clock ?? (() => new Date());
  const summary = await ports.tickets.sendOverdueReminders();
  for (const failed of summary.failed) {
    await ports.failures.record({
      key: digestKey('reminder', failed.findingId, failed.ticketId),
      findingId: failed.findingId,
      step: 'overdue-reminder-email',
      error: NOTIFICATION_NOT_DELIVERED,
      cause: `The overdue reminder of ticket ${failed.ticketId} was not delivered: ${failed.error}`,
      at: now().toISOString(),
    });
  }
  // A chat copy of a delivered reminder fails open: its own row (step `slack`, `teams`), no error.
  for (const failed of summary.chatFailed ?? []) {
    await ports.failures.record({
      key: digestKey('reminder', failed.findingId, failed.ticketId, failed.channel),
      findingId: failed.findingId,
      step: failed.channel,
      error: 'ChannelError',
      cause: `The overdue reminder of ticket ${failed.ticketId} was not delivered to ${failed.channel}: ${failed.error}`,
      at: now().toISOString(),
    });
  }
  if (summary.failed.length > 0) {
    throw new NotificationNotDeliveredError(
      `${summary.failed.length} overdue reminder(s) were not delivered (recorded as failures); ` +
        'please tell those teams yourself.',
      { context: { step: 'overdue-reminder' } },
    );
  }
  return summary;
}
