import type { SeverityLabel } from '@soar/asff-schema';

import type { RenderedMessage } from '@soar/messages';
import type { SoarErrorContext } from '@soar/common';
import * as z from 'zod';

/** Where a ticket goes: the account's team, or the security operations centre. */
export const TicketDestinationSchema = z.enum(['TEAM', 'SOC']);
export type TicketDestination = z.infer<typeof TicketDestinationSchema>;

/** What a ticket system needs to open a ticket for one finding. */
export interface OpenTicketRequest {
  /** The ASFF finding id. Ticket systems derive their de-duplication key from it. */
  readonly findingId: string;
  /** AWS account of the finding (for error context). */
  readonly accountId?: string;
  readonly severity: SeverityLabel;
  /** Jira project key, or ServiceNow assignment group (queue). */
  readonly project: string;
  readonly destination?: TicketDestination;
  /** The rendered message; each system takes its part (`jira`, `serviceNow`, `subject`, `text`). */
  readonly message: Pick<RenderedMessage, 'subject' | 'text' | 'jira' | 'serviceNow'>;
  /** Extra labels (Jira) / tags. */
  readonly labels?: readonly string[];
  /**
   * Distinguishes separate tickets for the same finding (e.g. after it regressed), for systems that
   * derive the ticket id from the finding. Default: the finding id alone.
   */
  readonly occurrence?: string;
}

/** What a ticket system needs to close a ticket. */
export interface CloseTicketRequest {
  readonly findingId: string;
  readonly accountId?: string;
  /** Resolution text for the closing comment / close notes. Default: a standard sentence. */
  readonly resolution?: string;
}

/** The ticket `open` created (or found). */
export interface OpenedTicket {
  readonly ticketId: string;
  /** Link for humans, built from the configured base URL only. */
  readonly url?: string;
  /** True when an open ticket for the same finding already existed and was returned instead. */
  readonly reused?: boolean;
}

/**
 * A ticket system. `open` and `close` throw typed errors ({@link HttpError}, {@link InvalidTicketIdError},
 * {@link TicketTransitionError}...): the caller keeps its ticket record and retries, so a ticket is
 * never lost. `open` is safe to repeat for the same finding (the systems de-duplicate).
 */
export interface TicketSystem {
  /** `internal`, `jira` or `servicenow`. */
  readonly name: string;
  /**
   * Opens a ticket for a finding, or returns the open one a previous (timed-out) attempt created.
   *
   * @example
   * ```ts
   * const { ticketId, url } = await tickets.open({
   *   findingId: finding.Id,
   *   accountId: finding.AwsAccountId,
   *   severity: 'HIGH',
   *   project: account.ProjectId,
   *   message: rendered,
   * });
   * await store.recordOpened(finding.Id, ticketId); // before any notification
   * ```
   */
  open(request: OpenTicketRequest): Promise<OpenedTicket>;
  /**
   * Closes the ticket. The id must come from SOAR's own ticket store, and it is validated before
   * any HTTP call ({@link InvalidTicketIdError}). Closing an already closed ticket succeeds.
   *
   * @example
   * ```ts
   * const record = await store.openTicketOf(finding.Id); // never a TicketId taken from the finding
   * if (record) await tickets.close(record.ticketId, { findingId: finding.Id, resolution: 'the control passes.' });
   * ```
   */
  close(ticketId: string, request: CloseTicketRequest): Promise<void>;
  /**
   * Whether `id` has this system's ticket id format. Pure; no I/O.
   *
   * @example
   * ```ts
   * jira.isValidTicketId('SEC-42'); // true
   * jira.isValidTicketId('https://evil.example/SEC-42'); // false
   * ```
   */
  isValidTicketId(id: string): boolean;
}

/** The error context of a ticket request: channel, finding and account. */
export function requestContext(
  channel: string,
  request: { readonly findingId: string; readonly accountId?: string | undefined },
): SoarErrorContext {
  return {
    channel,
    findingId: request.findingId,
    ...(request.accountId === undefined ? {} : { accountId: request.accountId }),
  };
}
