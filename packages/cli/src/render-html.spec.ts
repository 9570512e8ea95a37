import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOSTILE, hostileReport, realisticReport } from '../tests/simulation-report.fixture';
import { escapeHtml, renderHtml, REPORT_CSP, writeHtmlReport } from './render-html';

/** Undoes {@link escapeHtml}, as a browser does when it reads an attribute. */
function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function all(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The HTML of one finding card. */
function cardOf(html: string, id: string): string {
  const start = html.search(new RegExp(`<article class="finding[^"]*" id="${id}"`));
  const end = html.indexOf('</article>', start);
  if (start === -1 || end === -1) throw new Error(`No card ${id}`);
  return html.slice(start, end);
}

describe('Function: escapeHtml', () => {
  it('escapes the five characters that matter in text and in quoted attributes', () => {
    // Arrange
    const value = `<a href="x" title='y'>&amp;</a>`;

    // Act
    const escaped = escapeHtml(value);

    // Assert
    expect(escaped).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(unescapeHtml(escaped)).toBe(value);
  });
});

describe('Function: renderHtml', () => {
  it('is one self-contained page: a strict CSP, inline CSS, no script, nothing loaded from elsewhere', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const html = renderHtml(report);

    // Assert
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; frame-src &#39;self&#39;">`,
    );
    expect(REPORT_CSP).not.toContain('script-src');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width: 40rem)');
  });

  it('has one card per finding, unique ids, and a table of contents linking every card', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const html = renderHtml(report);

    // Assert
    const cards = all(html, /<article class="finding[^"]*" id="([^"]+)"/g);
    expect(cards).toHaveLength(report.findings.length);
    const ids = all(html, /\sid="([^"]+)"/g);
    expect(new Set(ids).size).toBe(ids.length);
    const links = all(html, /<a href="#(finding-\d+)">/g);
    expect(links).toEqual(cards);
    expect(all(html, /<h3 id="(finding-\d+)-title">/g)).toEqual(cards);
  });

  it('shows the header facts, summary cards per route and outcome, and the input problems', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const html = renderHtml(report);

    // Assert
    expect(html).toContain('<title>SOAR simulation · 12 findings</title>');
    expect(html).toContain(
      '<dt>Mode</dt><dd>plan: remediations are planned from each finding, nothing is changed</dd>',
    );
    expect(html).toContain('<dt>Accounts</dt><dd>2 in the world</dd>');
    expect(html).toContain('<span class="n">4</span> <span class="k">remediate</span>');
    expect(html).toContain('<span class="n">2</span> <span class="k">ticketed</span>');
    expect(html).toContain(
      `<span class="n">${report.totals.lambdaInvocations}</span> <span class="k">Lambda invocations</span>`,
    );
    expect(html).toContain(
      '<li class="card bad"><span class="n">2</span> <span class="k">failures recorded</span></li>',
    );
    expect(html).toContain(
      '<li><code>examples/findings/broken.json</code><pre>Unexpected token } in JSON at position 412</pre></li>',
    );
    expect(html.indexOf('Input problems (2)')).toBeLessThan(html.indexOf('id="findings"'));
  });

  it('shows the day after the findings: each reminder with its escalation CC, the undelivered, the statistics', () => {
    // Arrange
    const reminder = {
      findingId: 'arn:aws:securityhub:eu-west-1:111122223333:security-control/IAM.6/finding/1',
      accountId: '111122223333',
      severity: 'HIGH',
      to: ['payments@example.com'],
    };
    const report = {
      ...realisticReport(),
      day: {
        hours: 24,
        runs: [
          {
            at: '2026-12-01T13:00:00.000Z',
            openTickets: 2,
            reminders: [
              { ...reminder, ticketId: 'SOAR-1', cc: ['ciso@example.com'], escalated: true },
              { ...reminder, ticketId: '<img src=x onerror=alert(1)>', cc: [], escalated: false },
            ],
            skipped: [],
            failed: [{ cause: 'InvalidRecipientError: "payments team" is not a valid email address' }],
            metrics: [],
            metricLines: ['TotalTickets: Open=2, Overdue=2'],
          },
        ],
      },
    };

    // Act
    const html = renderHtml(report);

    // Assert
    expect(html).toContain('<h2 id="day-title">A day of SOAR (24 hours after');
    expect(html).toContain('2 overdue reminders sent, <strong>1 not delivered</strong>');
    expect(html).toMatch(/<td>13:00<\/td><td><code>SOAR-1<\/code><\/td>.*<td>ciso@example\.com<\/td><\/tr>/);
    expect(html).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(
      'not delivered: InvalidRecipientError: &quot;payments team&quot; is not a valid email address',
    );
    expect(html).toContain('<li><code>TotalTickets: Open=2, Overdue=2</code></li>');
  });

  it('has no day section without --hours', () => {
    expect(renderHtml(realisticReport())).not.toContain('id="day-title"');
  });

  it('gives each finding the same facts as the text output', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const html = renderHtml(report);

    // Assert
    const remediated = cardOf(html, 'finding-3');
    expect(remediated).toContain('<span class="sev sev-critical">CRITICAL</span> <code>EC2.19</code>');
    expect(remediated).toContain('<span class="tag">remediate</span> (rule <code>failed_control</code>)');
    expect(remediated).toContain('<span class="planned">planned</span>: Remove the inbound rule 0.0.0.0/0');
    expect(remediated).toContain('BatchUpdateFindings: workflow → NOTIFIED');
    expect(remediated).toContain('✉</span> to payments-team@example.com (cc security@example.com)');
    expect(remediated).toContain(
      '<li><span class="step">Route</span></li><li><span class="step">Remediate</span></li>',
    );
    expect(remediated).toContain('Security Hub sent SOAR&#39;s update back: NOTIFIED, no rule matches');
    const gates = cardOf(html, 'finding-7');
    expect(gates).toContain(
      '<li class="v-stop"><span class="verdict"><span aria-hidden="true">✖</span> stop</span> <code>remediation_enabled</code>',
    );
    expect(gates).toContain('<li class="v-not-reached">');
    const ticketed = cardOf(html, 'finding-4');
    expect(ticketed).toContain(
      '<dt>Ticket</dt><dd>SOAR-1042, opened · https://tickets.example.com/SOAR-1042</dd>',
    );
    expect(ticketed).toContain('<strong>Error:</strong> AccessDenied:');
    const failed = cardOf(html, 'finding-9');
    expect(failed).toMatch(/^<article class="finding r-\d+ o-\d+ has-failures"/);
    expect(failed).toContain('✖ Failed at step <code>ticket</code>: TicketSystemError');
    expect(failed).toContain('<span class="step fail">RecordFailure</span>');
    expect(cardOf(html, 'finding-12')).toContain('no rule matches: EventBridge delivers the event nowhere');
  });

  it('shows every email in a sandboxed frame, as sent, next to its plain text', () => {
    // Arrange
    const report = realisticReport();
    const messages = report.findings.flatMap((finding) => finding.messages);

    // Act
    const html = renderHtml(report);

    // Assert
    const frames = all(html, /<iframe ([^>]*)>/g);
    expect(frames).toHaveLength(messages.length);
    for (const frame of frames) expect(frame.startsWith('sandbox="" srcdoc="')).toBe(true);
    expect(all(html, /srcdoc="([^"]*)"/g).map(unescapeHtml)).toEqual(messages.map((message) => message.html));
    expect(html.match(/<details><summary>Plain-text version<\/summary><pre>/g)).toHaveLength(messages.length);
  });

  it('filters by route, outcome and failures with CSS alone', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const html = renderHtml(report);

    // Assert
    expect(html).toContain('<input type="radio" name="show" id="show-all" checked> all (12)');
    expect(html).toContain(
      'body:has(#show-r-0:checked) :is(.finding, .toc > li):not(.r-0) { display: none; }',
    );
    expect(html).toContain('body:has(#show-failures:checked)');
    expect(all(html, /<article class="finding (r-\d+) /g)).toContain('r-0');
  });

  it('escapes every hostile value, and puts the email HTML only, escaped, into srcdoc', () => {
    // Arrange
    const report = hostileReport();

    // Act
    const html = renderHtml(report);

    // Assert
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<b onmouseover/i);
    expect(html.replace(/&lt;img src=x onerror=alert\(\d\)&gt;/g, '')).not.toMatch(/onerror/);
    expect(html).toContain(escapeHtml(HOSTILE.title));
    expect(html).toContain(escapeHtml(HOSTILE.resource));
    expect(html).toContain(escapeHtml(HOSTILE.source));
    expect(html.match(/<iframe /g)).toHaveLength(1);
    expect(html.match(/<\/iframe>/g)).toHaveLength(1);
    expect(html.match(/<\/pre>/g)).toHaveLength(html.match(/<pre>/g)?.length ?? 0);
    const [srcdoc] = all(html, /srcdoc="([^"]*)"/g);
    expect(srcdoc).toBeDefined();
    expect(srcdoc).not.toMatch(/[<>"]/);
    expect(unescapeHtml(srcdoc ?? '')).toBe(HOSTILE.emailHtml);
    expect(html).toContain(`title="${escapeHtml(`Email: ${HOSTILE.subject}`)}"`);
    expect(html).toContain(REPORT_CSP.replace(/'/g, '&#39;'));
  });
});

describe('Function: writeHtmlReport', () => {
  it('creates the directory and writes index.html there', () => {
    // Arrange
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-report-'));
    const dir = path.join(root, 'nested', 'report');
    const report = realisticReport();

    try {
      // Act
      const file = writeHtmlReport(report, dir);

      // Assert
      expect(file).toBe(path.join(dir, 'index.html'));
      expect(fs.readFileSync(file, 'utf8')).toBe(renderHtml(report));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
