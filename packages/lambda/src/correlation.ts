import { isRecord } from '@soar/common';

/** The keys that follow a finding event through SOAR's log lines. */
export type Correlation = {
  /** The EventBridge event's id (intake). */
  readonly eventId?: string;
  /** The finding a step works on. */
  readonly findingId?: string;
  /**
   * The finding event's key (its finding id and `UpdatedAt`, hashed): intake logs it with each
   * finding it decides, names the execution after it, and every step of that execution logs it.
   * For an event intake cannot read, the event id.
   */
  readonly correlation_id?: string;
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, 1024) : undefined;

/**
 * The correlation keys of an invocation's event, read without trusting its shape: an EventBridge
 * event gives its id; a workflow state gives its `key` and `pad.finding.Id`. Anything else gives none.
 *
 * @example
 * ```ts
 * correlationOf({ key: '3f9a…', pad: { finding: { Id: 'arn:aws:securityhub:…' } } });
 * // { findingId: 'arn:aws:securityhub:…', correlation_id: '3f9a…' }
 * ```
 */
export function correlationOf(event: unknown): Correlation {
  if (!isRecord(event)) return {};
  const key = text(event['key']);
  if (key !== undefined) {
    const pad = event['pad'];
    const finding = isRecord(pad) ? pad['finding'] : undefined;
    const findingId = isRecord(finding) ? text(finding['Id']) : undefined;
    return { ...(findingId === undefined ? {} : { findingId }), correlation_id: key };
  }
  const eventId = text(event['id']);
  if (eventId !== undefined && event['detail-type'] !== undefined)
    return { eventId, correlation_id: eventId };
  return {};
}
