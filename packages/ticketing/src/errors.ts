/** Context attached to ticketing errors, so a failure can be logged and routed without the finding. */
export interface TicketingErrorContext {
  readonly accountId?: string;
  readonly findingId?: string;
  readonly ticketId?: string;
  readonly channel?: string;
}

/** Base class of every error `@soar/ticketing` throws. */
export class TicketingError extends Error {
  public override name = 'TicketingError';
  public readonly accountId?: string;
  public readonly findingId?: string;
  public readonly ticketId?: string;
  public readonly channel?: string;

  public constructor(message: string, options: { cause?: unknown; context?: TicketingErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { accountId, findingId, ticketId, channel } = options.context ?? {};
    if (accountId !== undefined) this.accountId = accountId;
    if (findingId !== undefined) this.findingId = findingId;
    if (ticketId !== undefined) this.ticketId = ticketId;
    if (channel !== undefined) this.channel = channel;
  }
}
