import { SeverityLabelSchema, type SeverityLabel } from '@soar/asff-schema';
import * as z from 'zod';

/**
 * Hours a ticket may stay open per severity before it is overdue: those of the original SOAR.
 * A negative value means "never overdue".
 */
export const DEFAULT_ALLOWED_HOURS: Readonly<Record<SeverityLabel, number>> = {
  CRITICAL: 4,
  HIGH: 8,
  MEDIUM: 336,
  LOW: 672,
  INFORMATIONAL: -1,
};

/** Severities whose overdue reminder also goes to the escalation CC list by default (the original's). */
export const DEFAULT_ESCALATION_SEVERITIES: readonly SeverityLabel[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

const hours = (fallback: number) => z.number().default(fallback);

/**
 * A severity label in configuration: trimmed and compared case-insensitively (the original did not
 * trim, so `"LOW, MEDIUM"` broke).
 */
export const ConfiguredSeveritySchema = z.string().trim().toUpperCase().pipe(SeverityLabelSchema);

/** Allowed hours per severity label; labels left out take {@link DEFAULT_ALLOWED_HOURS}. */
export const AllowedHoursSchema = z.lazy(() =>
  z.strictObject({
    CRITICAL: hours(DEFAULT_ALLOWED_HOURS.CRITICAL),
    HIGH: hours(DEFAULT_ALLOWED_HOURS.HIGH),
    MEDIUM: hours(DEFAULT_ALLOWED_HOURS.MEDIUM),
    LOW: hours(DEFAULT_ALLOWED_HOURS.LOW),
    INFORMATIONAL: hours(DEFAULT_ALLOWED_HOURS.INFORMATIONAL),
  }),
);
export type AllowedHours = z.infer<typeof AllowedHoursSchema>;

/** Who else receives the single overdue reminder of a ticket. */
export const EscalationConfigSchema = z.lazy(() =>
  z.strictObject({
    /** Severities whose reminder is also sent to {@link EscalationConfig.cc}. */
    severities: z.array(ConfiguredSeveritySchema).default([...DEFAULT_ESCALATION_SEVERITIES]),
    /** Escalation addresses (the original `EscalationEmailCC`); empty = no escalation. */
    cc: z.array(z.email()).default([]),
  }),
);
export type EscalationConfig = z.infer<typeof EscalationConfigSchema>;

/**
 * Service levels of team tickets: how long a ticket may stay open per severity, and who is copied on
 * the overdue reminder. `SlaConfigSchema.parse({})` is the original SOAR's behaviour.
 *
 * @example
 * ```ts
 * const sla = SlaConfigSchema.parse({
 *   allowedHours: { CRITICAL: 2, LOW: -1 },
 *   escalation: { severities: ['critical', 'high'], cc: ['ciso@example.com'] },
 * });
 * sla.allowedHours.HIGH; // 8 (default)
 * ```
 */
export const SlaConfigSchema = z.lazy(() =>
  z.strictObject({
    allowedHours: AllowedHoursSchema.prefault({}),
    escalation: EscalationConfigSchema.prefault({}),
    /**
     * Hours after a reminder when an overdue ticket that is still open is reminded again. Absent (the
     * default, as the original SOAR): one reminder per ticket, ever.
     */
    remindAgainAfterHours: z.number().positive().optional(),
  }),
);
export type SlaConfig = z.infer<typeof SlaConfigSchema>;
export type SlaConfigInput = z.input<typeof SlaConfigSchema>;

/**
 * The out-of-the-box service levels: what `SlaConfigSchema.parse({})` returns (a test holds them
 * equal). Written out rather than parsed, so that loading this module parses nothing: every Lambda
 * function that opens or reminds about a ticket imports it.
 */
export const DEFAULT_SLA: SlaConfig = {
  allowedHours: { ...DEFAULT_ALLOWED_HOURS },
  escalation: { severities: [...DEFAULT_ESCALATION_SEVERITIES], cc: [] },
};
