import { TicketingError, type TicketingErrorContext } from '../errors';

/** A ticket id as it may appear in a message: quoted, control characters escaped, at most 64 characters. */
function quoted(id: string): string {
  return JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}…` : id);
}

/**
 * A ticket id does not have the format of the ticket system. Thrown before any HTTP call, so a
 * forged id (path traversal, a URL, CR/LF) never reaches a request (S1).
 *
 * @example
 * ```ts
 * try {
 *   await jira.close('../../admin', { findingId });
 * } catch (error) {
 *   if (error instanceof InvalidTicketIdError) console.error('refusing forged ticket id', error.channel);
 * }
 * ```
 */
export class InvalidTicketIdError extends TicketingError {
  public override name = 'InvalidTicketIdError';

  public constructor(ticketId: string, channel: string, context: TicketingErrorContext = {}) {
    super(`${quoted(ticketId)} is not a valid ${channel} ticket id`, { context: { ...context, channel } });
  }
}

/**
 * An open-ticket request is unusable (e.g. a project key that is not a Jira project key). Thrown
 * before any HTTP call.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidTicketRequestError) console.error(error.field, error.message);
 * ```
 */
export class InvalidTicketRequestError extends TicketingError {
  public override name = 'InvalidTicketRequestError';

  public constructor(
    public readonly field: string,
    reason: string,
    context: TicketingErrorContext = {},
  ) {
    super(`${field} ${reason}`, { context });
  }
}

/**
 * Channel configuration is invalid (bad priority list, table name, urgency value...). Thrown by
 * constructors, so a misconfiguration fails at start-up, not at the first finding.
 *
 * @example
 * ```ts
 * try {
 *   new JiraTicketSystem({ credentials, issueType: 'Task', priorities: ['Low'] });
 * } catch (error) {
 *   if (error instanceof ChannelConfigurationError) console.error(error.setting);
 * }
 * ```
 */
export class ChannelConfigurationError extends TicketingError {
  public override name = 'ChannelConfigurationError';

  public constructor(
    public readonly setting: string,
    reason: string,
    channel: string,
  ) {
    super(`${channel}: ${setting} ${reason}`, { context: { channel } });
  }
}

/**
 * The ticket does not exist (404) in the external system.
 *
 * @example
 * ```ts
 * if (error instanceof TicketNotFoundError) await store.markOrphaned(error.ticketId);
 * ```
 */
export class TicketNotFoundError extends TicketingError {
  public override name = 'TicketNotFoundError';

  public constructor(
    ticketId: string,
    channel: string,
    context: TicketingErrorContext = {},
    cause?: unknown,
  ) {
    super(`${channel} ticket ${quoted(ticketId)} does not exist`, {
      context: { ...context, ticketId, channel },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

/**
 * None of the configured workflow transitions is available for the issue, and it is not already
 * done. The issue is left untouched (never deleted — S1, C8).
 *
 * @example
 * ```ts
 * if (error instanceof TicketTransitionError) console.error(error.wanted, error.available);
 * ```
 */
export class TicketTransitionError extends TicketingError {
  public override name = 'TicketTransitionError';

  public constructor(
    ticketId: string,
    public readonly wanted: readonly string[],
    public readonly available: readonly string[],
    context: TicketingErrorContext = {},
  ) {
    super(
      `jira issue ${quoted(ticketId)}: none of the transitions [${wanted.join(', ')}] is available (available: [${available.join(', ')}])`,
      { context: { ...context, ticketId, channel: 'jira' } },
    );
  }
}

/**
 * An email address is malformed. Thrown before any SES call.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidRecipientError) console.error('bad address', error.address);
 * ```
 */
export class InvalidRecipientError extends TicketingError {
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
        ? `${field}: ${quoted(address)} is not a valid email address`
        : `${field}: ${reason}`,
      {
        context: { channel: 'email' },
      },
    );
  }
}

/**
 * A Sentinel request would exceed the Logs Ingestion API's 1 MB limit even after the record's
 * large fields were capped.
 *
 * @example
 * ```ts
 * if (error instanceof SentinelPayloadTooLargeError) console.error(error.bytes, error.limit);
 * ```
 */
export class SentinelPayloadTooLargeError extends TicketingError {
  public override name = 'SentinelPayloadTooLargeError';

  public constructor(
    public readonly bytes: number,
    public readonly limit: number,
    context: TicketingErrorContext = {},
  ) {
    super(`sentinel payload of ${String(bytes)} bytes exceeds the ${String(limit)}-byte limit`, {
      context: { ...context, channel: 'sentinel' },
    });
  }
}
