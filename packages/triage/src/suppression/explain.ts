import type { SuppressionRule } from './ast';
import { evaluateSuppressionRule, type SuppressionClauseVerdict } from './evaluate';
import type { SuppressionFacts } from './facts';
import { formatSuppressionValue } from './format';

/** How a fact reads in an explanation. */
function describeFact(verdict: SuppressionClauseVerdict): string {
  const { key } = verdict.clause;
  const { actual } = verdict;
  if (actual === undefined) return `${key} is not set`;
  if (typeof actual === 'string') return `${key} is ${JSON.stringify(actual)}`;
  return actual.length === 0
    ? `${key} is empty`
    : `${key} is ${actual.map((name) => JSON.stringify(name)).join(' / ')}`;
}

/** One clause as a line of the explanation. */
function describeClause(verdict: SuppressionClauseVerdict): string {
  const { clause } = verdict;
  const written = `${clause.key} ${clause.operator} ${clause.values.map(formatSuppressionValue).join(', ')}`;
  return `    ${verdict.matched ? 'yes' : 'no '}  ${written}  (${describeFact(verdict)})`;
}

/**
 * Explains, for people, why a rule matches the facts of a finding or not: the overall answer, then
 * each branch with its line and each clause with the fact it compared. Made for CLI output and
 * ticket notes.
 *
 * @example
 * ```ts
 * const rule = parseSuppressionRule('environment = PROD\nenvironment = DEV AND team = Platform');
 * console.log(explainSuppressionRule(rule, facts));
 * // The rule matches (line 2).
 * //   line 1: no
 * //     no   environment = PROD  (environment is "DEV")
 * //   line 2: yes
 * //     yes  environment = DEV  (environment is "DEV")
 * //     yes  team = Platform  (team is "Platform")
 * ```
 */
export function explainSuppressionRule(rule: SuppressionRule, facts: SuppressionFacts): string {
  if (rule.branches.length === 0) return 'The rule is empty, so it never matches.';
  const evaluation = evaluateSuppressionRule(rule, facts);
  const lines = [
    evaluation.matched
      ? `The rule matches (line ${evaluation.line ?? '?'}).`
      : 'The rule does not match: no line holds.',
  ];
  rule.branches.forEach((branch, index) => {
    const verdicts = evaluation.clauses.filter((verdict) => verdict.branch === index);
    const holds = verdicts.every((verdict) => verdict.matched);
    const afterOr = rule.branches[index - 1]?.line === branch.line ? ' (after OR)' : '';
    lines.push(`  line ${branch.line}${afterOr}: ${holds ? 'yes' : 'no'}`, ...verdicts.map(describeClause));
  });
  return lines.join('\n');
}
