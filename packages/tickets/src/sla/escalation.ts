import { SeverityLabelSchema } from '@soar/asff-schema';
import { type SlaConfig } from './sla-config';

/** Who, beyond the team, receives the overdue reminder of a ticket. */
export interface ReminderEscalation {
  /** True when the severity is configured for escalation and there is someone to escalate to. */
  readonly escalated: boolean;
  /**
   * Extra CC addresses (empty unless escalated); a fresh array per call (never shared, so a change
   * cannot leak into another reminder).
   */
  readonly cc: readonly string[];
}

/**
 * Whether the single overdue reminder of a ticket of this severity also goes to the escalation CC
 * list. The label is compared case-insensitively; an unknown label is never escalated.
 *
 * @example
 * ```ts
 * const sla = SlaConfigSchema.parse({ escalation: { severities: ['CRITICAL'], cc: ['ciso@example.com'] } });
 * reminderEscalation('critical', sla); // { escalated: true, cc: ['ciso@example.com'] }
 * reminderEscalation('LOW', sla); // { escalated: false, cc: [] }
 * ```
 */
export function reminderEscalation(severity: string, sla: SlaConfig): ReminderEscalation {
  const label = SeverityLabelSchema.safeParse(severity.trim().toUpperCase());
  const escalated =
    label.success && sla.escalation.severities.includes(label.data) && sla.escalation.cc.length > 0;
  return { escalated, cc: escalated ? [...sla.escalation.cc] : [] };
}

/**
 * Whether a ticket that is overdue gets a reminder now: one that was never reminded does; one that
 * was reminded does again only when the SLA sets `remindAgainAfterHours` and that long has passed
 * since its last reminder (so the hourly run does not remind the same team every hour).
 *
 * @example
 * ```ts
 * reminderDue({ reminderSentAt: undefined }, now, DEFAULT_SLA); // true
 * reminderDue({ reminderSentAt: '2026-01-01T00:00:00.000Z' }, now, DEFAULT_SLA); // false: once, ever
 * reminderDue({ reminderSentAt: '2026-01-01T00:00:00.000Z' }, new Date('2026-01-02T00:00:00Z'), { ...DEFAULT_SLA, remindAgainAfterHours: 24 }); // true
 * ```
 */
export function reminderDue(
  ticket: { readonly reminderSentAt?: string | undefined },
  now: Date,
  sla: Pick<SlaConfig, 'remindAgainAfterHours'>,
): boolean {
  if (ticket.reminderSentAt === undefined) return true;
  if (sla.remindAgainAfterHours === undefined) return false;
  const last = Date.parse(ticket.reminderSentAt);
  // An unreadable date is treated as "reminded just now": better one reminder late than one per hour.
  if (!Number.isFinite(last)) return false;
  return now.getTime() - last >= sla.remindAgainAfterHours * 3_600_000;
}
