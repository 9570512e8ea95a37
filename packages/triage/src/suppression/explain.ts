import type { SuppressionRule } from './ast';
import {
  evaluateSuppressionRule,
  type SuppressionClauseVerdict,
  type SuppressionEvaluation,
} from './evaluate';
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
 * Writes the explanation of an evaluation already made: the overall answer, then each branch with
 * its line and each clause with the fact it compared. It walks the verdicts once, in order (they
 * come grouped by branch, in the order of `rule.branches`), so a rule of any size costs time in
 * proportion to its size, and no list is ever spread into a function call, so a branch with a
 * hundred thousand clauses is written like one with three.
 *
 * @example
 * ```ts
 * const rule = parseSuppressionRule('environment = PROD');
 * explainSuppressionEvaluation(rule, evaluateSuppressionRule(rule, facts));
 * // 'The rule does not match: no line holds.\n  line 1: no\n    no   environment = PROD  (environment is "DEV")'
 * ```
 */
export function explainSuppressionEvaluation(
  rule: SuppressionRule,
  evaluation: SuppressionEvaluation,
): string {
  if (rule.branches.length === 0) return 'The rule is empty, so it never matches.';
  const lines = [
    evaluation.matched
      ? `The rule matches (line ${evaluation.line ?? '?'}).`
      : 'The rule does not match: no line holds.',
  ];
  const { clauses } = evaluation;
  let next = 0;
  let previousLine: number | undefined;
  rule.branches.forEach((branch, index) => {
    const header = lines.length;
    // Filled in once the branch's verdicts are known; a branch holds when each of them matched.
    lines.push('');
    let holds = true;
    for (let verdict = clauses[next]; verdict?.branch === index; verdict = clauses[next]) {
      if (!verdict.matched) holds = false;
      lines.push(describeClause(verdict));
      next += 1;
    }
    const afterOr = previousLine === branch.line ? ' (after OR)' : '';
    lines[header] = `  line ${branch.line}${afterOr}: ${holds ? 'yes' : 'no'}`;
    previousLine = branch.line;
  });
  return lines.join('\n');
}

/**
 * Explains, for people, why a rule matches the facts of a finding or not: the overall answer, then
 * each branch with its line and each clause with the fact it compared. Made for CLI output and
 * ticket notes. Takes time in proportion to the size of the rule.
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
  return explainSuppressionEvaluation(rule, evaluateSuppressionRule(rule, facts));
}
