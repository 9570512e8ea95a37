/**
 * The syntax tree of a suppression rule. Every node is frozen; build one with
 * {@link parseSuppressionRule} and turn it back into text with {@link formatSuppressionRule}.
 */

/** The keys a clause can test, in their canonical spelling (aliases are resolved when parsing). */
export const SUPPRESSION_KEYS = [
  'account_id',
  'region',
  'client',
  'environment',
  'organizational_unit',
  'ou_path',
  'project',
  'team',
  'policy_name',
] as const;

/** A key a clause can test; see {@link SUPPRESSION_KEYS}. */
export type SuppressionKey = (typeof SUPPRESSION_KEYS)[number];

/**
 * The comparison operators:
 * - `=`  the fact equals one of the values (exact, case-sensitive);
 * - `!=` the fact equals none of the values;
 * - `=~` the fact matches one of the patterns (`*` and `?` wildcards, upper/lower case ignored);
 * - `!~` the fact matches none of the patterns.
 */
export const SUPPRESSION_OPERATORS = ['=', '!=', '=~', '!~'] as const;

/** A comparison operator; see {@link SUPPRESSION_OPERATORS}. */
export type SuppressionOperator = (typeof SUPPRESSION_OPERATORS)[number];

/** One test such as `environment = DEV, TEST`. */
export interface SuppressionClause {
  readonly key: SuppressionKey;
  readonly operator: SuppressionOperator;
  /** The values (or patterns, for `=~` and `!~`) as they compare: unquoted and unescaped. Never empty. */
  readonly values: readonly string[];
  /** 1-based line of the key in the rule text. */
  readonly line: number;
  /** 1-based column of the key in the rule text. */
  readonly column: number;
}

/** Clauses joined by `AND`: the branch matches when all of them match. */
export interface SuppressionBranch {
  /** 1-based line where the branch starts in the rule text. */
  readonly line: number;
  /** At least one clause. */
  readonly clauses: readonly SuppressionClause[];
}

/** A whole rule: it matches when any branch matches. A rule with no branch never matches. */
export interface SuppressionRule {
  readonly branches: readonly SuppressionBranch[];
}
