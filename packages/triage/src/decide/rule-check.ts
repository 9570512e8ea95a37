import type { Scratchpad } from '@soar/scratchpad';
import { evaluateSuppressionRule, safeParseSuppressionRule, suppressionFacts } from '../suppression';

/** The outcome of checking an optional `suppress_when` rule against a finding. */
export type RuleCheck =
  | { readonly kind: 'absent' }
  | { readonly kind: 'no_match' }
  | { readonly kind: 'match'; readonly detail: string }
  | { readonly kind: 'invalid'; readonly detail: string };

/**
 * Checks a rule from a suppression table against the finding and its account. A missing or blank
 * rule is `absent`; a rule that does not parse is `invalid` (never a silent "no match").
 */
export function checkSuppressionRule(text: string | undefined, pad: Scratchpad): RuleCheck {
  if (text === undefined || text.trim() === '') return { kind: 'absent' };
  const parsed = safeParseSuppressionRule(text);
  if (!parsed.success) return { kind: 'invalid', detail: parsed.error.message };
  const result = evaluateSuppressionRule(parsed.data, suppressionFacts(pad.finding, pad.account));
  if (!result.matched) return { kind: 'no_match' };
  return { kind: 'match', detail: result.line === undefined ? 'rule matched' : `line ${result.line}` };
}
