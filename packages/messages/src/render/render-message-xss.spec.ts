import {
  adfProblems,
  adfTexts,
  htmlProblems,
  slackTexts,
  teamsActionUrls,
  teamsLiteralTexts,
  teamsMarkdownTexts,
  TRUSTED_HOSTS,
  unescapedMarkdown,
} from '../../tests/render-assertions';
import { HOSTILE, hostileMessages, RENDER_OPTIONS } from '../../tests/render-fixtures';
import { renderMessage } from './render-message';

const cases = Object.entries(hostileMessages());

describe('Function: renderMessage', () => {
  describe.each(cases)('with hostile finding content (%s)', (_kind, message) => {
    const rendered = renderMessage(message, RENDER_OPTIONS);

    it('escapes every finding value in the HTML email', () => {
      const { html } = rendered;

      expect(htmlProblems(html)).toEqual([]);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/<[^>]*\son(error|mouseover|click)\s*=/i);
      expect(html).not.toMatch(/href\s*=\s*["']?javascript:/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('keeps subjects, summaries and short descriptions on one line', () => {
      for (const line of [rendered.subject, rendered.jira.summary, rendered.serviceNow.shortDescription]) {
        expect(line).not.toMatch(/[\r\n]/);
      }
      expect(rendered.subject.length).toBeLessThanOrEqual(255);
      expect(rendered.serviceNow.shortDescription.length).toBeLessThanOrEqual(160);
    });

    it('keeps the plain text free of carriage returns and control characters', () => {
      // eslint-disable-next-line no-control-regex
      expect(rendered.text).not.toMatch(/[\r\u0000-\u0008\u000B-\u001F]/);
    });

    it('escapes Slack text so no mention or link can be formed', () => {
      const texts = slackTexts(rendered.slack);

      for (const text of texts) expect(text).not.toMatch(/[<>]/);
      expect(texts.join('\n')).toContain('&lt;!channel&gt;');
    });

    it('lets Slack open only our https links', () => {
      const urls = rendered.slack.blocks.flatMap((block) =>
        Array.isArray(block['elements'])
          ? block['elements'].flatMap((element) =>
              element !== null &&
              typeof element === 'object' &&
              !Array.isArray(element) &&
              typeof element['url'] === 'string'
                ? [element['url']]
                : [],
            )
          : [],
      );

      for (const url of urls) expect(TRUSTED_HOSTS).toContain(new URL(url).hostname);
    });

    it('puts finding text in Teams only where markdown is escaped or not parsed', () => {
      const markdown = teamsMarkdownTexts(rendered.teams);

      for (const text of markdown) expect(unescapedMarkdown(text)).toEqual([]);
      expect(markdown.join('\n')).not.toMatch(/(^|[^\\])\[[^\]]*[^\\]\]\(/);
      expect(teamsLiteralTexts(rendered.teams).join('\n')).toContain(HOSTILE.script);
    });

    it('opens only our https links from Teams', () => {
      for (const url of teamsActionUrls(rendered.teams)) {
        expect(new URL(url).protocol).toBe('https:');
        expect(TRUSTED_HOSTS).toContain(new URL(url).hostname);
      }
    });

    it('carries finding content in Jira only as text nodes, with links only to our https URLs', () => {
      const texts = adfTexts(rendered.jira.description);

      expect(adfProblems(rendered.jira.description)).toEqual([]);
      expect(texts.join('\n')).toContain(HOSTILE.attribute);
      expect(rendered.jira.summary).toContain(HOSTILE.script);
      expect(JSON.stringify(rendered.jira.description)).not.toContain('evil.example"');
    });
  });

  describe('with hostile AI output', () => {
    const message = hostileMessages()['team_fix'];
    const html = message === undefined ? '' : renderMessage(message, RENDER_OPTIONS).html;
    const aiHtml = html.slice(html.indexOf('AI analysis'), html.indexOf('Technical details'));

    it('removes scripts, iframes, event handlers and javascript: links', () => {
      expect(aiHtml).toContain('Fine text');
      expect(aiHtml).not.toMatch(/<script|<iframe|<img|onclick|onerror|javascript:/i);
    });

    it('keeps links to trusted hosts with rel="noopener noreferrer", and drops the others', () => {
      expect(aiHtml).toContain(
        '<a href="https://docs.aws.amazon.com/guide" rel="noopener noreferrer" target="_blank">trusted link</a>',
      );
      expect(aiHtml).toContain('<a>untrusted link</a>');
      expect(aiHtml).not.toContain('https://evil.example');
    });
  });
});
