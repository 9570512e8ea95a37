import { quote, SoarError } from '@soar/common';

/** Base class of every error `@soar/notifications` throws. */
export class NotificationError extends SoarError {
  public override name = 'NotificationError';
}

/**
 * An email address is malformed. Thrown before any SES call.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidRecipientError) console.error('bad address', error.address);
 * ```
 */
export class InvalidRecipientError extends NotificationError {
  public override name = 'InvalidRecipientError';

  /**
   * @param address - The rejected address (`''` when an address is missing).
   * @param field - `to`, `cc`, `bcc`, `from` or `replyTo`.
   * @param reason - Overrides the default "is not a valid email address" message.
   */
  public constructor(
    public readonly address: string,
    public readonly field: string,
    reason?: string,
  ) {
    super(
      reason === undefined
        ? `${field}: ${quote(address)} is not a valid email address`
        : `${field}: ${reason}`,
      {
        context: { channel: 'email' },
      },
    );
  }
}
