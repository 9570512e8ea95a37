import {
  SUPPRESSION_KEYS,
  SUPPRESSION_OPERATORS,
  type SuppressionBranch,
  type SuppressionClause,
  type SuppressionKey,
  type SuppressionOperator,
  type SuppressionRule,
} from './ast';
import { resolveKey, suggestKey } from './keys';
import { SuppressionRuleError } from '../errors';
import { tokenize, type Token } from './tokenize';

/** What {@link safeParseSuppressionRule} returns; shaped like zod's `safeParse` result. */
export type SuppressionRuleParseResult =
  | { readonly success: true; readonly data: SuppressionRule }
  | { readonly success: false; readonly error: SuppressionRuleError };

const EXPECTED_OPERATOR = '"=", "!=", "=~" or "!~"';
const EXPECTED_AFTER_VALUE = '",", "AND", "OR" or the end of the line';

/** Quotes a token for a message, picking quotes it does not contain; long tokens are shortened. */
function shown(text: string): string {
  const chars = Array.from(text);
  const short = chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : text;
  if (!short.includes('"')) return `"${short}"`;
  if (!short.includes("'")) return `'${short}'`;
  return JSON.stringify(short);
}

/** How a token is named in "found ..." (the end of a line has no text to quote). */
function found(token: Token): string {
  return token.kind === 'newline' || token.kind === 'end' ? 'end of line' : shown(token.text);
}

/** The error for an unexpected token. */
function unexpected(
  token: Token,
  expected: string,
  reason: string,
  suggestion?: string,
): SuppressionRuleError {
  return new SuppressionRuleError({
    line: token.line,
    column: token.column,
    token: token.text,
    expected,
    reason,
    ...(suggestion === undefined ? {} : { suggestion }),
  });
}

/** A hint for a keyword found where a value was expected. */
function keywordHint(token: Token): string {
  return token.kind === 'keyword' ? `; to use ${shown(token.text)} as a value, put it in quotes` : '';
}

function isOperator(text: string): text is SuppressionOperator {
  return (SUPPRESSION_OPERATORS as readonly string[]).includes(text);
}

/** Deep-freezes a clause. */
function clause(
  key: SuppressionKey,
  operator: SuppressionOperator,
  values: string[],
  at: Token,
): SuppressionClause {
  return Object.freeze({
    key,
    operator,
    values: Object.freeze(values),
    line: at.line,
    column: at.column,
  });
}

/**
 * A recursive-descent parser over the token list. One instance parses one text; every method
 * either consumes tokens or throws a {@link SuppressionRuleError}.
 */
class Parser {
  private position = 0;

  public constructor(private readonly tokens: readonly Token[]) {}

  /** rule = { [ line ] NEWLINE } END */
  public rule(): SuppressionRule {
    const branches: SuppressionBranch[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') break;
      if (token.kind === 'newline') {
        this.position += 1;
        continue;
      }
      for (const branch of this.line()) branches.push(branch);
    }
    return Object.freeze({ branches: Object.freeze(branches) });
  }

  /** line = branch { OR branch } */
  private line(): SuppressionBranch[] {
    const branches = [this.branch()];
    while (this.keywordIs('OR')) {
      this.position += 1;
      branches.push(this.branch());
    }
    return branches;
  }

  /** branch = clause { AND clause } */
  private branch(): SuppressionBranch {
    const first = this.clause();
    const clauses = [first];
    while (this.keywordIs('AND')) {
      this.position += 1;
      clauses.push(this.clause());
    }
    return Object.freeze({ line: first.line, clauses: Object.freeze(clauses) });
  }

  /** clause = key operator value { "," value }, followed by AND, OR or the end of the line. */
  private clause(): SuppressionClause {
    const keyToken = this.peek();
    const key = this.key(keyToken);
    this.position += 1;
    const operatorToken = this.peek();
    if (operatorToken.kind !== 'operator' || !isOperator(operatorToken.text)) {
      throw unexpected(
        operatorToken,
        EXPECTED_OPERATOR,
        `expected ${EXPECTED_OPERATOR} after key ${shown(keyToken.text)}, found ${found(operatorToken)}`,
      );
    }
    this.position += 1;
    const values = [this.value(operatorToken)];
    while (this.peek().kind === 'comma') {
      const comma = this.peek();
      this.position += 1;
      values.push(this.value(comma));
    }
    this.expectEndOfClause(values);
    return clause(key, operatorToken.text, values, keyToken);
  }

  /** Checks the key token and returns its canonical key. */
  private key(token: Token): SuppressionKey {
    if (token.kind !== 'word') {
      const after = this.previousKeyword();
      const expected = 'a key such as "environment"';
      throw unexpected(
        token,
        expected,
        after === undefined
          ? `expected ${expected}, found ${found(token)}`
          : `expected a key after ${shown(after.text)}, found ${found(token)}`,
      );
    }
    const key = resolveKey(token.text);
    if (key !== undefined) return key;
    const suggestion = suggestKey(token.text);
    const expected = `one of ${SUPPRESSION_KEYS.join(', ')}`;
    const after = this.previousKeyword();
    const hint =
      suggestion !== undefined
        ? `; did you mean ${shown(suggestion)}?`
        : after !== undefined
          ? `; if ${shown(after.text)} is part of the value before it, put that value in quotes`
          : `; expected ${expected}`;
    throw unexpected(token, expected, `unknown key ${shown(token.text)}${hint}`, suggestion);
  }

  /** value = quoted | word { word }: plain words keep the spaces written between them. */
  private value(after: Token): string {
    const token = this.peek();
    if (token.kind === 'quoted') {
      this.position += 1;
      return token.value;
    }
    if (token.kind !== 'word') {
      throw unexpected(
        token,
        'a value',
        `expected a value after ${shown(after.text)}, found ${found(token)}${keywordHint(token)}`,
      );
    }
    let text = token.text;
    this.position += 1;
    for (let next = this.peek(); next.kind === 'word'; next = this.peek()) {
      text += next.spaceBefore + next.text;
      this.position += 1;
    }
    return text;
  }

  /** After a value list only AND, OR or the end of the line may come. */
  private expectEndOfClause(values: readonly string[]): void {
    const token = this.peek();
    if (token.kind === 'keyword' || token.kind === 'newline' || token.kind === 'end') return;
    const last = values[values.length - 1] ?? '';
    const hint =
      token.kind === 'operator'
        ? `; if ${shown(token.text)} is part of the value, put the whole value in quotes`
        : token.kind === 'quoted'
          ? '; to mix quoted and plain text, put the whole value in quotes'
          : '';
    throw unexpected(
      token,
      EXPECTED_AFTER_VALUE,
      `expected ${EXPECTED_AFTER_VALUE} after the value ${shown(last)}, found ${found(token)}${hint}`,
    );
  }

  /** The current token; an invalid one (unclosed quote, bad escape) is thrown as soon as it is reached. */
  private peek(): Token {
    const token = this.tokens[this.position] ?? this.tokens[this.tokens.length - 1];
    if (token === undefined) {
      return { kind: 'end', text: '', line: 1, column: 1, spaceBefore: '' };
    }
    if (token.kind === 'invalid') {
      throw new SuppressionRuleError({
        line: token.line,
        column: token.column,
        token: token.text,
        expected: token.expected,
        reason: token.reason,
      });
    }
    return token;
  }

  /** Whether the current token is the given keyword. */
  private keywordIs(keyword: 'AND' | 'OR'): boolean {
    const token = this.peek();
    return token.kind === 'keyword' && token.keyword === keyword;
  }

  /** The keyword just before the current token, if that is what came before. */
  private previousKeyword(): Token | undefined {
    const previous = this.tokens[this.position - 1];
    return previous?.kind === 'keyword' ? previous : undefined;
  }
}

/**
 * Reads a suppression rule (a `suppress_when` text) into a frozen syntax tree. Lines are
 * alternatives (any may match), `AND` joins clauses, `OR` joins alternatives on one line, `#` starts
 * a comment, blank lines are ignored. A text with no clause at all gives a rule that never matches.
 *
 * @throws {SuppressionRuleError} when the text is not a valid rule; never any other error.
 *
 * @example
 * ```ts
 * const rule = parseSuppressionRule('environment = DEV, TEST AND team = Platform\nou_path = Sandbox');
 * rule.branches.length; // 2
 * rule.branches[0]?.clauses[0]; // { key: 'environment', operator: '=', values: ['DEV', 'TEST'], line: 1, column: 1 }
 * ```
 */
export function parseSuppressionRule(text: string): SuppressionRule {
  if (typeof text !== 'string') {
    throw new SuppressionRuleError({
      line: 1,
      column: 1,
      token: '',
      expected: 'the rule as text',
      reason: `expected the rule as text, found ${text === null ? 'null' : typeof text}`,
    });
  }
  return new Parser(tokenize(text)).rule();
}

/**
 * Like {@link parseSuppressionRule}, but returns the error instead of throwing it: handy to
 * validate a rule when it is written, and show every author the position of their mistake.
 *
 * @example
 * ```ts
 * const result = safeParseSuppressionRule('enviroment = PROD');
 * if (result.success) {
 *   evaluateSuppressionRule(result.data, facts);
 * } else {
 *   result.error.message; // 'line 1, column 1: unknown key "enviroment"; did you mean "environment"?'
 * }
 * ```
 */
export function safeParseSuppressionRule(text: string): SuppressionRuleParseResult {
  try {
    return { success: true, data: parseSuppressionRule(text) };
  } catch (error) {
    if (error instanceof SuppressionRuleError) return { success: false, error };
    throw error;
  }
}
