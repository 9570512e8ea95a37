import type { SuppressionClause, SuppressionRule } from './ast';
import { tokenize } from './tokenize';

/** Escapes for a double-quoted value: the backslash, the quote and the line breaks and tabs. */
const QUOTED_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\\\'],
  ['"', '\\"'],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/**
 * Whether a value reads back the same when written without quotes: it must tokenize into plain
 * words only (no keyword, comma, operator, comment or quote at the start of a word), separated by
 * plain spaces (a tab or an exotic space gets quotes, so it shows), with no space at either end.
 */
function canWriteBare(value: string): boolean {
  const tokens = tokenize(value);
  let rebuilt = '';
  for (const token of tokens) {
    if (token.kind === 'end') break;
    if (token.kind !== 'word' || !/^ *$/.test(token.spaceBefore)) return false;
    rebuilt += rebuilt === '' ? token.text : token.spaceBefore + token.text;
  }
  return rebuilt !== '' && rebuilt === value;
}

/**
 * Writes one value: bare when that reads back the same, else in double quotes with `\\`, `\"`,
 * `\n`, `\r` and `\t` escapes.
 *
 * @example
 * ```ts
 * formatSuppressionValue('Platform Team'); // 'Platform Team'
 * formatSuppressionValue('a=b, c'); // '"a=b, c"'
 * formatSuppressionValue('AND'); // '"AND"'
 * ```
 */
export function formatSuppressionValue(value: string): string {
  if (canWriteBare(value)) return value;
  const escaped = Array.from(value, (char) => QUOTED_ESCAPES.get(char) ?? char).join('');
  return `"${escaped}"`;
}

/** Writes one clause: `key op value, value`. */
function formatClause(clause: SuppressionClause): string {
  return `${clause.key} ${clause.operator} ${clause.values.map(formatSuppressionValue).join(', ')}`;
}

/**
 * Writes a rule in canonical form: one branch per line, keys in their canonical lower-case
 * spelling, ` AND ` between clauses, `, ` between values, quotes only where needed, no comments and
 * no blank lines. Reading the result back gives the same rule (positions aside), and formatting is
 * idempotent.
 *
 * @example
 * ```ts
 * const rule = parseSuppressionRule("Environment=DEV,TEST and TEAM = 'Platform' # comment\n\nproject_name = x OR region = eu-west-1");
 * formatSuppressionRule(rule);
 * // 'environment = DEV, TEST AND team = Platform\nproject = x\nregion = eu-west-1'
 * ```
 */
export function formatSuppressionRule(rule: SuppressionRule): string {
  return rule.branches.map((branch) => branch.clauses.map(formatClause).join(' AND ')).join('\n');
}
