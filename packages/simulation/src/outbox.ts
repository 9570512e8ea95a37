import type { NotificationRecipients, Notifier } from '@soar/notifications';
import type { RenderedMessage } from '@soar/messages';

/** A message a local notifier captured instead of sending. */
export interface OutboxMessage {
  readonly channel: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** The complete HTML email, escaped and sanitised by the renderer exactly as it would be sent. */
  readonly html: string;
}

/**
 * A notifier that keeps every message instead of sending it: the email channel of local runs.
 *
 * @example
 * ```ts
 * const email = createOutbox('email');
 * const tickets = createTicketingService({ email, ... });
 * email.messages(); // [{ channel: 'email', to: ['payments@example.com'], subject: '…', … }]
 * ```
 */
export function createOutbox(channel = 'email'): Notifier & {
  messages(): readonly OutboxMessage[];
  /** A notifier of another channel (`slack`, `teams`) keeping its messages in this outbox. */
  channel(name: string): Notifier;
} {
  const messages: OutboxMessage[] = [];
  const notifier = (channel: string): Notifier => ({
    name: channel,
    send(message: RenderedMessage, recipients?: NotificationRecipients) {
      messages.push({
        channel,
        to: [...(recipients?.to ?? [])],
        cc: [...(recipients?.cc ?? [])],
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return Promise.resolve();
    },
  });
  return { ...notifier(channel), messages: () => [...messages], channel: notifier };
}
