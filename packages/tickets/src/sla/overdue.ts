import { toMillis } from './due-at';
import { humanizeDuration } from './humanize';

/** The SLA timing of an open ticket at one instant. */
export interface OverdueStatus {
  /** True when `now` is strictly after the ticket's due date. */
  readonly overdue: boolean;
  /** Whole seconds since the ticket was opened (0 if `now` is before `openedAt`). */
  readonly ageSeconds: number;
  /** Whole seconds past the due date; 0 when not overdue. */
  readonly overdueSeconds: number;
  /** The age in words, to the hour: `"3 days 4 hours"`. */
  readonly ageText: string;
  /**
   * `"overdue by 2 hours"` when overdue; otherwise `"due in 5 hours"`, or `"no deadline"` for a
   * severity that is never overdue.
   */
  readonly overdueText: string;
}

/** What {@link overdueStatus} needs of a ticket (a stored `Ticket` fits). */
export interface TicketTiming {
  readonly openedAt: Date | string;
  /** From {@link dueAt}; absent = never overdue. */
  readonly dueAt?: Date | string | undefined;
}

/**
 * Whether a ticket is overdue at `now`, with its age and lateness in seconds and in words
 * (overdue when age > allowed hours; `overdue_seconds = age − allowed`). The due date
 * is the one fixed when the ticket was opened, see {@link dueAt}.
 *
 * @throws {RangeError} when a date is invalid
 *
 * @example
 * ```ts
 * const openedAt = '2026-01-01T00:00:00.000Z';
 * const status = overdueStatus({ openedAt, dueAt: dueAt(openedAt, 'HIGH', DEFAULT_SLA) }, new Date('2026-01-01T10:30:00Z'));
 * // { overdue: true, ageSeconds: 37800, overdueSeconds: 9000, ageText: '10 hours', overdueText: 'overdue by 2 hours' }
 * ```
 */
export function overdueStatus(ticket: TicketTiming, now: Date | string): OverdueStatus {
  const nowMs = toMillis(now, 'now');
  const ageSeconds = Math.max(0, Math.floor((nowMs - toMillis(ticket.openedAt, 'openedAt')) / 1000));
  const ageText = humanizeDuration(ageSeconds);
  if (ticket.dueAt === undefined) {
    return { overdue: false, ageSeconds, overdueSeconds: 0, ageText, overdueText: 'no deadline' };
  }
  const dueMs = toMillis(ticket.dueAt, 'dueAt');
  if (nowMs <= dueMs) {
    const remaining = Math.floor((dueMs - nowMs) / 1000);
    return {
      overdue: false,
      ageSeconds,
      overdueSeconds: 0,
      ageText,
      overdueText: `due in ${humanizeDuration(remaining)}`,
    };
  }
  const overdueSeconds = Math.floor((nowMs - dueMs) / 1000);
  return {
    overdue: true,
    ageSeconds,
    overdueSeconds,
    ageText,
    overdueText: `overdue by ${humanizeDuration(overdueSeconds)}`,
  };
}
