import { DEFAULT_ACTIONS_REQUIRED } from '@soar/scratchpad';
import { aFixedControlFinding, aFixedGuardDutyFinding, aPad } from '../../tests/render-fixtures';
import {
  autoFixedMessage,
  closeReasonOf,
  genericMessage,
  incidentMessage,
  requiredActionFor,
  teamFixMessage,
  ticketClosedMessage,
} from './build-finding-messages';
import { MAX_RESOURCES, MessageSchema } from './message';

describe('Function: teamFixMessage', () => {
  it('carries the ticket, the actions, the remediation link and the observation times', () => {
    const pad = aPad(aFixedControlFinding());

    const message = teamFixMessage(pad, { ticketId: 'PAY-123' });

    expect(message).toMatchObject({
      kind: 'team_fix',
      severity: 'HIGH',
      controlId: 'EC2.2',
      ticketId: 'PAY-123',
      region: 'eu-west-1',
      actionsTaken: [],
      actionsRequired: [DEFAULT_ACTIONS_REQUIRED],
      remediation: { url: 'https://docs.aws.amazon.com/console/securityhub/EC2.2/remediation' },
      firstObservedAt: '2026-11-18T09:00:00.000Z',
      lastObservedAt: '2026-11-20T10:15:30.123Z',
      account: { id: '111122223333', name: 'payments-prod', organizationalUnit: 'Workloads' },
    });
    expect(message.facts).toContainEqual({ label: 'First seen', value: '2026-11-18 09:00 UTC' });
    expect(MessageSchema.safeParse(message).success).toBe(true);
  });

  it('never crashes on missing optional fields and leaves them out', () => {
    const {
      FirstObservedAt: _first,
      LastObservedAt: _last,
      Remediation: _remediation,
      Region: _region,
      ...finding
    } = aFixedControlFinding();
    const [resource] = finding.Resources;
    const pad = aPad(
      { ...finding, ProductArn: 'not-an-arn', Resources: [{ Type: resource?.Type ?? 'x', Id: 'sg-1' }] },
      {},
      null,
    );

    const message = teamFixMessage(pad);

    expect(message.firstObservedAt).toBeUndefined();
    expect(message.remediation).toBeUndefined();
    expect(message.region).toBeUndefined();
    expect(message.ticketId).toBeUndefined();
    expect(message.account).toEqual({ id: '111122223333' });
    expect(message.facts.map((fact) => fact.label)).not.toContain('First seen');
  });

  it('drops a remediation URL that is not https', () => {
    const pad = aPad(
      aFixedControlFinding({ Remediation: { Recommendation: { Url: 'javascript:alert(1)' } } }),
    );

    expect(teamFixMessage(pad).remediation).toBeUndefined();
  });

  it(`lists at most ${MAX_RESOURCES} resources and counts the rest`, () => {
    const resources = Array.from({ length: 12 }, (_, index) => ({
      Type: 'AwsS3Bucket',
      Id: `arn:aws:s3:::b${index}`,
    }));
    const pad = aPad(aFixedControlFinding({ Resources: resources }));

    const message = teamFixMessage(pad);

    expect(message.resources).toHaveLength(MAX_RESOURCES);
    expect(message.resourceCount).toBe(12);
  });

  it('derives the label from the normalized severity when the label is missing', () => {
    const pad = aPad(aFixedControlFinding({ Severity: { Normalized: 92 } }));

    expect(teamFixMessage(pad).severity).toBe('CRITICAL');
  });

  it('keeps the AI analysis and appends the Security Hub annotation to the description', () => {
    const finding = aFixedControlFinding({
      ProductFields: { 'aws/securityhub/annotation': 'Checked by the security team.' },
    });
    const pad = aPad(finding, { ai: { plaintext: 'Remove the rules.', html: '<p>Remove the rules.</p>' } });

    const message = teamFixMessage(pad);

    expect(message.ai).toEqual({ plaintext: 'Remove the rules.', html: '<p>Remove the rules.</p>' });
    expect(message.description).toMatch(/\n\nNote from Security Hub: Checked by the security team\.$/);
  });
});

describe('Function: autoFixedMessage', () => {
  it('splits what SOAR did into lines', () => {
    const pad = aPad(aFixedControlFinding(), {
      actions_taken: 'Removed the inbound rules.\nRemoved the outbound rules.',
    });

    const message = autoFixedMessage(pad);

    expect(message.actionsTaken).toEqual(['Removed the inbound rules.', 'Removed the outbound rules.']);
    expect(message.kind).toBe('auto_fixed');
  });
});

describe('Function: closeReasonOf', () => {
  it('takes the first reason with a description, with its code', () => {
    const finding = aFixedControlFinding({
      Compliance: {
        Status: 'PASSED',
        StatusReasons: [
          { ReasonCode: 'A' },
          { ReasonCode: 'B', Description: 'Fixed.' },
          { ReasonCode: 'C', Description: 'Other.' },
        ],
      },
    });

    expect(closeReasonOf(finding)).toEqual({ description: 'Fixed.', code: 'B' });
  });

  it('falls back to the first code, then to nothing', () => {
    expect(
      closeReasonOf(aFixedControlFinding({ Compliance: { StatusReasons: [{ ReasonCode: 'A' }] } })),
    ).toEqual({
      code: 'A',
    });
    expect(closeReasonOf(aFixedControlFinding({ Compliance: undefined }))).toEqual({});
  });
});

describe('Function: ticketClosedMessage', () => {
  it('carries the ticket id, the reason and the statuses', () => {
    const finding = aFixedControlFinding({
      Compliance: { Status: 'PASSED', StatusReasons: [{ ReasonCode: 'X', Description: 'Gone.' }] },
      Workflow: { Status: 'RESOLVED' },
    });

    const message = ticketClosedMessage(aPad(finding), { ticketId: 'PAY-9' });

    expect(message).toMatchObject({
      kind: 'ticket_closed',
      ticketId: 'PAY-9',
      reason: { description: 'Gone.', code: 'X' },
      workflowStatus: 'RESOLVED',
      complianceStatus: 'PASSED',
    });
  });
});

describe('Function: requiredActionFor', () => {
  it.each([
    ['INFORMATIONAL', 'ec2', { level: 'none' }],
    ['LOW', 's3', { level: 'optional' }],
    ['MEDIUM', 'eks', { level: 'investigate' }],
    ['CRITICAL', 'iam_user', { level: 'investigate' }],
    ['HIGH', 'generic', { level: 'recommendation', text: 'Patch it.' }],
    ['LOW', 'generic', { level: 'recommendation', text: 'Patch it.' }],
    ['INFORMATIONAL', 'generic', { level: 'none' }],
  ] as const)('%s %s incidents ask for %j', (severity, kind, expected) => {
    expect(requiredActionFor(severity, kind, { text: 'Patch it.' })).toEqual(expected);
  });

  it('uses the severity rule for generic incidents without advice', () => {
    expect(requiredActionFor('LOW', 'generic', undefined)).toEqual({ level: 'optional' });
  });
});

describe('Function: incidentMessage', () => {
  it('takes the actions the caller passes, else the scratchpad ones', () => {
    const pad = aPad(aFixedGuardDutyFinding('UnauthorizedAccess:EC2/SSHBruteForce', 'HIGH'), {
      actions_taken: 'Terminated the instance.',
    });

    expect(incidentMessage(pad, { incidentKind: 'ec2' }).actionsTaken).toEqual(['Terminated the instance.']);
    expect(incidentMessage(pad, { incidentKind: 'ec2', actionsTaken: [] }).actionsTaken).toEqual([]);
  });

  it('names the product, the type and the creation time', () => {
    const pad = aPad(aFixedGuardDutyFinding('UnauthorizedAccess:EC2/SSHBruteForce', 'MEDIUM'));

    const message = incidentMessage(pad, { incidentKind: 'ec2' });

    expect(message).toMatchObject({
      productName: 'GuardDuty',
      findingType: 'TTPs/Initial Access/UnauthorizedAccess:EC2/SSHBruteForce',
      createdAt: '2026-11-20T10:15:30.123Z',
      requiredAction: { level: 'investigate' },
      actionsTaken: [],
    });
    expect(message.controlId).toBeUndefined();
  });

  it('names the alarm of an alarm finding, not the "Default" product it is imported under', () => {
    const finding = aFixedGuardDutyFinding('UnauthorizedAccess:EC2/SSHBruteForce', 'HIGH');
    const alarm = {
      ...finding,
      ProductName: 'Default',
      ProductFields: {
        'aws/securityhub/ProductName': 'Default',
        'soar/alarm/name': 'INFRA-Orders-SM-Failure-HIGH',
      },
    };

    const message = incidentMessage(aPad(alarm), { incidentKind: 'generic' });

    expect(message.productName).toBe('CloudWatch alarm INFRA-Orders-SM-Failure-HIGH');
    expect(message.facts).toContainEqual(
      expect.objectContaining({
        label: 'Detected by',
        value: 'CloudWatch alarm INFRA-Orders-SM-Failure-HIGH',
      }),
    );
  });
});

describe('Function: genericMessage', () => {
  it('keeps the summary', () => {
    expect(genericMessage(aPad(aFixedControlFinding()), { summary: 'Moved to your account.' }).summary).toBe(
      'Moved to your account.',
    );
  });
});
