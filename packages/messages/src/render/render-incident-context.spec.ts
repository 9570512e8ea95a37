import {
  adfProblems,
  adfTexts,
  htmlProblems,
  slackTexts,
  teamsLiteralTexts,
} from '../../tests/render-assertions';
import { aFixedGuardDutyFinding, aPad, HOSTILE, RENDER_OPTIONS } from '../../tests/render-fixtures';
import { MessageValidationError } from '../errors';
import { incidentMessage } from '../model/build-finding-messages';
import { type IncidentMessage, MAX_CONTEXT_TEXT, MAX_CONTEXT_TITLE } from '../model/message';
import type { AdfNode } from '../rendered';
import { renderMessage } from './render-message';

const CONTEXT_TEXT = [
  'Services: AWS/Lambda (orders-api)',
  'Evaluation window: 10:00 to 10:15 UTC (3 of 3 periods of 5 minutes)',
  '',
  'Failed executions:',
  '  - orders-sync, state Charge: States.TaskFailed',
  'Pattern: RECURRING_PATTERN (4 in 30 days, trend STABLE)',
].join('\n');

function alarmIncident(context: { title: string; text: string } | undefined): IncidentMessage {
  const pad = aPad(aFixedGuardDutyFinding('UnauthorizedAccess:EC2/SSHBruteForce', 'HIGH'));
  return incidentMessage(pad, {
    incidentKind: 'generic',
    ticketId: 'SOC-7',
    ...(context === undefined ? {} : { context }),
  });
}

/** Every code block of a Jira description. */
function codeBlocks(nodes: readonly AdfNode[]): AdfNode[] {
  return nodes.flatMap((node) => [
    ...(node.type === 'codeBlock' ? [node] : []),
    ...codeBlocks(node.content ?? []),
  ]);
}

describe('Function: incidentMessage with a context', () => {
  it('keeps the context, its title on one line', () => {
    const message = alarmIncident({ title: 'Alarm\r\ncontext ', text: `\n${CONTEXT_TEXT}\n\n\n` });

    expect(message.context).toEqual({ title: 'Alarm context', text: CONTEXT_TEXT });
  });

  it('cuts the title and the text to their limits', () => {
    const message = alarmIncident({ title: 't'.repeat(500), text: 'x'.repeat(20_000) });

    expect(message.context?.title).toHaveLength(MAX_CONTEXT_TITLE);
    expect(message.context?.text).toHaveLength(MAX_CONTEXT_TEXT);
    expect(message.context?.text.endsWith('…')).toBe(true);
  });

  it('leaves out a context without text', () => {
    expect(alarmIncident({ title: 'Alarm context', text: ' \n ' }).context).toBeUndefined();
    expect(alarmIncident(undefined).context).toBeUndefined();
  });
});

describe('Function: renderMessage with an incident context', () => {
  const rendered = renderMessage(
    alarmIncident({ title: 'Alarm context', text: CONTEXT_TEXT }),
    RENDER_OPTIONS,
  );

  it('shows the whole context in the email, lines kept, as a titled section', () => {
    expect(rendered.html).toMatch(/<h2 [^>]*>Alarm context<\/h2>\n<pre [^>]*white-space:pre-wrap/);
    expect(rendered.html).toContain(
      'Failed executions:\n  - orders-sync, state Charge: States.TaskFailed\nPattern: RECURRING_PATTERN',
    );
    expect(htmlProblems(rendered.html)).toEqual([]);
    expect(rendered.text).toContain(`Alarm context\n-------------\n${CONTEXT_TEXT}\n`);
  });

  it('puts the whole context in the Jira and ServiceNow tickets', () => {
    const blocks = codeBlocks(rendered.jira.description.content);

    expect(blocks).toEqual([
      { type: 'codeBlock', attrs: {}, content: [{ type: 'text', text: CONTEXT_TEXT }] },
    ]);
    expect(adfTexts(rendered.jira.description)).toContain('Alarm context');
    expect(adfProblems(rendered.jira.description)).toEqual([]);
    expect(rendered.serviceNow.description).toContain(CONTEXT_TEXT);
  });

  it('shows a short context whole in chat', () => {
    expect(slackTexts(rendered.slack).join('\n')).toContain('Pattern: RECURRING_PATTERN');
    expect(teamsLiteralTexts(rendered.teams)).toContain(CONTEXT_TEXT);
    expect(JSON.stringify([rendered.slack, rendered.teams])).not.toContain('Shortened');
  });

  it('shows only the first part of a long context in chat, and says where the rest is', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `line ${i + 1}: ${'detail '.repeat(6)}`);
    const long = renderMessage(
      alarmIncident({ title: 'Alarm context', text: lines.join('\n') }),
      RENDER_OPTIONS,
    );
    const slack = slackTexts(long.slack).join('\n');
    const teams = teamsLiteralTexts(long.teams).join('\n');

    for (const chat of [slack, teams]) {
      expect(chat).toContain('line 12:');
      expect(chat).not.toContain('line 13:');
      expect(chat).toContain('(Shortened. The email and the ticket have all of it.)');
    }
    expect(long.text).toContain('line 120:');
    expect(long.html).toContain('line 120:');
  });

  it('escapes a hostile context in every channel', () => {
    const hostile = `${HOSTILE.script}\n${HOSTILE.attribute}\n${HOSTILE.slackMention}\n${HOSTILE.markdownLink}`;
    const out = renderMessage(
      alarmIncident({ title: `${HOSTILE.singleQuote}${HOSTILE.script}`, text: hostile }),
      RENDER_OPTIONS,
    );

    expect(htmlProblems(out.html)).toEqual([]);
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\n&quot;&gt;&lt;img src&#x3D;x');
    expect(out.html).toContain('&#x27; onmouseover&#x3D;&#x27;alert(1)&lt;script&gt;');
    for (const text of slackTexts(out.slack)) expect(text).not.toMatch(/[<>]/);
    expect(slackTexts(out.slack).join('\n')).toContain('&lt;!channel&gt;');
    expect(teamsLiteralTexts(out.teams)).toContain(hostile);
    expect(adfProblems(out.jira.description)).toEqual([]);
    expect(adfTexts(out.jira.description)).toContain(hostile);
  });

  it('redacts secrets in the context, also at its length limit', () => {
    const secret = 'password=hunter2 token=x';
    const text = `${secret}\n${'y'.repeat(MAX_CONTEXT_TEXT - secret.length - 1)}`;

    const out = renderMessage(alarmIncident({ title: 'db_password=hunter2', text }), RENDER_OPTIONS);

    expect(JSON.stringify(out)).not.toContain('hunter2');
    expect(out.text).toContain('password=[redacted] token=[redacted]');
    expect(out.text).toContain('For safety, we replaced');
  });

  it('rejects a context over its limits, naming the field', () => {
    const message = {
      ...alarmIncident(undefined),
      context: { title: 't'.repeat(MAX_CONTEXT_TITLE + 1), text: 'x' },
    };

    expect(() => renderMessage(message, RENDER_OPTIONS)).toThrow(MessageValidationError);
    expect(() => renderMessage(message, RENDER_OPTIONS)).toThrow(/context\.title/);
  });
});
