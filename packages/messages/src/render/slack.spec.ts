import { teamFixSample, RENDER_OPTIONS } from '../../tests/render-fixtures';
import { resolveRenderOptions } from './options';
import { renderSlack, SLACK_LIMITS, slackEscape } from './slack';
import { viewOf } from './view';

describe('Function: slackEscape', () => {
  it('escapes the three characters Slack reserves', () => {
    expect(slackEscape('<!channel> & <@U123> <https://evil.example|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil.example|click&gt;',
    );
  });
});

describe('Function: renderSlack', () => {
  it('fits escaped text in the header limit without cutting an entity', () => {
    const view = {
      ...viewOf(teamFixSample(), resolveRenderOptions(RENDER_OPTIONS)),
      subject: '<'.repeat(400),
    };

    const header = renderSlack(view).blocks[0];
    const text = (header?.['text'] as { text: string }).text;

    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    expect(text).toMatch(/^(&lt;)+…$/);
  });

  it('shows at most 10 facts as fields, and sets verbatim on mrkdwn', () => {
    const slack = renderSlack(viewOf(teamFixSample(), resolveRenderOptions(RENDER_OPTIONS)));
    const withFields = slack.blocks.find((block) => Array.isArray(block['fields']));

    expect(withFields?.['fields']).toHaveLength(SLACK_LIMITS.fields);
    expect(JSON.stringify(slack)).not.toContain('"verbatim":false');
  });
});
