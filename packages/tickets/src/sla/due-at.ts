import { SeverityLabelSchema } from '@soar/asff-schema';
import { type SlaConfig } from './sla-config';

/**
 * Hours a ticket of this severity may stay open. The label is trimmed and compared
 * case-insensitively; a label that is not a Security Hub severity gets `0` (immediately overdue, as
 * the original SOAR). A negative result means "never overdue".
 *
 * @example
 * ```ts
 * allowedHours('HIGH', DEFAULT_SLA); // 8
 * allowedHours('INFORMATIONAL', DEFAULT_SLA); // -1 (never)
 * allowedHours('SEVERE', DEFAULT_SLA); // 0
 * ```
 */
export function allowedHours(severity: string, sla: SlaConfig): number {
  const label = SeverityLabelSchema.safeParse(severity.trim().toUpperCase());
  return label.success ? sla.allowedHours[label.data] : 0;
}

/**
 * When a ticket opened at `openedAt` becomes overdue (ISO 8601, UTC, milliseconds), or `undefined`
 * when its severity is never overdue. The ticket is overdue once `now` is strictly after this
 * instant.
 *
 * @throws {RangeError} when `openedAt` is not a valid date
 *
 * @example
 * ```ts
 * dueAt('2026-01-01T00:00:00.000Z', 'CRITICAL', DEFAULT_SLA); // '2026-01-01T04:00:00.000Z'
 * dueAt('2026-01-01T00:00:00.000Z', 'INFORMATIONAL', DEFAULT_SLA); // undefined
 * ```
 */
export function dueAt(openedAt: Date | string, severity: string, sla: SlaConfig): string | undefined {
  const hours = allowedHours(severity, sla);
  if (hours < 0) return undefined;
  const opened = toMillis(openedAt, 'openedAt');
  return new Date(opened + Math.round(hours * 3_600_000)).toISOString();
}

/** Milliseconds since the epoch of a date or an ISO 8601 string. */
export function toMillis(value: Date | string, name: string): number {
  const millis = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(millis)) throw new RangeError(`${name} is not a valid date: ${String(value)}`);
  return millis;
}
