/**
 * The tokenizer of the suppression rule language. It never throws: a quoted value that is not
 * closed, or a bad escape, becomes an `invalid` token that ends the list, and the parser reports it
 * when (and only when) it gets there, so errors always come in text order.
 */

/** Fields every token has. */
interface TokenBase {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in characters (code points). */
  readonly column: number;
  /** The token as written; `''` for the end of a line or of the text. */
  readonly text: string;
  /** The spaces and tabs between the previous token on the same line and this one. */
  readonly spaceBefore: string;
}

/** A token of a suppression rule. */
export type Token =
  | (TokenBase & { readonly kind: 'word' })
  | (TokenBase & { readonly kind: 'keyword'; readonly keyword: 'AND' | 'OR' })
  | (TokenBase & { readonly kind: 'quoted'; readonly value: string })
  /** `=`, `!=`, `=~`, `!~`, or a run of those characters that is none of them (`==`); the parser decides. */
  | (TokenBase & { readonly kind: 'operator' })
  | (TokenBase & { readonly kind: 'comma' })
  | (TokenBase & { readonly kind: 'newline' })
  | (TokenBase & { readonly kind: 'end' })
  | (TokenBase & { readonly kind: 'invalid'; readonly expected: string; readonly reason: string });

/** Characters an operator is made of. */
const OPERATOR_CHARS = new Set(['=', '!', '~']);
/** What a backslash may be followed by inside quotes, and what the pair stands for. */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\'],
  ['"', '"'],
  ["'", "'"],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** Line breaks end a line; every other kind of white space only separates tokens. */
function isLineBreak(char: string | undefined): boolean {
  return char === '\n' || char === '\r';
}

/** Spaces, tabs and the other Unicode white space, except line breaks. */
function isSpace(char: string | undefined): boolean {
  return char !== undefined && !isLineBreak(char) && /^\s$/u.test(char);
}

/** Whether an operator starts at `index`: at `=`, or at `!` followed by `=` or `~`. */
function operatorStartsAt(chars: readonly string[], index: number): boolean {
  const char = chars[index];
  const next = chars[index + 1];
  return char === '=' || (char === '!' && (next === '=' || next === '~'));
}

/** Whether a plain word stops before the character at `index`. */
function endsWord(chars: readonly string[], index: number): boolean {
  const char = chars[index];
  return (
    char === undefined ||
    isSpace(char) ||
    isLineBreak(char) ||
    char === ',' ||
    char === '#' ||
    operatorStartsAt(chars, index)
  );
}

/** A scan position. */
interface Cursor {
  index: number;
  line: number;
  column: number;
}

/** What a quoted value scan found: the value and where it ends, or an invalid token. */
type QuotedScan =
  | { readonly ok: true; readonly value: string; readonly end: number }
  | { readonly ok: false; readonly token: Token };

/** Reads a quoted value whose opening quote is at `cursor`; stops at the end of the line. */
function scanQuoted(chars: readonly string[], cursor: Cursor, spaceBefore: string): QuotedScan {
  const quote = chars[cursor.index];
  const at = { line: cursor.line, spaceBefore };
  let value = '';
  let index = cursor.index + 1;
  for (;;) {
    const char = chars[index];
    if (char === undefined || isLineBreak(char)) {
      return {
        ok: false,
        token: {
          ...at,
          kind: 'invalid',
          column: cursor.column,
          text: chars.slice(cursor.index, index).join(''),
          expected: `a closing ${quote ?? '"'}`,
          reason: `expected a closing ${quote ?? '"'} for the quoted value that starts here, found end of line`,
        },
      };
    }
    if (char === quote) return { ok: true, value, end: index + 1 };
    if (char === '\\') {
      const escaped = ESCAPES.get(chars[index + 1] ?? '');
      if (escaped === undefined) {
        const pair = chars.slice(index, index + 2).join('');
        return {
          ok: false,
          token: {
            ...at,
            kind: 'invalid',
            column: cursor.column + (index - cursor.index),
            text: pair,
            expected: '\\\\, \\", \\\', \\n, \\r or \\t',
            reason: `unknown escape "${pair}" in a quoted value; expected \\\\, \\", \\', \\n, \\r or \\t`,
          },
        };
      }
      value += escaped;
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }
}

/** Index just past the plain word or operator starting at `start`. */
function scanRun(chars: readonly string[], start: number, operator: boolean): number {
  let index = start + 1;
  if (operator) {
    while (OPERATOR_CHARS.has(chars[index] ?? '')) index += 1;
  } else {
    while (!endsWord(chars, index)) index += 1;
  }
  return index;
}

/** The keyword a word spells (`and`, `Or`...), if any. */
function keywordOf(word: string): 'AND' | 'OR' | undefined {
  const upper = word.toUpperCase();
  return upper === 'AND' || upper === 'OR' ? upper : undefined;
}

/** The token for a plain word: a keyword if it spells one. */
function wordToken(text: string, line: number, column: number, spaceBefore: string): Token {
  const keyword = keywordOf(text);
  return keyword === undefined
    ? { kind: 'word', text, line, column, spaceBefore }
    : { kind: 'keyword', keyword, text, line, column, spaceBefore };
}

/**
 * Splits a rule into tokens. The list always ends with an `end` token, or with an `invalid` token
 * when the text has an unclosed quote or a bad escape.
 *
 * @example
 * ```ts
 * tokenize('team = Platform AND region = eu-west-1').map((token) => token.kind);
 * // ['word', 'operator', 'word', 'keyword', 'word', 'operator', 'word', 'end']
 * ```
 */
export function tokenize(text: string): Token[] {
  const chars = Array.from(text);
  const tokens: Token[] = [];
  const cursor: Cursor = { index: 0, line: 1, column: 1 };
  let spaceBefore = '';
  /** Column of a comment on this line: the end of the line is reported there. */
  let commentColumn: number | undefined;

  const advanceTo = (index: number): void => {
    cursor.column += index - cursor.index;
    cursor.index = index;
  };

  while (cursor.index < chars.length) {
    const char = chars[cursor.index] ?? '';
    const { line, column } = cursor;
    if (isLineBreak(char)) {
      tokens.push({ kind: 'newline', text: '', line, column: commentColumn ?? column, spaceBefore });
      cursor.index += char === '\r' && chars[cursor.index + 1] === '\n' ? 2 : 1;
      cursor.line += 1;
      cursor.column = 1;
      spaceBefore = '';
      commentColumn = undefined;
      continue;
    }
    if (isSpace(char)) {
      spaceBefore += char;
      advanceTo(cursor.index + 1);
      continue;
    }
    if (char === '#') {
      commentColumn = column;
      let end = cursor.index;
      while (end < chars.length && !isLineBreak(chars[end])) end += 1;
      advanceTo(end);
      continue;
    }
    if (char === '"' || char === "'") {
      const scan = scanQuoted(chars, cursor, spaceBefore);
      if (!scan.ok) {
        tokens.push(scan.token);
        return tokens;
      }
      const raw = chars.slice(cursor.index, scan.end).join('');
      tokens.push({ kind: 'quoted', value: scan.value, text: raw, line, column, spaceBefore });
      advanceTo(scan.end);
    } else if (char === ',') {
      tokens.push({ kind: 'comma', text: ',', line, column, spaceBefore });
      advanceTo(cursor.index + 1);
    } else {
      const operator = operatorStartsAt(chars, cursor.index);
      const end = scanRun(chars, cursor.index, operator);
      const raw = chars.slice(cursor.index, end).join('');
      tokens.push(
        operator
          ? { kind: 'operator', text: raw, line, column, spaceBefore }
          : wordToken(raw, line, column, spaceBefore),
      );
      advanceTo(end);
    }
    spaceBefore = '';
  }
  tokens.push({
    kind: 'end',
    text: '',
    line: cursor.line,
    column: commentColumn ?? cursor.column,
    spaceBefore,
  });
  return tokens;
}
