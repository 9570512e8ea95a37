import * as z from 'zod';
import type { Actions } from './parts';

/**
 * The result of a remediation attempt, as the workflow branches on it. Listed in precedence
 * order: when a remediation reports several flags, the first one listed wins.
 */
export const REMEDIATION_OUTCOMES = ['reconsider_later', 'suppress', 'not_done', 'success'] as const;

export const RemediationOutcomeSchema = z.enum(REMEDIATION_OUTCOMES);

/**
 * - `reconsider_later`: leave the finding alone; a later event will bring it back.
 * - `suppress`: the resource is gone, so the finding no longer applies.
 * - `not_done`: the fix was not applied; the owning team gets a ticket.
 * - `success`: the fix was applied.
 */
export type RemediationOutcome = z.infer<typeof RemediationOutcomeSchema>;

/**
 * Reads the outcome from the action flags, applying the precedence
 * reconsider later > suppress > not done > success.
 *
 * @example
 * ```ts
 * remediationOutcome({ suppress_finding: true, autoremediation_not_done: true, reconsider_later: false });
 * // => 'suppress'
 * ```
 */
export function remediationOutcome(actions: Actions): RemediationOutcome {
  if (actions.reconsider_later) return 'reconsider_later';
  if (actions.suppress_finding) return 'suppress';
  if (actions.autoremediation_not_done) return 'not_done';
  return 'success';
}

/**
 * Of several outcomes (one per resource of a finding, say), returns the one that takes precedence;
 * `success` for an empty list.
 *
 * @example
 * ```ts
 * strongestOutcome(['success', 'not_done', 'suppress']); // => 'suppress'
 * ```
 */
export function strongestOutcome(outcomes: Iterable<RemediationOutcome>): RemediationOutcome {
  let strongest: RemediationOutcome = 'success';
  for (const outcome of outcomes) {
    if (REMEDIATION_OUTCOMES.indexOf(outcome) < REMEDIATION_OUTCOMES.indexOf(strongest)) strongest = outcome;
  }
  return strongest;
}
