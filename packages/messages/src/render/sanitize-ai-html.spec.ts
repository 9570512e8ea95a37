import { sanitizeAiHtml } from './sanitize-ai-html';

describe('Function: sanitizeAiHtml', () => {
  it('drops scripts, iframes and event handlers but keeps the text', () => {
    const html = sanitizeAiHtml(
      '<p onclick="x()">Hi<script>alert(1)</script><iframe src="https://x"></iframe></p>',
    );

    expect(html).toBe('<p style="margin:0 0 8px 0">Hi</p>');
  });

  it('keeps https links to trusted hosts and mailto links, adding rel="noopener noreferrer"', () => {
    expect(sanitizeAiHtml('<a href="https://docs.aws.amazon.com/x" rel="opener" target="_self">d</a>')).toBe(
      '<a href="https://docs.aws.amazon.com/x" rel="noopener noreferrer" target="_blank">d</a>',
    );
    expect(sanitizeAiHtml('<a href="mailto:sec@example.com">m</a>')).toContain(
      'href="mailto:sec@example.com"',
    );
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://docs.aws.amazon.com/',
    '//docs.aws.amazon.com/',
    'https://evil.example/',
  ])('removes the link target %j but keeps the text', (href) => {
    expect(sanitizeAiHtml(`<a href="${href}">text</a>`)).toBe('<a>text</a>');
  });

  it('replaces input styles with ours and maps unknown blocks onto allowed ones', () => {
    const html = sanitizeAiHtml('<h1 style="color:red">T</h1><div class="x">d</div><span>s</span>');

    expect(html).toMatch(/^<h3 style="margin:14px[^"]*">T<\/h3><p style="margin:0 0 8px 0">d<\/p>s$/);
  });

  it('closes what the input leaves open and drops stray closing tags', () => {
    expect(sanitizeAiHtml('</td></table><ul><li>a')).toBe(
      '<ul style="margin:0 0 8px 0;padding-left:22px"><li style="margin:0 0 4px 0">a</li></ul>',
    );
  });
});
