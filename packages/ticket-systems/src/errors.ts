import { quote, SoarError, type SoarErrorContext } from '@soar/common';

/** Base class of every error `@soar/ticket-systems` throws. */
export class TicketSystemsError extends SoarError {
  public override name = 'TicketSystemsError';
}

/**
 * A ticket id does not have the format of the ticket system. Thrown before any HTTP call, so a
 * forged id (path traversal, a URL, CR/LF) never reaches a request.
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
export class InvalidTicketIdError extends TicketSystemsError {
  public override name = 'InvalidTicketIdError';

  public constructor(ticketId: string, channel: string, context: SoarErrorContext = {}) {
    super(`${quote(ticketId)} is not a valid ${channel} ticket id`, { context: { ...context, channel } });
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
export class InvalidTicketRequestError extends TicketSystemsError {
  public override name = 'InvalidTicketRequestError';

  public constructor(
    public readonly field: string,
    reason: string,
    context: SoarErrorContext = {},
  ) {
    super(`${field} ${reason}`, { context });
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
export class TicketNotFoundError extends TicketSystemsError {
  public override name = 'TicketNotFoundError';

  public constructor(ticketId: string, channel: string, context: SoarErrorContext = {}, cause?: unknown) {
    super(`${channel} ticket ${quote(ticketId)} does not exist`, {
      context: { ...context, ticketId, channel },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

/**
 * None of the configured workflow transitions is available for the issue, and it is not already
 * done. The issue is left untouched (never deleted: an id taken from a finding could name someone
 * else's ticket).
 *
 * @example
 * ```ts
 * if (error instanceof TicketTransitionError) console.error(error.wanted, error.available);
 * ```
 */
export class TicketTransitionError extends TicketSystemsError {
  public override name = 'TicketTransitionError';

  public constructor(
    ticketId: string,
    public readonly wanted: readonly string[],
    public readonly available: readonly string[],
    context: SoarErrorContext = {},
  ) {
    super(
      `jira issue ${quote(ticketId)}: none of the transitions [${wanted.join(', ')}] is available (available: [${available.join(', ')}])`,
      { context: { ...context, ticketId, channel: 'jira' } },
    );
  }
}
