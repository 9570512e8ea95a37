import type { RenderedMessage } from '@soar/messages';
import type { NotificationRecipients, Notifier } from './types';

/** Outcome of one notifier in {@link notifyAll}. */
export interface NotifyResult {
  /** The notifier's `name`. */
  readonly channel: string;
  readonly ok: boolean;
  /** Why it failed (absent when `ok`). */
  readonly error?: Error;
}

/**
 * Sends `message` through every notifier in parallel and reports each outcome. Never throws and
 * never rejects: notifications are fail-open (a Slack outage must not stop the email or the
 * ticket). Check the results to log or alarm.
 *
 * @example
 * ```ts
 * const results = await notifyAll([email, slack, teams], message, { to: [account.TeamEmail] });
 * for (const r of results) if (!r.ok) logger.warn('notification failed', { channel: r.channel, error: r.error?.message });
 * ```
 */
export async function notifyAll(
  notifiers: readonly Notifier[],
  message: RenderedMessage,
  recipients?: NotificationRecipients,
): Promise<NotifyResult[]> {
  const settled = await Promise.allSettled(
    notifiers.map(async (notifier) => {
      // Inside the async function, a synchronous throw becomes a rejection too.
      await notifier.send(message, recipients);
    }),
  );
  return settled.map((outcome, index) => {
    const channel = notifiers[index]?.name ?? `notifier-${String(index)}`;
    if (outcome.status === 'fulfilled') return { channel, ok: true };
    const reason: unknown = outcome.reason;
    return { channel, ok: false, error: reason instanceof Error ? reason : new Error(String(reason)) };
  });
}
