import { InvalidTicketIdError } from './errors';
import { findingDigest } from '@soar/common';
import type { CloseTicketRequest, OpenedTicket, OpenTicketRequest, TicketSystem } from './types';

/** Format of internal ticket ids: `SOAR-` and 12 upper-case hex digits. */
export const INTERNAL_TICKET_ID_PATTERN = /^SOAR-[0-9A-F]{12}$/u;

/**
 * The internal ticket id of a finding: `SOAR-` + the first 12 hex digits of SHA-256(finding id
 * [+ occurrence]), upper case. Deterministic, so a retried `open` yields the same id.
 *
 * @example
 * ```ts
 * internalTicketId('arn:aws:securityhub:eu-west-1:111122223333:security-control/EC2.2/finding/abc');
 * // 'SOAR-…' (always the same for this finding)
 * ```
 */
export function internalTicketId(findingId: string, occurrence?: string): string {
  return `SOAR-${findingDigest(findingId, occurrence).slice(0, 12).toUpperCase()}`;
}

/**
 * The ticket system used when no external one is configured: tickets live only in SOAR's own
 * store. `open` derives the id from the finding; `close` validates the id and does nothing else.
 *
 * @example
 * ```ts
 * const internal = new InternalTicketSystem();
 * const { ticketId } = await internal.open({ findingId, severity: 'HIGH', project: 'TEAM', message });
 * await internal.close(ticketId, { findingId });
 * ```
 */
export class InternalTicketSystem implements TicketSystem {
  public readonly name = 'internal';

  /** {@inheritDoc TicketSystem.open} */
  public open(request: OpenTicketRequest): Promise<OpenedTicket> {
    return Promise.resolve({ ticketId: internalTicketId(request.findingId, request.occurrence) });
  }

  /** {@inheritDoc TicketSystem.close} */
  public close(ticketId: string, request: CloseTicketRequest): Promise<void> {
    if (!this.isValidTicketId(ticketId)) {
      return Promise.reject(
        new InvalidTicketIdError(ticketId, this.name, {
          findingId: request.findingId,
          ...(request.accountId === undefined ? {} : { accountId: request.accountId }),
        }),
      );
    }
    return Promise.resolve();
  }

  /** {@inheritDoc TicketSystem.isValidTicketId} */
  public isValidTicketId(id: string): boolean {
    return typeof id === 'string' && INTERNAL_TICKET_ID_PATTERN.test(id);
  }
}
