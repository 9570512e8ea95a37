import {
  EmailNotifier,
  type EmailNotifierOptions,
  type NotificationRecipients,
  type Notifier,
} from '@soar/notifications';
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

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  /**
   * The email settings of the simulated stack. When given, email goes through SOAR's own
   * `EmailNotifier` with sending turned off: addresses are validated and the configured CC and BCC
   * added exactly as in production, so a team address a deployed stack would refuse is refused
   * here too, and each `SendEmail` it would make is kept.
   */
  readonly email?: Pick<EmailNotifierOptions, 'from' | 'cc' | 'bcc' | 'replyTo'>;
}

/**
 * A notifier that keeps every message instead of sending it: the email channel of local runs.
 *
 * @example
 * ```ts
 * const email = createOutbox('email', { email: { from: 'soar@example.com' } });
 * const tickets = createTicketingService({ email, ... });
 * email.messages(); // [{ channel: 'email', to: ['payments@example.com'], subject: '…', … }]
 * ```
 */
export function createOutbox(
  channel = 'email',
  options: OutboxOptions = {},
): Notifier & {
  messages(): readonly OutboxMessage[];
  /** A notifier of another channel (`slack`, `teams`) keeping its messages in this outbox. */
  channel(name: string): Notifier;
} {
  const messages: OutboxMessage[] = [];
  const keep = (name: string): Notifier => ({
    name,
    send(message: RenderedMessage, recipients?: NotificationRecipients) {
      messages.push({
        channel: name,
        to: [...(recipients?.to ?? [])],
        cc: [...(recipients?.cc ?? [])],
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return Promise.resolve();
    },
  });
  const email = (name: string, settings: NonNullable<OutboxOptions['email']>): Notifier => {
    const notifier = new EmailNotifier({
      ...settings,
      sendEmail: false,
      onSuppressed: (inputs) => messages.push(...inputs.map((input) => emailOf(name, input))),
    });
    return { name, send: (message, recipients) => notifier.send(message, recipients) };
  };
  const main =
    options.email !== undefined && channel === 'email' ? email(channel, options.email) : keep(channel);
  return { ...main, messages: () => [...messages], channel: keep };
}

/** One `SendEmail` input, as the email notifier builds it. */
type SendEmailInput = Parameters<NonNullable<EmailNotifierOptions['onSuppressed']>>[0][number];

/** The message one `SendEmail` call would have sent. */
function emailOf(channel: string, input: SendEmailInput): OutboxMessage {
  const simple = input.Content?.Simple;
  return {
    channel,
    to: [...(input.Destination?.ToAddresses ?? [])],
    cc: [...(input.Destination?.CcAddresses ?? [])],
    subject: simple?.Subject?.Data ?? '',
    text: simple?.Body?.Text?.Data ?? '',
    html: simple?.Body?.Html?.Data ?? '',
  };
}
