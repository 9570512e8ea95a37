import { escapeHtml, markSanitizedHtml, safeHtml, type SafeHtml } from './safe-html';

describe('Function: escapeHtml', () => {
  it('escapes &, <, >, quotes, backticks and equals signs', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;\`=</a>`)).toBe(
      '&lt;a href&#x3D;&quot;x&quot; title&#x3D;&#x27;y&#x27;&gt;&amp;amp;&#x60;&#x3D;&lt;/a&gt;',
    );
  });

  it('leaves other text as it is', () => {
    expect(escapeHtml('Plain text, ünïcödé and 😀; #1 (a/b)')).toBe('Plain text, ünïcödé and 😀; #1 (a/b)');
  });
});

describe('Function: safeHtml', () => {
  it('keeps the template text and escapes every interpolated string', () => {
    const hostile = '"><script>alert(1)</script>';

    expect(safeHtml`<p title="${hostile}">${hostile}</p>`.toString()).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('writes numbers out', () => {
    expect(safeHtml`${0} and ${12} more`.toString()).toBe('0 and 12 more');
  });

  it('inserts safe fragments as they are, so nothing is escaped twice, and lists item by item', () => {
    const items = ['a&b', '<c>'].map((item) => safeHtml`<li>${item}</li>`);

    expect(safeHtml`<ul>${items}</ul>${safeHtml`<br>`}`.toString()).toBe(
      '<ul><li>a&amp;b</li><li>&lt;c&gt;</li></ul><br>',
    );
    expect(safeHtml`${[]}`.toString()).toBe('');
  });

  it('inserts sanitised HTML as it is', () => {
    expect(safeHtml`<div>${markSanitizedHtml('<b>x</b>')}</div>`.toString()).toBe('<div><b>x</b></div>');
  });

  it('escapes objects that only look like safe fragments', () => {
    const fake = { toString: () => '<script>' } as unknown as SafeHtml;

    expect(safeHtml`${fake}`.toString()).toBe('&lt;script&gt;');
    expect(safeHtml`${[fake, '<b>']}`.toString()).toBe('&lt;script&gt;&lt;b&gt;');
  });
});
