import { tokenize } from './tokenize';

/** `kind:text` of each token, for compact assertions. */
function kinds(text: string): string[] {
  return tokenize(text).map((token) => `${token.kind}:${token.text}`);
}

describe('Function: tokenize', () => {
  it.each<[string, string[]]>([
    ['team = a', ['word:team', 'operator:=', 'word:a', 'end:']],
    ['team!=a,b', ['word:team', 'operator:!=', 'word:a', 'comma:,', 'word:b', 'end:']],
    ['a =~ b !~ c', ['word:a', 'operator:=~', 'word:b', 'operator:!~', 'word:c', 'end:']],
    ['a == b', ['word:a', 'operator:==', 'word:b', 'end:']],
    [
      'a AND b and c And d',
      ['word:a', 'keyword:AND', 'word:b', 'keyword:and', 'word:c', 'keyword:And', 'word:d', 'end:'],
    ],
    [
      'SANDBOXES BRAND Android ORACLE',
      ['word:SANDBOXES', 'word:BRAND', 'word:Android', 'word:ORACLE', 'end:'],
    ],
    ['a OR b', ['word:a', 'keyword:OR', 'word:b', 'end:']],
    ['a # b = c', ['word:a', 'end:']],
    ['a\r\nb\rc\n', ['word:a', 'newline:', 'word:b', 'newline:', 'word:c', 'newline:', 'end:']],
    ["O'Brien \"x y\" 'z'", ["word:O'Brien", 'quoted:"x y"', "quoted:'z'"].concat('end:')],
    ['Hello! ~x', ['word:Hello!', 'word:~x', 'end:']],
  ])('splits %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('keeps the spaces between words and the position of each token', () => {
    // Act
    const tokens = tokenize('a  b\n\tc');

    // Assert
    expect(
      tokens.map(({ text, line, column, spaceBefore }) => ({ text, line, column, spaceBefore })),
    ).toEqual([
      { text: 'a', line: 1, column: 1, spaceBefore: '' },
      { text: 'b', line: 1, column: 4, spaceBefore: '  ' },
      { text: '', line: 1, column: 5, spaceBefore: '' },
      { text: 'c', line: 2, column: 2, spaceBefore: '\t' },
      { text: '', line: 2, column: 3, spaceBefore: '' },
    ]);
  });

  it('decodes escapes in quoted values', () => {
    // Act
    const [token] = tokenize(String.raw`"a\"b\\c\'d\ne\rf\tg"`);

    // Assert
    expect(token).toMatchObject({ kind: 'quoted', value: 'a"b\\c\'d\ne\rf\tg' });
  });

  it('ends with an invalid token at an unclosed quote, without throwing', () => {
    // Act
    const tokens = tokenize('a = "open\nb = c');

    // Assert
    expect(tokens.map((token) => token.kind)).toEqual(['word', 'operator', 'invalid']);
    expect(tokens[2]).toMatchObject({ line: 1, column: 5, text: '"open' });
  });

  it('reports the end of a commented line at the comment', () => {
    expect(tokenize('a = # why\n').map((token) => [token.kind, token.column])).toEqual([
      ['word', 1],
      ['operator', 3],
      ['newline', 5],
      ['end', 1],
    ]);
  });
});
