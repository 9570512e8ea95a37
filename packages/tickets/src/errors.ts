import { SoarError, type SoarErrorContext } from '@soar/common';

/** Base class of every error `@soar/tickets` throws. */
export class TicketingError extends SoarError {
  public override name = 'TicketingError';
}

/** A ticket store operation failed (DynamoDB error, or contention that did not settle). */
export class TicketStoreError extends TicketingError {
  public override name = 'TicketStoreError';
}

/**
 * A row of the tickets table does not have the expected shape. Names the finding id (when the row
 * has one) and the offending attributes. List queries skip and report such rows; single-row
 * operations throw this.
 */
export class TicketRowError extends TicketStoreError {
  public override name = 'TicketRowError';
  /** The first offending attribute, e.g. `penalty_score` or `history.0.ticket_id`. */
  public readonly field: string;
  /** Every offending attribute. */
  public readonly fields: readonly string[];

  public constructor(
    message: string,
    options: { fields: readonly string[]; cause?: unknown; context?: SoarErrorContext },
  ) {
    super(message, options);
    this.fields = options.fields;
    this.field = options.fields[0] ?? '(row)';
  }
}

/** The input of a store operation is invalid (names the field). */
export class TicketInputError extends TicketStoreError {
  public override name = 'TicketInputError';
  /** The offending input field, e.g. `accountId`. */
  public readonly field: string;

  public constructor(
    message: string,
    options: { field: string; cause?: unknown; context?: SoarErrorContext },
  ) {
    super(message, options);
    this.field = options.field;
  }
}

/**
 * `confirmOpen` was called with a claim token that no longer holds the finding: the claim expired
 * and another execution took over (or the finding was already confirmed with another ticket). The
 * external ticket named in the error is now a duplicate the caller must close or report.
 */
export class TicketClaimLostError extends TicketStoreError {
  public override name = 'TicketClaimLostError';
}

/** Raised while another execution is opening the ticket of the same finding; retry later. */
export class TicketInProgressError extends TicketingError {
  public override name = 'TicketInProgressError';
}

/** The ticket system refused or failed; the claim is released with the error recorded, retry later. */
export class TicketSystemError extends TicketingError {
  public override name = 'TicketSystemError';
}
