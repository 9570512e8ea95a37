// Edge cases of the allow-list sanitiser. The expected outputs are what sanitize-html 2.17 (with the
// options this package used before its own sanitiser) produced for the same input.
import { sanitizeAiHtml, sanitizeAiHtmlFragment } from './sanitize-ai-html';

const P = '<p style="margin:0 0 8px 0">';
const LINK = (href: string): string => `<a href="${href}" rel="noopener noreferrer" target="_blank">`;

describe('Function: sanitizeAiHtml', () => {
  describe('disallowed tags', () => {
    it.each([
      [
        'a script inside kept tags',
        '<div><span><b>a</b><script>x<b>y</b></script>c</span></div>',
        `${P}<b>a</b>c</p>`,
      ],
      [
        'upper-case script and style',
        '<SCRIPT>alert(1)</SCRIPT><style>p{}</style><STYLE>q</STYLE>after',
        'after',
      ],
      ['svg with nested tags', '<svg><p>in svg</p><script>x</script></svg>after', 'after'],
      ['upper-case svg', '<SVG><TITLE>t</TITLE></SVG>after', 'after'],
      ['self-closed svg', '<svg/>after<p>x</p>', `after${P}x</p>`],
      ['math', '<math><mi>x</mi></math>after', 'after'],
      ['object fallback content', '<object><p>fallback</p></object>after', 'after'],
      ['noscript', '<noscript><p>ns</p></noscript>after', 'after'],
      ['iframe', '<iframe src="https://x"><p>i</p></iframe>after', 'after'],
      ['embed (a void tag)', '<embed src=x>after', 'after'],
      ['textarea', '<textarea><b>t</b></textarea>after', 'after'],
      ['options, keeping the select text', '<select><option>o</option>text</select>', 'text'],
    ])('drops %s with its content', (_case, input, expected) => {
      expect(sanitizeAiHtml(input)).toBe(expected);
    });

    it.each([
      ['images and their handlers', '<img src=x onerror=alert(1)><p>after</p>', `${P}after</p>`],
      ['title', '<title>t</title>after', 'tafter'],
      ['xmp, whose content is parsed as HTML', '<xmp><b>x</b></xmp>after', '<b>x</b>after'],
      ['a tag split by a script', '<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
    ])('drops %s but keeps the text', (_case, input, expected) => {
      expect(sanitizeAiHtml(input)).toBe(expected);
    });

    it('reads upper-case tags and attributes as lower-case', () => {
      expect(
        sanitizeAiHtml(
          '<P CLASS="x" STYLE="color:red">Up</P><STRONG>S</STRONG><A HREF="https://docs.aws.amazon.com/x">l</A>',
        ),
      ).toBe(`${P}Up</p><strong>S</strong>${LINK('https://docs.aws.amazon.com/x')}l</a>`);
    });
  });

  describe('links', () => {
    it.each([
      ['a decimal entity', '&#106;avascript:alert(1)'],
      ['an encoded tab', 'java&#x09;script:alert(1)'],
      ['a named entity for the colon', 'javascript&colon;alert(1)'],
      ['leading spaces', '  javascript:alert(1)'],
      ['a leading line break', '\njavascript:alert(1)'],
      ['an empty mailto', 'mailto:'],
      ['an empty href', ''],
    ])('removes a javascript: or empty target hidden by %s', (_case, href) => {
      expect(sanitizeAiHtml(`<a href="${href}">x</a>`)).toBe('<a>x</a>');
    });

    it('decodes entities in a trusted URL and escapes it again', () => {
      expect(sanitizeAiHtml('<a href="https&#x3A;//docs.aws.amazon.com/a?b=1&amp;c=2">x</a>')).toBe(
        `${LINK('https://docs.aws.amazon.com/a?b=1&amp;c=2')}x</a>`,
      );
      expect(sanitizeAiHtml('<a href="https://docs.aws.amazon.com/?q=&quot;x&quot;&lt;">x</a>')).toBe(
        `${LINK('https://docs.aws.amazon.com/?q=&quot;x&quot;&lt;')}x</a>`,
      );
    });

    it('trims the URL and keeps upper-case mailto links', () => {
      expect(sanitizeAiHtml('<a href=" https://docs.aws.amazon.com/x ">x</a>')).toBe(
        `${LINK('https://docs.aws.amazon.com/x')}x</a>`,
      );
      expect(sanitizeAiHtml('<a href="MAILTO:sec@example.com">m</a>')).toBe(
        `${LINK('MAILTO:sec@example.com')}m</a>`,
      );
    });

    it('reads the first of repeated href attributes', () => {
      expect(sanitizeAiHtml('<a href="https://docs.aws.amazon.com/x" href="javascript:alert(1)">x</a>')).toBe(
        `${LINK('https://docs.aws.amazon.com/x')}x</a>`,
      );
      expect(sanitizeAiHtml('<a href="javascript:alert(1)" href="https://docs.aws.amazon.com/x">x</a>')).toBe(
        '<a>x</a>',
      );
    });

    it('trusts the hosts it is given, and none when given none', () => {
      expect(sanitizeAiHtml('<a href="https://wiki.example.com/x">x</a>', ['example.com'])).toBe(
        `${LINK('https://wiki.example.com/x')}x</a>`,
      );
      expect(sanitizeAiHtml('<a href="https://docs.aws.amazon.com/x">x</a>', [])).toBe('<a>x</a>');
    });
  });

  describe('structure', () => {
    it('closes unclosed tags, including implied ones', () => {
      expect(sanitizeAiHtml('<p>unclosed<ul><li>one<li>two</ul><table><tr><td>c')).toBe(
        `${P}unclosed</p><ul style="margin:0 0 8px 0;padding-left:22px"><li style="margin:0 0 4px 0">one</li>` +
          '<li style="margin:0 0 4px 0">two</li></ul><table style="border-collapse:collapse;margin:0 0 8px 0;font-size:13px">' +
          '<tr><td style="border:1px solid #BFDBFE;padding:4px 8px;text-align:left;vertical-align:top">c</td></tr></table>',
      );
    });

    it('closes misnested tags in order', () => {
      expect(sanitizeAiHtml('<b><i>x</b></i>y')).toBe('<b><i>x</i></b>y');
    });

    it('reads stray </p> and </br> as HTML does, and drops other stray end tags', () => {
      expect(sanitizeAiHtml('</p></br></div>text')).toBe(`${P}</p><br />text`);
    });

    it('drops a start tag cut off by the end of the input', () => {
      expect(sanitizeAiHtml('<p class="x')).toBe('');
      expect(sanitizeAiHtml('<div><p class="x')).toBe(`${P}</p>`);
    });

    it('writes void and self-closed tags as HTML reads them', () => {
      expect(sanitizeAiHtml('<br><br/><BR>')).toBe('<br /><br /><br />');
      expect(sanitizeAiHtml('<p/>text')).toBe(`${P}text</p>`);
    });
  });

  describe('text', () => {
    it.each([
      ['comments', '<p>a<!-- <script>alert(1)</script> -->b</p>'],
      ['CDATA sections (comments in HTML)', '<p>a<![CDATA[<script>alert(1)</script>]]>b</p>'],
    ])('drops %s with their content', (_case, input) => {
      expect(sanitizeAiHtml(input)).toBe(`${P}ab</p>`);
    });

    it('drops doctypes and processing instructions', () => {
      expect(sanitizeAiHtml('<!DOCTYPE html><?xml version="1.0"?><p>x</p>')).toBe(`${P}x</p>`);
    });

    it('decodes entities, then escapes only &, < and >', () => {
      expect(
        sanitizeAiHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &nbsp;&copy;&notin &#x27;&quot;</p>'),
      ).toBe(`${P}&lt;script&gt;alert(1)&lt;/script&gt; &amp; \u00a0©¬in '"</p>`);
      expect(sanitizeAiHtml(`<p>Tom's "quote" a=b \`tick\`</p>`)).toBe(`${P}Tom's "quote" a=b \`tick\`</p>`);
    });

    it('trims white space, non-breaking spaces included, around the result', () => {
      expect(sanitizeAiHtml('&nbsp; <p>x</p> \n')).toBe(`${P}x</p>`);
    });
  });
});

describe('Function: sanitizeAiHtmlFragment', () => {
  it('gives the sanitised HTML, or null when nothing is left', () => {
    expect(sanitizeAiHtmlFragment('<b>x</b><script>y</script>')?.toString()).toBe('<b>x</b>');
    expect(sanitizeAiHtmlFragment('<script>y</script> ')).toBeNull();
  });
});
