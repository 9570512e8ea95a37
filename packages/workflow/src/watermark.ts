import type { AwsSecurityFinding } from '@soar/asff-schema';
import * as z from 'zod';

/**
 * # Ordering and staleness per finding
 *
 * Security Hub delivers a finding's events at least once and in no promised order. Each finding
 * keeps a watermark: the newest of its events SOAR acted on. An event is newer when its `UpdatedAt`
 * is later, or, at the same `UpdatedAt`, its `ProcessedAt` is later (a missing `ProcessedAt` is the
 * oldest). Before acting, a step claims the event:
 *
 * | Watermark \ event | newer | the same event (same key) | older, or as old with another key |
 * |---|---|---|---|
 * | none | `advance` | — | — |
 * | some event | `advance` | `same_event`: act (a later step or a retry of the same run) | `stale`: change nothing |
 *
 * The rules are pure; the stores (`createMemoryWatermarks`, `createDynamoDbWatermarks`) write an
 * `advance` only if the watermark is still the one they read, so two runs never both move it from
 * the same mark.
 */

/**
 * One finding event as the watermark compares it: the finding, the event's idempotency key
 * (`eventKey`), and its `UpdatedAt` / `ProcessedAt` (ISO 8601).
 *
 * @example
 * ```json
 * { "findingId": "arn:aws:securityhub:eu-west-1:111122223333:security-control/EC2.2/finding/1",
 *   "key": "5f0c…", "updatedAt": "2026-11-20T10:15:30.123Z", "processedAt": "2026-11-20T10:15:31.000Z" }
 * ```
 */
export const EventMarkSchema = z.object({
  findingId: z.string().min(1),
  key: z.string().min(1),
  updatedAt: z.string().min(1),
  processedAt: z.string().min(1).optional(),
});
export type EventMark = z.infer<typeof EventMarkSchema>;

/** What to do with an event, given the finding's watermark. */
export type WatermarkDecision =
  /** The event is the newest seen: move the watermark to it, then act. */
  | { readonly kind: 'advance'; readonly next: EventMark }
  /** The watermark is this very event: act (the steps are idempotent). */
  | { readonly kind: 'same_event' }
  /** A newer event (or another copy as old) was acted on: change nothing. */
  | { readonly kind: 'stale'; readonly newer: EventMark };

/** What a store answers to a claim. */
export type WatermarkClaim = { readonly kind: 'act' } | { readonly kind: 'stale'; readonly newer: EventMark };

/**
 * Where each finding's watermark is kept: a DynamoDB table in AWS, memory in tests.
 */
export interface WatermarkStore {
  /**
   * Claims the right to act on `event`: `act` when it is the newest event of its finding (the
   * watermark moves to it, by a conditional write) or the event the watermark already names;
   * `stale` otherwise, with the newer event.
   */
  claim(event: EventMark, at: Date): Promise<WatermarkClaim>;
}

/**
 * The mark of a finding event.
 *
 * @example
 * ```ts
 * eventMarkOf(state.key, state.pad.finding); // { findingId, key, updatedAt, processedAt }
 * ```
 */
export function eventMarkOf(
  key: string,
  finding: Pick<AwsSecurityFinding, 'Id' | 'UpdatedAt' | 'ProcessedAt'>,
): EventMark {
  return {
    findingId: finding.Id,
    key,
    updatedAt: finding.UpdatedAt,
    ...(finding.ProcessedAt === undefined ? {} : { processedAt: finding.ProcessedAt }),
  };
}

/** Milliseconds of an ISO time; a missing or unreadable time sorts first. */
function instant(iso: string | undefined): number {
  const millis = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis;
}

/**
 * Orders two events of one finding: negative when `a` is older, positive when newer, 0 when they
 * carry the same times. By `UpdatedAt`, then `ProcessedAt`.
 *
 * @example
 * ```ts
 * compareEvents({ …, updatedAt: '2026-11-20T10:00:00Z' }, { …, updatedAt: '2026-11-20T11:00:00Z' }); // < 0
 * ```
 */
export function compareEvents(a: EventMark, b: EventMark): number {
  const updated = instant(a.updatedAt) - instant(b.updatedAt);
  if (updated !== 0 && !Number.isNaN(updated)) return Math.sign(updated);
  const processed = instant(a.processedAt) - instant(b.processedAt);
  return Number.isNaN(processed) ? 0 : Math.sign(processed);
}

/**
 * Decides whether an event may act, given its finding's watermark (see the table above). Pure.
 *
 * @example
 * ```ts
 * decideWatermark(undefined, mark);            // { kind: 'advance', next: mark }
 * decideWatermark(mark, mark);                 // { kind: 'same_event' }
 * decideWatermark(newer, olderMark);           // { kind: 'stale', newer }
 * ```
 */
export function decideWatermark(current: EventMark | undefined, event: EventMark): WatermarkDecision {
  if (current === undefined) return { kind: 'advance', next: event };
  if (current.key === event.key) return { kind: 'same_event' };
  return compareEvents(event, current) > 0
    ? { kind: 'advance', next: event }
    : { kind: 'stale', newer: current };
}

/**
 * Keeps watermarks in memory (tests and local runs); `get` reads one back.
 *
 * @example
 * ```ts
 * const watermarks = createMemoryWatermarks();
 * await watermarks.claim(eventMarkOf(key, finding), new Date()); // { kind: 'act' }
 * ```
 */
export function createMemoryWatermarks(): WatermarkStore & { get(findingId: string): EventMark | undefined } {
  const marks = new Map<string, EventMark>();
  return {
    claim(event) {
      const decision = decideWatermark(marks.get(event.findingId), event);
      if (decision.kind === 'stale') return Promise.resolve(decision);
      if (decision.kind === 'advance') marks.set(event.findingId, decision.next);
      return Promise.resolve({ kind: 'act' });
    },
    get: (findingId) => marks.get(findingId),
  };
}
