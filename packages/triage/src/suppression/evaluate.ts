import type { SuppressionClause, SuppressionKey, SuppressionOperator, SuppressionRule } from './ast';
import type { SuppressionFacts } from './facts';
import { globMatches } from './glob';
import { parseSuppressionRule } from './parse';

/** The fact each key reads. */
export const FACT_OF_KEY: Readonly<Record<SuppressionKey, keyof SuppressionFacts>> = Object.freeze({
  account_id: 'accountId',
  region: 'region',
  client: 'client',
  environment: 'environment',
  organizational_unit: 'organizationalUnit',
  ou_path: 'organizationalUnitPath',
  project: 'project',
  team: 'team',
  policy_name: 'policyName',
});

/** How one clause fared, for explanations. */
export interface SuppressionClauseVerdict {
  readonly clause: SuppressionClause;
  /** Index of the clause's branch in `rule.branches`. */
  readonly branch: number;
  readonly matched: boolean;
  /** The fact the clause compared: a string, the OU path for `ou_path`, or `undefined` when not set. */
  readonly actual: string | readonly string[] | undefined;
  /** The value (or pattern) of the clause that the fact equalled (or matched), if one did. */
  readonly hit?: string;
}

/** What {@link evaluateSuppressionRule} found. */
export interface SuppressionEvaluation {
  /** Whether some branch matched: the finding is to be suppressed (or not auto-remediated). */
  readonly matched: boolean;
  /** The line of the first branch that matched. */
  readonly line?: number;
  /** The index of the first branch that matched. */
  readonly branch?: number;
  /** Every clause of every branch, in order, each evaluated (no short cut), for explanations. */
  readonly clauses: readonly SuppressionClauseVerdict[];
}

/** Reads a fact without trusting the shape of `facts` (it may come from plain JavaScript). */
function readFact(facts: unknown, key: SuppressionKey): string | readonly string[] | undefined {
  if (typeof facts !== 'object' || facts === null) return undefined;
  const value: unknown = (facts as Record<string, unknown>)[FACT_OF_KEY[key]];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return undefined;
}

/** The strings a clause compares against: one for most keys, each OU name for `ou_path`. */
function candidates(actual: string | readonly string[] | undefined): readonly string[] {
  if (actual === undefined) return [];
  return typeof actual === 'string' ? [actual] : actual;
}

/** `=` and `!=` compare exactly; `=~` and `!~` match patterns ignoring case. */
function compares(operator: SuppressionOperator): (value: string, fact: string) => boolean {
  return operator === '=' || operator === '!='
    ? (value, fact) => value === fact
    : (value, fact) => globMatches(value, fact);
}

/**
 * Evaluates one clause: the positive operators (`=`, `=~`) match when some value hits some
 * candidate fact; the negative ones (`!=`, `!~`) are exactly their negation, so a fact that is not
 * set (`policy_name` of a non-IAM finding) never matches `=` and always matches `!=`.
 */
function evaluateClause(
  clause: SuppressionClause,
  branch: number,
  facts: SuppressionFacts,
): SuppressionClauseVerdict {
  const actual = readFact(facts, clause.key);
  const compare = compares(clause.operator);
  const strings = candidates(actual);
  const hit = clause.values.find((value) => strings.some((fact) => compare(value, fact)));
  const positive = clause.operator === '=' || clause.operator === '=~';
  return {
    clause,
    branch,
    matched: positive === (hit !== undefined),
    actual,
    ...(hit === undefined ? {} : { hit }),
  };
}

/**
 * Evaluates a rule against the facts of a finding: it matches when all clauses of at least one
 * branch match. Every clause is evaluated, so the result can explain itself. Never throws.
 *
 * @example
 * ```ts
 * const rule = parseSuppressionRule('environment = PROD\nenvironment = DEV AND team = Platform');
 * const result = evaluateSuppressionRule(rule, { ...facts, environment: 'DEV', team: 'Platform' });
 * result.matched; // true
 * result.line; // 2
 * result.clauses.map((verdict) => verdict.matched); // [false, true, true]
 * ```
 */
export function evaluateSuppressionRule(
  rule: SuppressionRule,
  facts: SuppressionFacts,
): SuppressionEvaluation {
  const clauses: SuppressionClauseVerdict[] = [];
  let first: number | undefined;
  rule.branches.forEach((branch, index) => {
    const verdicts = branch.clauses.map((clause) => evaluateClause(clause, index, facts));
    for (const verdict of verdicts) clauses.push(verdict);
    if (first === undefined && verdicts.every((verdict) => verdict.matched)) first = index;
  });
  const line = first === undefined ? undefined : rule.branches[first]?.line;
  return {
    matched: first !== undefined,
    ...(first === undefined ? {} : { branch: first }),
    ...(line === undefined ? {} : { line }),
    clauses,
  };
}

/**
 * Reads and evaluates a rule in one go, the way the workflow uses a `suppress_when` text: a
 * missing or blank rule never matches, and an invalid rule is an error, never a silent "no".
 *
 * @throws {SuppressionRuleError} when the rule is not valid.
 *
 * @example
 * ```ts
 * matchesSuppressionRule(row?.suppress_when, facts); // false when the row has no rule
 * matchesSuppressionRule('organizational_unit = ROOT, INFRA, SANDBOXES', facts); // true in SANDBOXES
 * matchesSuppressionRule('enviroment = DEV', facts); // throws SuppressionRuleError
 * ```
 */
export function matchesSuppressionRule(text: string | null | undefined, facts: SuppressionFacts): boolean {
  if (text === undefined || text === null) return false;
  return evaluateSuppressionRule(parseSuppressionRule(text), facts).matched;
}
