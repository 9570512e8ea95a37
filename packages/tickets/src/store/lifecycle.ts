import { describeError } from '@soar/common';
import { TicketInputError } from '../errors';
import { dueAt, reminderDue } from '../sla';
import type { TicketStoreConfig } from './config';
import { OpenTicketInputSchema, type OpenTicketData, type OpenTicketInput } from './open-input';
import type { Ticket, TicketHistoryEntry } from './ticket-row';

/**
 * # The ticket lifecycle
 *
 * The rules of a finding's ticket row, without any I/O: each `decide…` function takes the current
 * row (`undefined` when the finding has none), the operation's input, the time and the settings,
 * and returns what to do: a `next` row to write, or an answer that writes nothing. The store
 * (`TicketStore`) reads the row, asks, and writes `next` only if the row is still at the version it
 * read; when another writer came first it reads again and asks again.
 *
 * | Row \ operation | claim | confirm (token) | abandon (token) | close (ticket id) | reminder |
 * |---|---|---|---|---|---|
 * | none | `claim` (`new`) | `claim_lost` | `not_held` | `not_found` | skip `not_found` |
 * | OPENING, claim live (expiry ≥ now) | `in_progress` | holder: `confirm`, else `claim_lost` | holder: `abandon`, else `not_held` | `other_ticket` | skip `not_open` |
 * | OPENING, claim expired (expiry < now) | `claim` (`expired`) | holder: `confirm` (nobody took over), else `claim_lost` | holder: `abandon`, else `not_held` | `other_ticket` | skip `not_open` |
 * | OPENING, claim abandoned (no token) | `claim` (`abandoned`) | `claim_lost` | `not_held` | `other_ticket` | skip `not_open` |
 * | OPEN | `exists` | same ticket id: `confirmed`, else `claim_lost` | `not_held` | its ticket: `close`, else `other_ticket` | `remind` once, then skip `already_reminded` (skip `other_ticket` when another ticket id is named) |
 * | CLOSED | `claim` (`reopened`: the closed ticket moves into `history`) | `claim_lost` | `not_held` | its ticket: `already_closed`, else `other_ticket` | skip `not_open` |
 *
 * Closing a ticket id found in the row's `history` is `already_closed` whatever the row's state
 * (unless the row holds it OPEN). Every `next` row has `version + 1`; `claim` keeps at most
 * `maxHistory` history entries (the oldest dropped), and an expired or abandoned claim passes its
 * `last_error`, `last_error_at` and `failed_attempts` on to the next claim.
 */

/** The settings the lifecycle reads (a parsed `TicketStoreConfig` has them all). */
export type LifecycleConfig = Pick<
  TicketStoreConfig,
  'sla' | 'claimSeconds' | 'closedRetentionDays' | 'maxHistory'
>;

/** The external ticket a confirmation records. */
export interface ConfirmedTicket {
  readonly ticketId: string;
  /** E.g. `JIRA`, `SERVICE_NOW`, `NONE`. */
  readonly ticketSystem: string;
  readonly url?: string;
}

/** A validated claim request and the token the new claim gets. */
export type ClaimInput = OpenTicketData & { readonly token: string };

/** Why a claim may be taken: no row, a closed ticket, an expired or an abandoned claim. */
export type ClaimReason = 'new' | 'reopened' | 'expired' | 'abandoned';

/** Outcome of `TicketStore.claimOpen`. */
export type ClaimResult =
  /** This caller holds the finding until `expiresAt`: create the ticket, then confirm or abandon. */
  | { readonly kind: 'claimed'; readonly token: string; readonly expiresAt: string; readonly ticket: Ticket }
  /** The finding already has an open ticket: do not open another. */
  | { readonly kind: 'exists'; readonly ticket: Ticket }
  /** Another execution is creating the ticket; its claim runs `until` then. */
  | { readonly kind: 'in_progress'; readonly until: string };

/** Outcome of `TicketStore.close`. */
export type CloseResult =
  /** This call closed the ticket. */
  | { readonly kind: 'closed'; readonly ticket: Ticket }
  /** The ticket was closed before (now or in the finding's history): nothing changed. */
  | { readonly kind: 'already_closed'; readonly ticket: Ticket }
  /** The row holds another ticket, or one still being opened: nothing changed. */
  | { readonly kind: 'other_ticket'; readonly ticket: Ticket }
  /** No row for this finding. */
  | { readonly kind: 'not_found' };

/** Take the row with a new claim, or answer `exists` / `in_progress` without writing. */
export type ClaimDecision =
  /** Write `next` (OPENING, held by `token` until `expiresAt`). */
  | {
      readonly kind: 'claim';
      readonly reason: ClaimReason;
      readonly next: Ticket;
      readonly token: string;
      readonly expiresAt: string;
    }
  | Exclude<ClaimResult, { readonly kind: 'claimed' }>;

export type ConfirmDecision =
  /** Write `next` (OPEN with the confirmed ticket). */
  | { readonly kind: 'confirm'; readonly next: Ticket }
  /** Already confirmed with this ticket id: nothing to write. */
  | { readonly kind: 'confirmed'; readonly ticket: Ticket }
  /** Refused: the token does not hold the finding; `state` says what the row is now. */
  | { readonly kind: 'claim_lost'; readonly state: string };

export type AbandonDecision =
  | { readonly kind: 'abandon'; readonly next: Ticket }
  /** Refused: the token does not hold the finding. */
  | { readonly kind: 'not_held' };

/** Write `next` (CLOSED), or answer like `TicketStore.close` without writing. */
export type CloseDecision =
  { readonly kind: 'close'; readonly next: Ticket } | Exclude<CloseResult, { readonly kind: 'closed' }>;

export type ReminderDecision =
  | { readonly kind: 'remind'; readonly next: Ticket }
  | {
      readonly kind: 'skip';
      readonly reason: 'not_found' | 'not_open' | 'other_ticket' | 'already_reminded';
    };

/**
 * Validates what `claimOpen` records (upper-cases the severity, fills the defaults).
 *
 * @throws {TicketInputError} naming the first bad field
 */
export function parseOpenInput(input: OpenTicketInput): OpenTicketData {
  const parsed = OpenTicketInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '(input)';
  const findingId = typeof input.findingId === 'string' ? input.findingId : undefined;
  throw new TicketInputError(
    `Cannot claim finding ${findingId ?? '(without id)'}: ${field}: ${issue?.message ?? 'invalid'}`,
    { field, cause: parsed.error, ...(findingId === undefined ? {} : { context: { findingId } }) },
  );
}

/**
 * Milliseconds since the epoch of `date`.
 *
 * @throws {TicketInputError} (field `now`) when `date` is not a valid date
 */
export function timeOf(date: Date, findingId?: string): number {
  const millis = date.getTime();
  if (!Number.isFinite(millis)) {
    throw new TicketInputError(
      `Invalid date ${String(date)}${findingId ? ` for finding ${findingId}` : ''}`,
      {
        field: 'now',
        ...(findingId === undefined ? {} : { context: { findingId } }),
      },
    );
  }
  return millis;
}

/**
 * Checks the ticket a confirmation records.
 *
 * @throws {TicketInputError} (field `ticketId`) when the ticket id is blank
 */
export function checkConfirmed(findingId: string, confirmed: ConfirmedTicket): void {
  if (confirmed.ticketId.trim() === '') {
    throw new TicketInputError(`Cannot confirm the ticket of finding ${findingId}: ticketId is blank`, {
      field: 'ticketId',
      context: { findingId },
    });
  }
}

/**
 * When the live claim on the row ends, or `undefined` when no claim holds it at `now`. A claim is
 * live up to and including its expiry instant; an abandoned claim (no expiry) is never live.
 */
export function claimHeldUntil(current: Ticket | undefined, now: Date): string | undefined {
  if (current?.status !== 'OPENING' || current.claimExpiresAt === undefined) return undefined;
  return Date.parse(current.claimExpiresAt) >= timeOf(now, current.findingId)
    ? current.claimExpiresAt
    : undefined;
}

/**
 * Claim: an open ticket `exists`; a live claim is `in_progress`; otherwise the row is taken by a
 * new claim (OPENING, `opened_at = now`, `due_at` from the SLA (none for an incident), held for
 * `claimSeconds`). A closed
 * ticket moves into `history` (at most `maxHistory` entries, the oldest dropped); an expired or
 * abandoned claim keeps its `last_error`, `last_error_at` and `failed_attempts`.
 *
 * @throws {TicketInputError} when `now` is not a valid date
 */
export function decideClaim(
  current: Ticket | undefined,
  input: ClaimInput,
  now: Date,
  config: LifecycleConfig,
): ClaimDecision {
  const nowMs = timeOf(now, input.findingId);
  if (current?.status === 'OPEN') return { kind: 'exists', ticket: current };
  const until = claimHeldUntil(current, now);
  if (until !== undefined) return { kind: 'in_progress', until };

  const openedAt = new Date(nowMs).toISOString();
  const expiresAt = new Date(nowMs + config.claimSeconds * 1000).toISOString();
  const retried = current?.status === 'OPENING';
  const history =
    current === undefined
      ? []
      : current.status === 'CLOSED'
        ? [...current.history, closedEntry(current)]
        : current.history;
  const reason: ClaimReason =
    current === undefined
      ? 'new'
      : current.status === 'CLOSED'
        ? 'reopened'
        : current.claimExpiresAt === undefined
          ? 'abandoned'
          : 'expired';
  const next: Ticket = {
    findingId: input.findingId,
    status: 'OPENING',
    kind: input.kind,
    ticketId: undefined,
    ticketSystem: undefined,
    ticketUrl: undefined,
    accountId: input.accountId,
    accountName: input.accountName,
    region: input.region,
    controlId: input.controlId,
    title: input.title,
    severityLabel: input.severityLabel,
    penaltyScore: input.penaltyScore,
    environment: input.environment,
    team: input.team,
    project: input.project,
    destination: input.destination,
    domain: input.domain,
    openedAt,
    dueAt: input.kind === 'INCIDENT' ? undefined : dueAt(openedAt, input.severityLabel, config.sla),
    closedAt: undefined,
    closeReason: undefined,
    reminderSentAt: undefined,
    escalated: undefined,
    claimToken: input.token,
    claimExpiresAt: expiresAt,
    lastError: retried ? current.lastError : undefined,
    lastErrorAt: retried ? current.lastErrorAt : undefined,
    failedAttempts: retried ? current.failedAttempts : undefined,
    version: (current?.version ?? 0) + 1,
    history: history.slice(-config.maxHistory),
    expiresAt: undefined,
  };
  return { kind: 'claim', reason, next, token: input.token, expiresAt };
}

/**
 * Confirm: while `token` holds the claim (also after its expiry, as long as nobody took over), the
 * row becomes OPEN with the external ticket, and the claim and its errors are cleared. Repeating a
 * confirmation of the same ticket id answers `confirmed`; anything else is `claim_lost`.
 *
 * @throws {TicketInputError} when the ticket id is blank or `now` is not a valid date
 */
export function decideConfirm(
  current: Ticket | undefined,
  input: { readonly findingId: string; readonly token: string; readonly ticket: ConfirmedTicket },
  now: Date,
): ConfirmDecision {
  checkConfirmed(input.findingId, input.ticket);
  timeOf(now, input.findingId);
  if (current?.status === 'OPEN' && current.ticketId === input.ticket.ticketId) {
    return { kind: 'confirmed', ticket: current };
  }
  if (current?.status !== 'OPENING' || current.claimToken !== input.token) {
    const state =
      current === undefined
        ? 'the row is gone'
        : current.status === 'OPENING'
          ? 'another execution holds the claim now'
          : `the row is ${current.status}${current.ticketId === undefined ? '' : ` with ticket ${current.ticketId}`}`;
    return { kind: 'claim_lost', state };
  }
  const next: Ticket = {
    ...current,
    status: 'OPEN',
    ticketId: input.ticket.ticketId,
    ticketSystem: input.ticket.ticketSystem,
    ticketUrl: input.ticket.url,
    claimToken: undefined,
    claimExpiresAt: undefined,
    lastError: undefined,
    lastErrorAt: undefined,
    failedAttempts: undefined,
    version: current.version + 1,
  };
  return { kind: 'confirm', next };
}

/**
 * Abandon: while `token` holds the claim (expired or not), the claim is released so the next claim
 * takes over at once; the error is kept (`last_error`, at most 2,000 characters, `last_error_at`,
 * `failed_attempts + 1`).
 *
 * @throws {TicketInputError} when `now` is not a valid date
 */
export function decideAbandon(
  current: Ticket | undefined,
  input: { readonly findingId: string; readonly token: string; readonly error: unknown },
  now: Date,
): AbandonDecision {
  const nowMs = timeOf(now, input.findingId);
  if (current?.status !== 'OPENING' || current.claimToken !== input.token) return { kind: 'not_held' };
  const next: Ticket = {
    ...current,
    claimToken: undefined,
    claimExpiresAt: undefined,
    lastError: describeError(input.error).slice(0, 2000),
    lastErrorAt: new Date(nowMs).toISOString(),
    failedAttempts: (current.failedAttempts ?? 0) + 1,
    version: current.version + 1,
  };
  return { kind: 'abandon', next };
}

/**
 * Close: the row's OPEN ticket `ticketId` becomes CLOSED (`closed_at = now`, the reason, and the
 * TTL `expires_at` `closedRetentionDays` later). A ticket closed before (now or in the history) is
 * `already_closed`; a row holding another ticket, or one still being opened, is `other_ticket`.
 *
 * @throws {TicketInputError} when `now` is not a valid date
 */
export function decideClose(
  current: Ticket | undefined,
  input: { readonly findingId: string; readonly ticketId: string; readonly reason?: string | undefined },
  now: Date,
  config: LifecycleConfig,
): CloseDecision {
  const nowMs = timeOf(now, input.findingId);
  if (current === undefined) return { kind: 'not_found' };
  if (current.status === 'OPEN' && current.ticketId === input.ticketId) {
    const next: Ticket = {
      ...current,
      status: 'CLOSED',
      closedAt: new Date(nowMs).toISOString(),
      closeReason: input.reason,
      expiresAt: Math.floor(nowMs / 1000) + config.closedRetentionDays * 86_400,
      version: current.version + 1,
    };
    return { kind: 'close', next };
  }
  const closedNow = current.status === 'CLOSED' && current.ticketId === input.ticketId;
  const closedBefore = current.history.some((entry) => entry.ticketId === input.ticketId);
  return closedNow || closedBefore
    ? { kind: 'already_closed', ticket: current }
    : { kind: 'other_ticket', ticket: current };
}

/**
 * Reminder: an OPEN ticket (when `ticketId` is given, that ticket) whose reminder is due (see
 * `reminderDue`: never reminded, or reminded `remindAgainAfterHours` ago) records
 * `reminder_sent_at = now` and whether it was `escalated`. Without `remindAgainAfterHours`, one
 * reminder per ticket, ever.
 *
 * @throws {TicketInputError} when `now` is not a valid date
 */
export function decideReminder(
  current: Ticket | undefined,
  input: {
    readonly findingId: string;
    readonly escalated: boolean;
    readonly ticketId?: string | undefined;
    readonly remindAgainAfterHours?: number | undefined;
  },
  now: Date,
): ReminderDecision {
  const nowMs = timeOf(now, input.findingId);
  if (current === undefined) return { kind: 'skip', reason: 'not_found' };
  if (current.status !== 'OPEN') return { kind: 'skip', reason: 'not_open' };
  if (input.ticketId !== undefined && current.ticketId !== input.ticketId) {
    return { kind: 'skip', reason: 'other_ticket' };
  }
  if (!reminderDue(current, new Date(nowMs), { remindAgainAfterHours: input.remindAgainAfterHours })) {
    return { kind: 'skip', reason: 'already_reminded' };
  }
  const next: Ticket = {
    ...current,
    reminderSentAt: new Date(nowMs).toISOString(),
    escalated: input.escalated,
    version: current.version + 1,
  };
  return { kind: 'remind', next };
}

/** The history entry of a closed ticket, when its finding is ticketed again. */
function closedEntry(ticket: Ticket): TicketHistoryEntry {
  return {
    ticketId: ticket.ticketId ?? '(unknown)',
    ticketSystem: ticket.ticketSystem ?? '',
    ticketUrl: ticket.ticketUrl,
    openedAt: ticket.openedAt,
    closedAt: ticket.closedAt ?? ticket.openedAt,
    closeReason: ticket.closeReason,
  };
}
