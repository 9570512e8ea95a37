/** Facts attached to an error so that it can be logged and routed without the finding. */
export interface SoarErrorContext {
  readonly accountId?: string | undefined;
  readonly controlId?: string | undefined;
  readonly findingId?: string | undefined;
  readonly resourceArn?: string | undefined;
  readonly ticketId?: string | undefined;
  readonly channel?: string | undefined;
}

/** Options of every SOAR error: the cause is passed through, the context attached. */
export interface SoarErrorOptions {
  readonly cause?: unknown;
  readonly context?: SoarErrorContext | undefined;
}

/**
 * The base class the error classes of every SOAR package extend (each package declares its own base
 * below it, such as `TicketStoreError`). Context fields are copied onto the error only when set, so a
 * logged error carries only what is known.
 *
 * The context fields are declared, not initialised, so an error carries only the keys it was given.
 *
 * Every subclass sets `name` to its class name as a string literal: Step Functions retries and
 * catches errors by that name, and a minified bundle renames classes.
 *
 * @example
 * ```ts
 * export class TicketStoreError extends SoarError {
 *   public override name = 'TicketStoreError';
 * }
 * throw new TicketStoreError('Could not write the ticket', { cause, context: { findingId } });
 * ```
 */
export class SoarError extends Error {
  public override name = 'SoarError';
  declare public readonly accountId?: string;
  declare public readonly controlId?: string;
  declare public readonly findingId?: string;
  declare public readonly resourceArn?: string;
  declare public readonly ticketId?: string;
  declare public readonly channel?: string;

  public constructor(message: string, options: SoarErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { accountId, controlId, findingId, resourceArn, ticketId, channel } = options.context ?? {};
    if (accountId !== undefined) this.accountId = accountId;
    if (controlId !== undefined) this.controlId = controlId;
    if (findingId !== undefined) this.findingId = findingId;
    if (resourceArn !== undefined) this.resourceArn = resourceArn;
    if (ticketId !== undefined) this.ticketId = ticketId;
    if (channel !== undefined) this.channel = channel;
  }
}
