import type { RenderedMessage } from '@soar/messages';

/** Who gets a notification. Chat notifiers post to their configured channel and ignore this. */
export interface NotificationRecipients {
  readonly to?: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
}

/** A notification channel (email, Slack, Teams). */
export interface Notifier {
  /** `email`, `slack` or `teams`. */
  readonly name: string;
  /**
   * Sends the message (each notifier takes its part of it). Rejects on failure; use
   * {@link notifyAll} for fail-open delivery.
   *
   * @example
   * ```ts
   * await email.send(rendered, { to: [account.TeamEmail], cc: escalationCc });
   * ```
   */
  send(message: RenderedMessage, recipients?: NotificationRecipients): Promise<void>;
}
