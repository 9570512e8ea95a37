/**
 * SLA arithmetic: due dates in allowed hours, overdue status, reminder escalation.
 *
 * @packageDocumentation
 */
export { allowedHours, dueAt } from './due-at';
export { reminderDue, reminderEscalation, type ReminderEscalation } from './escalation';
export { humanizeDuration } from './humanize';
export { overdueStatus, type OverdueStatus, type TicketTiming } from './overdue';
export {
  AllowedHoursSchema,
  ConfiguredSeveritySchema,
  DEFAULT_ALLOWED_HOURS,
  DEFAULT_ESCALATION_SEVERITIES,
  DEFAULT_SLA,
  EscalationConfigSchema,
  SlaConfigSchema,
  type AllowedHours,
  type EscalationConfig,
  type SlaConfig,
  type SlaConfigInput,
} from './sla-config';
