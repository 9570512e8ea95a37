import {
  HOSTILE,
  hostileReport,
  realisticFindings,
  realisticReport,
  reportOf,
} from '../tests/simulation-report.fixture';
import { renderText, terminalSafe } from './render-text';

// eslint-disable-next-line no-control-regex -- matching the ANSI codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** The block of the finding whose headline contains `marker`, up to the next blank line. */
function blockOf(text: string, marker: string): string {
  const blocks = text.split('\n\n');
  const block = blocks.find((candidate) => candidate.split('\n')[0]?.includes(marker));
  if (block === undefined) throw new Error(`No finding block with ${marker} in:\n${text}`);
  return block;
}

describe('Function: renderText', () => {
  it('starts with the mode, the accounts of the world and the clock', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    const header = text.split('\n').slice(0, 4).join('\n');
    expect(header).toContain('SOAR simulation · 12 findings · 2 input problems');
    expect(header).toContain('plan: remediations are planned from each finding, nothing is changed');
    expect(header).toMatch(/Accounts +2 in the world/);
    expect(header).toContain('2025-06-02T09:00:00.000Z, set by the world');
  });

  it('names the endpoint when remediations run against one', () => {
    // Arrange
    const report = reportOf(realisticFindings(), { mode: 'endpoint', endpointUrl: 'http://localhost:5000' });

    // Act
    const text = renderText(report, { color: false });

    // Assert
    expect(text).toContain('endpoint http://localhost:5000: remediations read and change resources there');
  });

  it('lists the input problems, with file and error, before the findings', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    const problems = text.indexOf('Input problems (2)');
    const firstFinding = text.indexOf('[1/12]');
    expect(problems).toBeGreaterThan(-1);
    expect(problems).toBeLessThan(firstFinding);
    expect(text).toContain(
      '✖ examples/findings/broken.json\n        Unexpected token } in JSON at position 412',
    );
    expect(text).toContain('✖ examples/findings/batch.json#3\n        Findings[3].AwsAccountId: Required');
  });

  it('heads each finding with index, severity, control, title, account and source file', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    const block = blockOf(text, 'EC2.19');
    expect(block.split('\n').slice(0, 2)).toEqual([
      '[3/12] CRITICAL · EC2.19 · Security groups should not allow unrestricted access to ports with high risk',
      '    account 111122223333 · examples/findings/ec2-19-open-ssh.json',
    ]);
    expect(blockOf(text, 'SSHBruteForce')).toContain('[10/12] HIGH · incident · ');
  });

  it('shows the route, rule and reason of every route', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    expect(blockOf(text, 'S3.8')).toMatch(/Route +do_nothing \(rule control_passed\)/);
    expect(blockOf(text, 'EC2.8')).toMatch(/Route +suppress \(rule failed_control\)/);
    expect(blockOf(text, 'EC2.19')).toMatch(/Route +remediate \(rule failed_control\) · penalty score 42\.5/);
    expect(blockOf(text, 'DynamoDB.2')).toMatch(
      /Route +ticket \(rule failed_control\) · penalty score 16\.9/,
    );
    expect(blockOf(text, 'S3.5')).toMatch(/Route +close_ticket \(rule resolved_with_ticket\)/);
    expect(blockOf(text, 'SSHBruteForce')).toMatch(/Route +incident \(rule incident\)/);
    expect(blockOf(text, 'Lambda.1')).toMatch(/Route +rejected\n +Reason +Resources: expected an array/);
    expect(blockOf(text, 'CVE-2024-6387')).toMatch(/Route +not_delivered/);
    expect(blockOf(text, 'DynamoDB.2')).toContain(
      'Reason        DynamoDB.2 is not set up for auto-remediation, so the team gets a ticket.',
    );
  });

  it('prints one line per gate, with a symbol and, unless it passed, the verdict in words', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const block = blockOf(renderText(report, { color: false }), 'DynamoDB.2');

    // Assert
    expect(block).toContain('Gates         ✔ new_account              The account is 412 days old');
    expect(block).toContain('✔ local_suppression        No local suppression rule matches this finding.');
    expect(block).toContain(
      '✖ remediation_enabled      stop: DynamoDB.2 is not in the remediable controls table.',
    );
    expect(block).toContain('· defer_team_fixes         not reached');
    expect(block.match(/^ +(Gates +)?[✔✖·!] /gm)).toHaveLength(8);
  });

  it('marks planned changes, and gives the reason and error of a remediation that was not done', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    const planned = blockOf(text, 'EC2.19');
    expect(planned).toContain('Remediation   remediated, planned from the finding: nothing was changed');
    expect(planned).toContain(
      'Changes       • planned: Remove the inbound rule 0.0.0.0/0 on port 22 (SSH) from sg-0a1b2c3d4e5f67890.',
    );
    expect(planned).toContain('• planned: Remove the inbound rule ::/0 on port 3389 (RDP)');
    const failed = blockOf(text, 'S3.2');
    expect(failed).toContain(
      'Remediation   not done: The bucket policy could not be changed, so the data team gets a ticket.',
    );
    expect(failed).toMatch(
      /error: AccessDenied: arn:aws:sts::111122223333:assumed-role\/SOARRemediation\/soar/,
    );
    expect(blockOf(text, 'EC2.2 ')).toContain('the resource is gone: The security group sg-0deadbeef0000000');
    expect(blockOf(text, 'KMS.4')).toContain('reconsider later: The key is pending deletion');
  });

  it('shows the ticket, the Security Hub updates and each email', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    const ticketed = blockOf(text, 'S3.2');
    expect(ticketed).toContain('Ticket        SOAR-1042, opened · https://tickets.example.com/SOAR-1042');
    expect(ticketed).toContain(
      'Security Hub  BatchUpdateFindings: workflow → NOTIFIED · TicketOpen=Yes, TicketId=SOAR-1042',
    );
    expect(ticketed).toContain('note: “SOAR opened ticket SOAR-1042 for the data team.”');
    expect(ticketed).toContain(
      'Emails        ✉ to data-team@example.com: [SOAR] Action needed: S3.2 on example-data-bucket (SOAR-1042)',
    );
    expect(blockOf(text, 'EC2.19')).toContain(
      '✉ to payments-team@example.com (cc security@example.com): [SOAR] Fixed automatically: EC2.19',
    );
    expect(blockOf(text, 'S3.5')).toContain("Ticket        SOAR-977 (from SOAR's ticket store)");
  });

  it('prints the email texts indented below their line only when verbose', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const quiet = renderText(report, { color: false });
    const verbose = renderText(report, { color: false, verbose: true });

    // Assert
    expect(quiet).not.toContain('Hello payments team,');
    expect(verbose).toMatch(/\n {22}Hello payments team,\n\n {22}SOAR removed public SSH and RDP access/);
    expect(verbose).toMatch(
      /Finding id +arn:aws:securityhub:eu-west-1:111122223333:security-control\/EC2\.19/,
    );
  });

  it('highlights the failures recorded, with step, error and cause', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    const failed = blockOf(text, 'EC2.6');
    expect(failed).toContain('Failures      ✖ FAILED at step ticket: TicketSystemError');
    expect(failed).toContain('  The ticket system answered 503 Service Unavailable three times.');
    expect(failed).toContain('FAILED: FindingNotHandled — SOAR could not handle this finding');
    expect(blockOf(text, 'Lambda.1')).toContain('✖ FAILED at step intake: InvalidFindingError');
  });

  it('shows the execution path with states entered and Lambda invocations, or why there is none', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    const remediated = blockOf(text, 'EC2.19');
    expect(remediated).toContain('Path          Route → Remediate → RemediationOutcome → NotifyFixed');
    expect(remediated).toContain('SUCCEEDED · 4 states entered · 3 Lambda invocations (intake + 2) · 31 ms');
    expect(blockOf(text, 'EC2.6')).toContain(
      'FAILED · 4 states entered · 5 Lambda invocations (intake + 4) · 2 retries',
    );
    expect(blockOf(text, 'S3.8')).toContain(
      'Path          intake only: nothing to do, so no execution was started',
    );
    expect(blockOf(text, 'CVE-2024-6387')).toContain(
      'no rule matches: EventBridge delivers the event nowhere',
    );
  });

  it("tells what became of the events SOAR's own updates made Security Hub send", () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    expect(blockOf(text, 'EC2.19')).toContain(
      "Follow-ups    Security Hub sent SOAR's update back: NOTIFIED, no rule matches",
    );
    expect(blockOf(text, 'S3.2')).toMatch(
      /Security Hub sent SOAR's update back: NOTIFIED \(TicketOpen=Yes\); matched FindingsImported,\s+intake: nothing to do — SOAR already told the team/,
    );
  });

  it('ends each finding with its outcome and ends the report with the totals', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false });

    // Assert
    expect(blockOf(text, 'EC2.19')).toContain(
      'Outcome       remediated — Remediated (planned): 2 changes; the payments team was told.',
    );
    const summary = text.slice(text.indexOf('Summary ·'));
    expect(summary).toContain('Summary · 12 findings · 2 failures recorded · 2 input problems');
    expect(summary).toMatch(/remediate +4 +remediated +1/);
    expect(summary).toMatch(/ticket +2 +ticketed +2/);
    expect(summary).toMatch(/not_delivered +1 +started +1/);
    expect(summary).toMatch(/^ +not_delivered +1$/m);
    expect(summary).toContain(
      `${report.totals.statesEntered} states entered · ${report.totals.lambdaInvocations} Lambda invocations · time taken 1.2 s`,
    );
  });

  it('uses ANSI colours only when asked, and says the same without them', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const plain = renderText(report, { color: false });
    const colored = renderText(report, { color: true, verbose: false });

    // Assert
    expect(plain).not.toContain('\u001b');
    expect(colored).toContain('\u001b[32m✔\u001b[39m new_account');
    expect(colored).toContain('\u001b[31m✖\u001b[39m remediation_enabled');
    expect(colored).toContain('\u001b[2m·\u001b[22m defer_team_fixes');
    expect(colored).toContain('\u001b[31m\u001b[1m✖ FAILED at step ticket: TicketSystemError');
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('keeps lines within 110 characters and never dumps JSON', () => {
    // Arrange
    const report = realisticReport();

    // Act
    const text = renderText(report, { color: false, verbose: true });

    // Assert
    const long = text.split('\n').filter((line) => line.length > 110 && !/\S{60,}/.test(line));
    expect(long).toEqual([]);
    expect(text).not.toMatch(/"\w+"\s*:/);
    expect(text).not.toMatch(/^\s*\{/m);
    expect(text).not.toMatch(/\[\s*[{"]/);
  });

  it('strips control and bidirectional characters of hostile values, so they cannot drive the terminal', () => {
    // Arrange
    const report = hostileReport();

    // Act
    const text = renderText(report, { color: false, verbose: true });

    // Assert
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain(terminalSafe(HOSTILE.title));
    expect(terminalSafe('a\u0007b\u009bc\u2066d\n\te')).toBe('abcd e');
  });
});
