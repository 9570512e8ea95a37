import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  htmlProblems,
  slackTexts,
  teamsMarkdownTexts,
  unescapedMarkdown,
} from '../../tests/render-assertions';
import {
  aFixedControlFinding,
  aFixedGuardDutyFinding,
  aPad,
  incidentSample,
  OVERDUE_RECORD,
  RENDER_OPTIONS,
  sampleMessages,
  teamFixSample,
} from '../../tests/render-fixtures';
import {
  autoFixedMessage,
  incidentMessage,
  teamFixMessage,
  ticketClosedMessage,
} from '../model/build-finding-messages';
import { overdueReminderMessage } from '../model/build-overdue-reminder';
import { MessageValidationError } from '../errors';
import type { Message } from '../model/message';
import { renderMessage } from './render-message';

const samples = Object.entries(sampleMessages());

function textOf(message: Message): string {
  return renderMessage(message, RENDER_OPTIONS).text;
}

describe('Function: renderMessage', () => {
  describe('snapshots', () => {
    it.each(samples)('renders the %s email', (_name, message) => {
      const rendered = renderMessage(message, RENDER_OPTIONS);

      expect(rendered.html).toMatchSnapshot('html');
      expect(rendered.text).toMatchSnapshot('text');
    });

    it('renders every channel of a team fix', () => {
      const rendered = renderMessage(teamFixSample(), RENDER_OPTIONS);

      expect({
        subject: rendered.subject,
        jira: rendered.jira,
        serviceNow: rendered.serviceNow,
        slack: rendered.slack,
        teams: rendered.teams,
      }).toMatchSnapshot();
    });
  });

  describe('contract', () => {
    it.each(samples)('%s: respects every channel limit', (_name, message) => {
      const rendered = renderMessage(message, RENDER_OPTIONS);
      const card = rendered.teams.attachments[0].content;
      const header = rendered.slack.blocks[0];

      expect(rendered.subject.length).toBeLessThanOrEqual(255);
      expect(rendered.jira.summary).toBe(rendered.subject);
      expect(rendered.serviceNow.shortDescription.length).toBeLessThanOrEqual(160);
      expect(rendered.serviceNow.description).toBe(rendered.text);
      expect(rendered.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
      expect(htmlProblems(rendered.html)).toEqual([]);
      expect(rendered.jira.description).toMatchObject({ version: 1, type: 'doc' });
      expect(header).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
      expect(JSON.stringify(header).length).toBeLessThan(300);
      expect(rendered.slack.blocks.length).toBeLessThanOrEqual(50);
      for (const text of slackTexts(rendered.slack)) expect(text.length).toBeLessThanOrEqual(3_000);
      for (const text of teamsMarkdownTexts(rendered.teams)) expect(unescapedMarkdown(text)).toEqual([]);
      expect(card).toMatchObject({
        type: 'AdaptiveCard',
        version: '1.5',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      });
      expect(JSON.stringify(rendered.teams).length).toBeLessThan(28_000);
    });

    it('inserts one string unescaped into the HTML email: the sanitised AI analysis', () => {
      const source = join(__dirname, '..');
      const users = readdirSync(source, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
        .filter((file) => readFileSync(join(source, file), 'utf8').includes('markSanitizedHtml'));

      expect(users.sort()).toEqual([join('render', 'safe-html.ts'), join('render', 'sanitize-ai-html.ts')]);
    });
  });

  describe('subjects', () => {
    it.each([
      [
        'team-fix',
        '[HIGH] Action needed: VPC default security groups should not allow inbound or outbound traffic',
      ],
      ['auto-fixed', '[HIGH] Fixed automatically: S3 general purpose buckets should block public access'],
      ['ticket-closed', 'Closed: VPC default security groups should not allow inbound or outbound traffic'],
      [
        'overdue-reminder',
        'Overdue (EC2.2): VPC default security groups should not allow inbound or outbound traffic',
      ],
      ['incident-s3', '[CRITICAL] Incident: Anomalous GetObject calls on S3 bucket example-payments-exports'],
    ])('words the %s subject', (name, expected) => {
      const message = sampleMessages()[name];

      expect(message === undefined ? '' : renderMessage(message, RENDER_OPTIONS).subject).toBe(expected);
    });

    it('says a planned fix would be made, never that it was (simulation and plan mode)', () => {
      const pad = aPad(
        aFixedControlFinding({ Title: 'S3 general purpose buckets should block public access' }),
      );

      const planned = renderMessage(autoFixedMessage(pad, { planned: true }), RENDER_OPTIONS);
      const applied = renderMessage(autoFixedMessage(pad), RENDER_OPTIONS);

      expect(planned.subject).toMatch(/^\[HIGH\] Would be fixed automatically \(simulation\): S3 general/);
      expect(planned.text).toContain('nothing was changed');
      expect(planned.text).not.toMatch(/\bfixed it\b/);
      expect(applied.subject).toMatch(/^\[HIGH\] Fixed automatically: S3 general/);
    });

    it('cuts a long title with an ellipsis and strips line breaks', () => {
      const pad = aPad(aFixedControlFinding({ Title: `Line one\r\nline two ${'x'.repeat(230)}` }));

      const rendered = renderMessage(teamFixMessage(pad), RENDER_OPTIONS);

      expect(rendered.subject).toHaveLength(255);
      expect(rendered.subject).toMatch(/^\[HIGH\] Action needed: Line one line two x+…$/);
      expect(rendered.serviceNow.shortDescription).toHaveLength(160);
    });
  });

  describe('links', () => {
    it('links to the finding in Security Hub only when a console URL is given', () => {
      const message = teamFixSample();

      const withConsole = renderMessage(message, RENDER_OPTIONS);
      const withoutConsole = renderMessage(message, { productName: 'SOAR' });

      expect(withConsole.html).toContain(
        'href="https://console.aws.amazon.com/securityhub/home?region&#x3D;eu-west-1#/findings?search&#x3D;Id%3D%255Coperator%255C%253AEQUALS%255C%253Aarn%253Aaws%253Asecurityhub',
      );
      expect(withoutConsole.html).not.toContain('console.aws.amazon.com');
      expect(withoutConsole.text).not.toContain('Open in Security Hub');
    });

    it('shows a remediation URL on an untrusted host as text, never as a link', () => {
      const finding = aFixedControlFinding({
        Remediation: { Recommendation: { Url: 'https://evil.example/fix' } },
      });

      const rendered = renderMessage(teamFixMessage(aPad(finding)), RENDER_OPTIONS);

      expect(rendered.html).not.toContain('href="https://evil.example');
      expect(rendered.text).toContain('Fix instructions (unverified address): https://evil.example/fix');
      expect(JSON.stringify(rendered.teams)).not.toContain('"url":"https://evil.example');
      expect(rendered.text).not.toContain('Follow the fix instructions linked below.');
    });

    it('trusts the hosts the options name', () => {
      const finding = aFixedControlFinding({
        Remediation: { Recommendation: { Url: 'https://wiki.example.com/fix' } },
      });

      const rendered = renderMessage(teamFixMessage(aPad(finding)), {
        productName: 'SOAR',
        trustedLinkHosts: ['example.com'],
      });

      expect(rendered.html).toContain('href="https://wiki.example.com/fix"');
    });
  });

  describe('wording', () => {
    it('gives a generic reason when Security Hub gave none', () => {
      const finding = aFixedControlFinding({ Compliance: { Status: 'PASSED' } });

      const text = textOf(ticketClosedMessage(aPad(finding), { ticketId: 'PAY-1' }));

      expect(text).toContain(
        'the resource was fixed or deleted, the finding was suppressed, or the check was turned off',
      );
    });

    it.each([
      ['INFORMATIONAL' as const, 'Nothing. This message is for your information.'],
      ['LOW' as const, 'Nothing is required, but you may want to check that this activity was expected.'],
      ['HIGH' as const, 'Investigate now: was this activity expected?'],
    ])('asks for the right action on a %s incident', (severity, expected) => {
      const finding = aFixedGuardDutyFinding('Recon:EC2/PortProbeUnprotectedPort', 'LOW', {
        Severity: { Label: severity },
      });

      expect(textOf(incidentMessage(aPad(finding), { incidentKind: 'ec2' }))).toContain(expected);
    });

    it('tells the team what SOAR did to the instance', () => {
      expect(textOf(incidentSample('ec2'))).toContain('- Terminated instance i-0abc1234def567890.');
    });

    it('says when a reminder is escalated, and not otherwise', () => {
      const escalated = textOf(overdueReminderMessage(OVERDUE_RECORD));
      const plain = textOf(overdueReminderMessage({ ...OVERDUE_RECORD, escalate: false }));

      expect(escalated).toContain('Sent a copy to the security escalation contacts');
      expect(plain).not.toContain('escalation');
      expect(escalated).toContain(
        'HIGH issues should be fixed within 8 hours, so this one is 1 day 19 hours late.',
      );
    });

    it('renders messages without AI analysis, account data or resources', () => {
      const finding = aFixedControlFinding();
      const pad = aPad(finding, {}, null);

      const rendered = renderMessage(teamFixMessage(pad), RENDER_OPTIONS);

      expect(rendered.html).not.toContain('AI analysis');
      expect(rendered.text).toContain('account 111122223333 in eu-west-1');
    });

    it('shows AI plain text when the AI wrote no HTML', () => {
      const pad = aPad(aFixedControlFinding(), {
        ai: { plaintext: 'First <b>point</b>.\n\nSecond point.', html: '' },
      });

      const { html } = renderMessage(teamFixMessage(pad), RENDER_OPTIONS);

      expect(html).toContain('First &lt;b&gt;point&lt;/b&gt;.</p>');
      expect(html).toContain('Second point.</p>');
    });

    it('shows the AI analysis as plain text, never its HTML, when no AI HTML renderer is given', () => {
      const pad = aPad(aFixedControlFinding(), {
        ai: { plaintext: 'Rotate the key.', html: '<p><strong>Rotate</strong> the key.</p>' },
      });
      const { aiHtml: _renderer, ...withoutRenderer } = RENDER_OPTIONS;

      const plain = renderMessage(teamFixMessage(pad), withoutRenderer).html;
      const rich = renderMessage(teamFixMessage(pad), RENDER_OPTIONS).html;

      expect(plain).toContain('Rotate the key.</p>');
      expect(plain).not.toContain('<strong>Rotate</strong>');
      expect(rich).toContain('<strong>Rotate</strong>');
    });
  });

  describe('validation', () => {
    it('rejects options without a product name', () => {
      expect(() => renderMessage(teamFixSample(), { productName: ' ' })).toThrow(MessageValidationError);
    });

    it('rejects a console URL that is not https', () => {
      expect(() =>
        renderMessage(teamFixSample(), { productName: 'SOAR', consoleBaseUrl: 'javascript:alert(1)' }),
      ).toThrow(/consoleBaseUrl: must be an absolute https URL/);
    });

    it('rejects a message whose remediation URL is not https, naming the field and the finding', () => {
      const message = { ...teamFixSample(), remediation: { url: 'javascript:alert(1)' } } as Message;

      const act = () => renderMessage(message, RENDER_OPTIONS);

      expect(act).toThrow(/remediation\.url: must be an absolute https URL/);
      expect(act).toThrow(
        expect.objectContaining({ findingId: message.findingId, accountId: '111122223333' }),
      );
    });
  });
});
