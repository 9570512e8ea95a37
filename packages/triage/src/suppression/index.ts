/**
 * The suppression rule language (`suppress_when`): read, write, evaluate and explain the rules
 * that decide, from facts about a finding's account, whether to suppress it or to skip its
 * auto-remediation. See README.md in this folder for the language.
 */
export {
  SUPPRESSION_KEYS,
  SUPPRESSION_OPERATORS,
  type SuppressionBranch,
  type SuppressionClause,
  type SuppressionKey,
  type SuppressionOperator,
  type SuppressionRule,
} from './ast';
export {
  evaluateSuppressionRule,
  matchesSuppressionRule,
  type SuppressionClauseVerdict,
  type SuppressionEvaluation,
} from './evaluate';
export { explainSuppressionRule } from './explain';
export { suppressionFacts, type SuppressionFacts } from './facts';
export { formatSuppressionRule, formatSuppressionValue } from './format';
export { parseSuppressionRule, safeParseSuppressionRule, type SuppressionRuleParseResult } from './parse';
export { SuppressionRuleError, type SuppressionRuleErrorDetails } from '../errors';
