import { createHash } from 'node:crypto';
import type { AwsSecurityFinding } from '@soar/asff-schema';

/**
 * A stable row key made of its parts: SHA-256 (hex) of the parts joined by line feeds. Every key SOAR
 * derives (finding events, failure rows) is made here, so two keys of the same parts are equal and
 * the parts cannot run into each other.
 *
 * @example
 * ```ts
 * digestKey('reminder', findingId, ticketId); // 64 hex characters
 * ```
 */
export function digestKey(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/**
 * The idempotency key of one finding event: SHA-256 (hex) of the finding's `Id` and `UpdatedAt`.
 * The same import delivered twice (EventBridge delivers at least once; two rules may match) has the
 * same key; a new import of the finding, which moves `UpdatedAt`, has a new one.
 *
 * @example
 * ```ts
 * eventKey({ Id: 'arn:aws:securityhub:…/finding/1', UpdatedAt: '2026-11-20T10:00:00.000Z' }); // '5f0c…' (64 hex)
 * ```
 */
export function eventKey(finding: Pick<AwsSecurityFinding, 'Id' | 'UpdatedAt'>): string {
  return digestKey(finding.Id, finding.UpdatedAt);
}

/**
 * The Step Functions execution name of a finding event: `finding-` and the first 64 characters of
 * its key (names are at most 80 characters of `[A-Za-z0-9_-]`). A standard state machine refuses a
 * second execution of the same name for 90 days, which is what makes a duplicate delivery start
 * nothing.
 *
 * @example
 * ```ts
 * executionName(eventKey(finding)); // 'finding-5f0c…'
 * ```
 */
export function executionName(key: string): string {
  return `finding-${key.slice(0, 64)}`;
}
