import { cleanText, oneLine, paragraphs, singleLine, truncate } from './text';

describe('Function: singleLine', () => {
  it('turns every line break and control character into a space', () => {
    expect(singleLine('a\r\nBcc: x\u2028y\u0085z\u0000\tw\n')).toBe('a Bcc: x y z w');
  });

  it('removes bidirectional overrides and zero-width characters', () => {
    expect(singleLine('i-0abc\u202Efdp.exe\u200B')).toBe('i-0abcfdp.exe');
  });
});

describe('Function: cleanText', () => {
  it('normalises line breaks, drops control characters and collapses blank lines', () => {
    expect(cleanText('  a \r\n\r\n\r\n\u0007b\rc  ')).toBe('a\n\nb\nc');
  });
});

describe('Function: truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀😀😀', 5);

    expect(cut).toBe('ab😀…');
    expect(cut.length).toBeLessThanOrEqual(5);
  });
});

describe('Function: oneLine', () => {
  it('cleans, then cuts', () => {
    expect(oneLine('a\nb\nc', 4)).toBe('a b…');
  });
});

describe('Function: paragraphs', () => {
  it('splits at blank lines, keeping line breaks inside a paragraph', () => {
    expect(paragraphs('a\nb\n \nc')).toEqual([['a', 'b'], ['c']]);
    expect(paragraphs('  ')).toEqual([]);
  });
});
