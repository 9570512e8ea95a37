// Deterministic messages for the renderer tests, snapshots and the sample script: fixed ids and
// timestamps everywhere (the @soar/testing builders' auto-increment ids are always overridden).
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { type AccountInput, createScratchpad, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding, TEST_ACCOUNT_ID, TEST_REGION } from '@soar/testing';
import {
  autoFixedMessage,
  genericMessage,
  incidentMessage,
  teamFixMessage,
  ticketClosedMessage,
} from '../src/model/build-finding-messages';
import { type IncidentKind, type Message } from '../src/model/message';
import { overdueReminderMessage, type OverdueTicketInput } from '../src/model/build-overdue-reminder';
import type { RenderOptions } from '../src/render/options';
import { renderAiHtml } from '../src/ai-html';

export const RENDER_OPTIONS: RenderOptions = {
  productName: 'OpenSecOps SOAR',
  consoleBaseUrl: 'https://console.aws.amazon.com',
  aiHtml: renderAiHtml,
};

export const ACCOUNT: AccountInput = {
  Id: TEST_ACCOUNT_ID,
  Name: 'payments-prod',
  Email: 'aws+payments-prod@example.com',
  TeamEmail: 'payments-team@example.com',
  TeamEmailApp: 'payments-devs@example.com',
  OrganizationalUnit: 'Workloads',
  OrganizationalUnitPath: ['Root', 'Workloads'],
  Team: 'payments',
  Environment: 'production',
  ProjectId: 'PAY',
  ProjectIdApp: 'PAYAPP',
  Tags: { 'soar:team': 'payments', 'soar:environment': 'production' },
  JoinedAt: '2023-04-01T09:30:00.000Z',
};

const SECURITY_GROUP_ARN = `arn:aws:ec2:${TEST_REGION}:${TEST_ACCOUNT_ID}:security-group/sg-0a1b2c3d4e5f60718`;

/** A failing EC2.2 control finding with fixed ids. */
export function aFixedControlFinding(overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  const base = aControlFinding({
    controlId: 'EC2.2',
    severity: 'HIGH',
    resource: {
      Type: 'AwsEc2SecurityGroup',
      Id: SECURITY_GROUP_ARN,
      Partition: 'aws',
      Region: TEST_REGION,
      Tags: { Name: 'default', team: 'payments' },
      Details: { AwsEc2SecurityGroup: { GroupName: 'default', GroupId: 'sg-0a1b2c3d4e5f60718' } },
    },
  });
  return {
    ...base,
    Id: `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT_ID}:security-control/EC2.2/finding/0f4c1b2a-1b2c-4d3e-8f90-a1b2c3d4e5f6`,
    Title: 'VPC default security groups should not allow inbound or outbound traffic',
    Description:
      'This control checks whether the default security group of a VPC allows inbound or outbound traffic. The control fails if the security group allows inbound or outbound traffic.',
    FirstObservedAt: '2026-11-18T09:00:00.000Z',
    LastObservedAt: '2026-11-20T10:15:30.123Z',
    ...overrides,
  };
}

/** A GuardDuty finding of one type with fixed ids. */
export function aFixedGuardDutyFinding(
  type: string,
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL',
  overrides: Partial<AwsSecurityFinding> = {},
): AwsSecurityFinding {
  return {
    ...aGuardDutyFinding({ type, severity }),
    Id: `arn:aws:guardduty:${TEST_REGION}:${TEST_ACCOUNT_ID}:detector/a2b3c4d5e6f70819a2b3c4d5e6f70819/finding/c8c5000000ffe1f2a3b4c5d6e7f8a9b0`,
    ...overrides,
  };
}

/** A scratchpad with account data (none when `account` is null), and messages fields overridden. */
export function aPad(
  finding: AwsSecurityFinding,
  messages: Partial<Scratchpad['messages']> = {},
  account: AccountInput | null = ACCOUNT,
): Scratchpad {
  const pad = createScratchpad(finding, account === null ? {} : { account });
  return { ...pad, messages: { ...pad.messages, ...messages } };
}

const AI = {
  plaintext:
    'The default security group of vpc-0123456789abcdef0 allows all inbound traffic from itself and all outbound traffic.\n\nRemove every rule from the default group and attach purpose-built groups to your resources instead.',
  html: '<h3>Why it matters</h3><p>The default security group of <code>vpc-0123456789abcdef0</code> allows <strong>all</strong> inbound traffic from itself and all outbound traffic.</p><h3>How to fix it</h3><ol><li>Remove every rule from the default group.</li><li>Attach purpose-built groups to your resources instead.</li></ol><p>See the <a href="https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html">VPC user guide</a>.</p>',
};

export function teamFixSample(): Message {
  return teamFixMessage(aPad(aFixedControlFinding(), { ai: AI }), { ticketId: 'PAY-123' });
}

export function autoFixedSample(): Message {
  const finding = aFixedControlFinding({
    Id: `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT_ID}:security-control/S3.8/finding/7a1b2c3d-1b2c-4d3e-8f90-a1b2c3d4e5f6`,
    GeneratorId: 'security-control/S3.8',
    Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
    Title: 'S3 general purpose buckets should block public access',
    Description:
      'This control checks whether an S3 general purpose bucket blocks public access at the bucket level.',
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
        Url: 'https://docs.aws.amazon.com/console/securityhub/S3.8/remediation',
      },
    },
    Resources: [
      {
        Type: 'AwsS3Bucket',
        Id: 'arn:aws:s3:::example-payments-exports-111122223333-eu-west-1-a-very-long-bucket-name',
        Partition: 'aws',
        Region: TEST_REGION,
      },
    ],
  });
  return autoFixedMessage(
    aPad(finding, {
      actions_taken: 'Turned on all four Block Public Access settings for the bucket.',
      actions_required:
        'Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true in the code that manages this bucket, so the next deploy does not undo the fix.',
    }),
  );
}

export function ticketClosedSample(): Message {
  const finding = aFixedControlFinding({
    Compliance: {
      Status: 'PASSED',
      SecurityControlId: 'EC2.2',
      StatusReasons: [
        {
          ReasonCode: 'CONFIG_EVALUATIONS_EMPTY',
          Description: 'AWS Config evaluated the resource and found no rules in the default security group.',
        },
      ],
    },
    Workflow: { Status: 'RESOLVED' },
  });
  return ticketClosedMessage(aPad(finding), { ticketId: 'PAY-123' });
}

export const OVERDUE_RECORD: OverdueTicketInput = {
  ticketId: 'PAY-123',
  findingId: `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT_ID}:security-control/EC2.2/finding/0f4c1b2a-1b2c-4d3e-8f90-a1b2c3d4e5f6`,
  accountId: TEST_ACCOUNT_ID,
  accountName: 'payments-prod',
  controlId: 'EC2.2',
  title: 'VPC default security groups should not allow inbound or outbound traffic',
  severity: 'HIGH',
  openedAt: '2026-11-18T09:00:00.000Z',
  ageSeconds: 2 * 86_400 + 3 * 3_600,
  overdueBySeconds: 2 * 86_400 + 3 * 3_600 - 8 * 3_600,
  environment: 'production',
  team: 'payments',
  escalate: true,
};

export function overdueSample(): Message {
  return overdueReminderMessage(OVERDUE_RECORD);
}

const INCIDENT_FINDINGS: Readonly<Record<Exclude<IncidentKind, 'generic'>, () => AwsSecurityFinding>> = {
  ec2: () =>
    aFixedGuardDutyFinding('CryptoCurrency:EC2/BitcoinTool.B!DNS', 'HIGH', {
      Title: 'EC2 instance i-0abc1234def567890 is querying a domain name associated with Bitcoin activity',
      Description:
        'EC2 instance i-0abc1234def567890 is querying a domain name that is associated with Bitcoin-related activity.',
    }),
  eks: () =>
    aFixedGuardDutyFinding('PrivilegeEscalation:Kubernetes/PrivilegedContainer', 'MEDIUM', {
      Title: 'Privileged container with root level access launched on EKS cluster payments-eks',
      Description: 'A privileged container with root level access was launched on EKS cluster payments-eks.',
      Resources: [
        {
          Type: 'AwsEksCluster',
          Id: `arn:aws:eks:${TEST_REGION}:${TEST_ACCOUNT_ID}:cluster/payments-eks`,
          Partition: 'aws',
          Region: TEST_REGION,
        },
      ],
    }),
  iam_user: () =>
    aFixedGuardDutyFinding('UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B', 'LOW', {
      Title: 'Unusual console login by IAM user deploy-bot',
      Description: 'IAM user deploy-bot signed in to the AWS Management Console from an unusual location.',
      Resources: [
        {
          Type: 'AwsIamAccessKey',
          Id: 'AKIAIOSFODNN7EXAMPLE',
          Partition: 'aws',
          Region: TEST_REGION,
        },
      ],
    }),
  s3: () =>
    aFixedGuardDutyFinding('Exfiltration:S3/AnomalousBehavior', 'CRITICAL', {
      Title: 'Anomalous GetObject calls on S3 bucket example-payments-exports',
      Description:
        'An IAM entity made an unusual number of GetObject calls on bucket example-payments-exports.',
      Resources: [
        {
          Type: 'AwsS3Bucket',
          Id: 'arn:aws:s3:::example-payments-exports',
          Partition: 'aws',
          Region: TEST_REGION,
        },
      ],
    }),
};

const ACTIONS_BY_KIND: Readonly<Record<IncidentKind, readonly string[]>> = {
  ec2: [
    'Took a snapshot of every volume of instance i-0abc1234def567890.',
    'Terminated instance i-0abc1234def567890.',
  ],
  eks: [],
  iam_user: [],
  s3: [],
  generic: [],
};

function genericIncidentFinding(): AwsSecurityFinding {
  const { Compliance: _compliance, ...base } = aFixedControlFinding();
  return {
    ...base,
    Id: `arn:aws:inspector2:${TEST_REGION}:${TEST_ACCOUNT_ID}:finding/3e2d1c0b0a09f8e7d6c5b4a392817060`,
    ProductArn: `arn:aws:securityhub:${TEST_REGION}::product/aws/inspector`,
    ProductName: 'Inspector',
    GeneratorId: 'AWSInspector',
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    Severity: { Label: 'MEDIUM', Normalized: 40 },
    Title: 'CVE-2026-12345 - openssl',
    Description: 'A flaw in openssl allows a remote attacker to cause a denial of service.',
    CreatedAt: '2026-11-20T08:00:00.000Z',
    Remediation: {
      Recommendation: {
        Text: 'Upgrade openssl to 3.0.16 or later.',
        Url: 'https://docs.aws.amazon.com/inspector/latest/user/findings-understanding.html',
      },
    },
    ProductFields: { 'aws/securityhub/ProductName': 'Inspector', 'aws/securityhub/CompanyName': 'Amazon' },
  };
}

export function incidentSample(incidentKind: IncidentKind): Message {
  const finding = incidentKind === 'generic' ? genericIncidentFinding() : INCIDENT_FINDINGS[incidentKind]();
  return incidentMessage(aPad(finding), {
    incidentKind,
    actionsTaken: ACTIONS_BY_KIND[incidentKind],
    ...(incidentKind === 'ec2' ? { ticketId: 'SOC-42' } : {}),
  });
}

export function genericSample(): Message {
  return genericMessage(aPad(aFixedControlFinding()), {
    summary: 'This finding was moved to your account because the resource belongs to it.',
  });
}

/** One sample per message kind (and per incident kind), keyed by a file-name-friendly name. */
export function sampleMessages(): Readonly<Record<string, Message>> {
  return {
    'team-fix': teamFixSample(),
    'auto-fixed': autoFixedSample(),
    'ticket-closed': ticketClosedSample(),
    'overdue-reminder': overdueSample(),
    'incident-ec2': incidentSample('ec2'),
    'incident-eks': incidentSample('eks'),
    'incident-iam-user': incidentSample('iam_user'),
    'incident-s3': incidentSample('s3'),
    'incident-generic': incidentSample('generic'),
    generic: genericSample(),
  };
}

/** Payloads an attacker who controls finding fields (custom findings, resource names, tags) might try. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  singleQuote: "' onmouseover='alert(1)",
  javascriptUrl: 'javascript:alert(1)',
  slackMention: '<!channel> <@U123> <https://evil.example|click>',
  markdownLink: '[click](https://evil.example)',
  crlf: 'Injected\r\nBcc: victim@example.com\r\n\r\n',
} as const;

const ALL_HOSTILE = Object.values(HOSTILE).join(' ');

/** AI output trying script, iframe, event handler and javascript: link injection. */
export const HOSTILE_AI_HTML =
  '<p onclick="alert(1)">Fine text</p><script>alert(1)</script><iframe src="https://evil.example"></iframe>' +
  '<a href="javascript:alert(1)">js link</a><a href="https://evil.example/phish">untrusted link</a>' +
  '<img src=x onerror=alert(1)><a href="https://docs.aws.amazon.com/guide">trusted link</a>';

/** A finding whose every free-text field carries {@link HOSTILE} payloads. */
export function aHostileFinding(): AwsSecurityFinding {
  return aFixedControlFinding({
    Title: `${HOSTILE.crlf}${HOSTILE.script} ${HOSTILE.markdownLink} ${HOSTILE.slackMention}`,
    Description: `${ALL_HOSTILE}\n\n<a href="${HOSTILE.javascriptUrl}">fix</a> **bold** _it_`,
    Remediation: { Recommendation: { Text: ALL_HOSTILE, Url: HOSTILE.javascriptUrl } },
    Resources: [
      {
        Type: `AwsEc2Instance${HOSTILE.attribute}`,
        Id: `arn:aws:ec2:eu-west-1:111122223333:instance/${HOSTILE.attribute}${HOSTILE.singleQuote}`,
        Partition: 'aws',
        Region: `eu-west-1${HOSTILE.script}`,
        Tags: { [HOSTILE.script]: HOSTILE.attribute, Name: `${HOSTILE.singleQuote} ${HOSTILE.markdownLink}` },
      },
    ],
    ProductFields: {
      [HOSTILE.attribute]: HOSTILE.script,
      'aws/securityhub/annotation': `${HOSTILE.slackMention} ${HOSTILE.markdownLink}`,
      link: HOSTILE.javascriptUrl,
    },
  });
}

/** Account metadata whose name and tags carry hostile payloads. */
export const HOSTILE_ACCOUNT: AccountInput = {
  ...ACCOUNT,
  Name: `${HOSTILE.script}${HOSTILE.singleQuote}`,
  Team: HOSTILE.markdownLink,
  Environment: HOSTILE.slackMention,
  Tags: { [HOSTILE.attribute]: HOSTILE.script },
};

/** Every kind of message built from the hostile finding and account, with hostile AI output. */
export function hostileMessages(): Readonly<Record<string, Message>> {
  const pad = aPad(
    aHostileFinding(),
    {
      actions_taken: ALL_HOSTILE,
      actions_required: ALL_HOSTILE,
      ai: { plaintext: ALL_HOSTILE, html: HOSTILE_AI_HTML },
    },
    HOSTILE_ACCOUNT,
  );
  return {
    team_fix: teamFixMessage(pad, { ticketId: HOSTILE.script }),
    auto_fixed: autoFixedMessage(pad, { ticketId: HOSTILE.markdownLink }),
    ticket_closed: ticketClosedMessage(
      {
        ...pad,
        finding: {
          ...pad.finding,
          Compliance: { StatusReasons: [{ ReasonCode: HOSTILE.attribute, Description: ALL_HOSTILE }] },
        },
      },
      { ticketId: HOSTILE.slackMention },
    ),
    overdue_reminder: overdueReminderMessage({
      ...OVERDUE_RECORD,
      ticketId: HOSTILE.attribute,
      title: `${HOSTILE.crlf}${HOSTILE.script}`,
      controlId: HOSTILE.markdownLink,
      accountName: HOSTILE.slackMention,
      team: HOSTILE.singleQuote,
    }),
    incident_ec2: incidentMessage(pad, {
      incidentKind: 'ec2',
      actionsTaken: [ALL_HOSTILE],
      context: { title: ALL_HOSTILE, text: `${ALL_HOSTILE}\n  - ${HOSTILE.script}\n\n${ALL_HOSTILE}` },
    }),
    incident_generic: incidentMessage(pad, { incidentKind: 'generic' }),
    generic: genericMessage(pad, { summary: ALL_HOSTILE }),
  };
}
