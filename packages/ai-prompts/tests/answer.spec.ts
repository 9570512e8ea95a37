/** The model's answer as the scratchpad's AI text. */
import { answerToAiText } from '../src';

const NONE = { replacements: [] };

describe('Function: answerToAiText', () => {
  it('keeps the html and makes plain text with a line per block and dashes for list items', () => {
    const html =
      '<h3>What happened</h3><p>The group allows <strong>all</strong> traffic &amp; more.</p><ul><li>Remove rules</li><li>Use IaC</li></ul><pre>Type: AWS::EC2::SecurityGroup\n  Properties: {}</pre>';
    expect(answerToAiText(html, NONE)).toEqual({
      html,
      plaintext:
        'What happened\n\nThe group allows all traffic & more.\n\n- Remove rules\n\n- Use IaC\n\nType: AWS::EC2::SecurityGroup\nProperties: {}',
    });
  });

  it('removes a Markdown code fence around the html', () => {
    expect(answerToAiText('```html\n<p>Hi</p>\n```', NONE).html).toBe('<p>Hi</p>');
  });

  it('drops scripts and comments from the plain text, decodes entities, and joins table cells', () => {
    const { plaintext } = answerToAiText(
      '<p>a<!-- x --><script>alert(1)</script> &lt;b&gt; &#x41;&#66;</p><table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table>',
      NONE,
    );
    expect(plaintext).toBe('a <b> AB\n\nk | v\n1 | 2');
  });

  it('restores anonymised values before anything else', () => {
    expect(
      answerToAiText('<p>[account-1]</p>', {
        replacements: [{ placeholder: '[account-1]', original: '111122223333' }],
      }),
    ).toEqual({ html: '<p>111122223333</p>', plaintext: '111122223333' });
  });
});
