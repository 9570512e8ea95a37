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
