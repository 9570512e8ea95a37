// A realistic `SimulationReport` for the renderer tests (src/cli/render-*.spec.ts): one finding per
// route and outcome `soar simulate` can produce, an input problem, a recorded failure, follow-ups.
import { GATES, type Decision, type GateName, type GateVerdict } from '@soar/triage';
import { type LocalSecurityHubChange } from '@soar/security-hub';
import type { IntakeResult } from '@soar/workflow';
import type { OutboxMessage, SimulatedExecution, SimulatedFinding, SimulationReport } from '@soar/simulation';

const NOW = '2025-06-02T09:00:00.000Z';
const TEAM = '111122223333';
const SANDBOX = '444455556666';

const GATE_PASS: Readonly<Record<GateName, string>> = {
  new_account: 'The account is 412 days old, older than the 30-day minimum.',
  control_enabled: 'The control is enabled for this account.',
  local_suppression: 'No local suppression rule matches this finding.',
  organization_member: 'The account is a member of the organization.',
  remediation_enabled: 'The control is in the remediable controls table.',
  remediation_exclusion: 'No remediation exclusion matches the account or the resource.',
  defer_auto_remediations: 'Auto-remediations are not deferred for this account.',
  defer_team_fixes: 'Team fixes are not deferred.',
};

/** Every gate passes up to `stopAt`, which stops with `detail`; the later ones are not reached. */
export function gates(stopAt?: GateName, detail = '', verdict: 'stop' | 'error' = 'stop'): GateVerdict[] {
  const stop = stopAt === undefined ? GATES.length : GATES.indexOf(stopAt);
  return GATES.map((gate, index): GateVerdict => {
    if (index < stop) return { gate, verdict: 'pass', detail: GATE_PASS[gate] };
    if (index === stop) return { gate, verdict, detail };
    return { gate, verdict: 'not_reached', detail: '' };
  });
}

function arn(account: string, id: string): string {
  return `arn:aws:securityhub:eu-west-1:${account}:security-control/${id}/finding/${id.toLowerCase()}-0001`;
}

function started(findingId: string, decision: Decision): IntakeResult[] {
  if (decision.route === 'do_nothing') return [{ status: 'done', findingId, route: 'do_nothing', decision }];
  if (decision.route === 'incident')
    return [{ status: 'left_for_incidents', findingId, route: 'incident', decision }];
  return [
    {
      status: 'started',
      findingId,
      route: decision.route,
      decision,
      executionName: `finding-${findingId.length}`,
      executionArn: `arn:aws:states:eu-west-1:999988887777:execution:FindingProcessor:finding-${findingId.length}`,
    },
  ];
}

function execution(
  states: string[],
  lambdaInvocations: number,
  extra: Partial<SimulatedExecution> = {},
): SimulatedExecution {
  return {
    name: `finding-${states.join('-').toLowerCase()}`,
    status: 'SUCCEEDED' as const,
    states,
    statesEntered: states.length,
    transitions: states.length,
    lambdaInvocations,
    retries: 0,
    durationMs: 12,
    ...extra,
  };
}

let sequence = 0;
export function update(
  findingId: string,
  changes: LocalSecurityHubChange['changes'],
  accountId = TEAM,
): LocalSecurityHubChange {
  sequence += 1;
  return {
    sequence,
    at: NOW,
    operation: 'BatchUpdateFindings',
    findingId,
    productArn: 'arn:aws:securityhub:eu-west-1::product/aws/securityhub',
    accountId,
    region: 'eu-west-1',
    changes,
  };
}

export function email(to: string[], subject: string, text: string, cc: string[] = []): OutboxMessage {
  const paragraphs = text
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('');
  return {
    channel: 'email',
    to,
    cc,
    subject,
    text,
    html: `<!doctype html><html><head><meta charset="utf-8"><style>p { font-family: sans-serif; }</style></head><body><h1 style="color:#1f2328">SOAR</h1>${paragraphs}</body></html>`,
  };
}

interface Base {
  readonly id: string;
  readonly title: string;
  readonly controlId?: string;
  readonly severity: string;
  readonly accountId?: string;
  readonly source: string;
}

function finding(
  base: Base,
  rest: Partial<SimulatedFinding> & Pick<SimulatedFinding, 'summary'>,
): SimulatedFinding {
  const findingId = arn(base.accountId ?? TEAM, base.id);
  const { decision } = rest;
  return {
    source: base.source,
    findingId,
    title: base.title,
    ...(base.controlId === undefined ? {} : { controlId: base.controlId }),
    accountId: base.accountId ?? TEAM,
    severity: base.severity,
    rules: ['FindingsImported'],
    intake: decision === undefined ? [] : started(findingId, decision),
    securityHub: [],
    messages: [],
    failures: [],
    followUps: [],
    ...rest,
  };
}

const remediateDecision = (control: string, penaltyScore: number): Decision => ({
  route: 'remediate',
  rule: 'failed_control',
  reason: `${control} failed and is set up for auto-remediation; every gate let it through, so SOAR fixes it.`,
  gates: gates(),
  penaltyScore,
});

/** One finding per route and outcome, in the order `soar simulate` would list them. */
export function realisticFindings(): SimulatedFinding[] {
  sequence = 0;
  const ec219 = arn(TEAM, 'EC2.19');
  const s32 = arn(TEAM, 'S3.2');
  return [
    finding(
      {
        id: 'S3.8',
        controlId: 'S3.8',
        severity: 'HIGH',
        title: 'S3 general purpose buckets should block public access',
        source: 'examples/findings/s3-8-passed.json',
      },
      {
        decision: {
          route: 'do_nothing',
          rule: 'control_passed',
          reason: 'The control passed: there is nothing to fix.',
          gates: [],
        },
        summary: 'Nothing to do: The control passed: there is nothing to fix.',
      },
    ),
    finding(
      {
        id: 'EC2.8',
        controlId: 'EC2.8',
        severity: 'MEDIUM',
        accountId: SANDBOX,
        title: 'EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)',
        source: 'examples/findings/ec2-8-sandbox.json',
      },
      {
        decision: {
          route: 'suppress',
          rule: 'failed_control',
          reason: 'A local suppression rule matches, so SOAR suppresses the finding in Security Hub.',
          gates: gates(
            'local_suppression',
            'The local suppression rule "sandbox accounts" matches account 444455556666.',
          ),
        },
        execution: execution(['Route', 'Suppress'], 1),
        result: {
          outcome: 'suppressed',
          summary: 'Suppressed in Security Hub: the rule "sandbox accounts" matches.',
        },
        summary: 'Suppressed in Security Hub: the rule "sandbox accounts" matches.',
        securityHub: [
          update(
            arn(SANDBOX, 'EC2.8'),
            {
              workflowStatus: 'SUPPRESSED',
              note: {
                text: 'Suppressed by SOAR: the local suppression rule "sandbox accounts" matches.',
                updatedBy: 'SOAR',
              },
            },
            SANDBOX,
          ),
        ],
        followUps: [{ workflowStatus: 'SUPPRESSED', rules: [], intake: [] }],
      },
    ),
    finding(
      {
        id: 'EC2.19',
        controlId: 'EC2.19',
        severity: 'CRITICAL',
        title: 'Security groups should not allow unrestricted access to ports with high risk',
        source: 'examples/findings/ec2-19-open-ssh.json',
      },
      {
        decision: remediateDecision('EC2.19', 42.5),
        execution: execution(['Route', 'Remediate', 'RemediationOutcome', 'NotifyFixed'], 2, {
          durationMs: 31,
        }),
        remediation: {
          kind: 'remediated',
          controlId: 'EC2.19',
          changes: [
            'Remove the inbound rule 0.0.0.0/0 on port 22 (SSH) from sg-0a1b2c3d4e5f67890.',
            'Remove the inbound rule ::/0 on port 3389 (RDP) from sg-0a1b2c3d4e5f67890.',
          ],
          beforeImages: [],
          simulated: true,
        },
        result: {
          outcome: 'remediated',
          summary: 'Remediated (planned): 2 changes; the payments team was told.',
        },
        summary: 'Remediated (planned): 2 changes; the payments team was told.',
        securityHub: [
          update(ec219, {
            workflowStatus: 'NOTIFIED',
            note: {
              text: 'SOAR fixed this finding automatically and told the payments team.',
              updatedBy: 'SOAR',
            },
          }),
        ],
        messages: [
          email(
            ['payments-team@example.com'],
            '[SOAR] Fixed automatically: EC2.19 on sg-0a1b2c3d4e5f67890',
            'Hello payments team,\n\nSOAR removed public SSH and RDP access from sg-0a1b2c3d4e5f67890.\n\nNo action is needed.',
            ['security@example.com'],
          ),
        ],
        followUps: [{ workflowStatus: 'NOTIFIED', rules: [], intake: [] }],
      },
    ),
    finding(
      {
        id: 'S3.2',
        controlId: 'S3.2',
        severity: 'HIGH',
        title: 'S3 general purpose buckets should block public read access',
        source: 'examples/findings/s3-2-public-read.json',
      },
      {
        decision: remediateDecision('S3.2', 30),
        execution: execution(['Route', 'Remediate', 'RemediationOutcome', 'TicketTeam'], 2),
        remediation: {
          kind: 'not_done',
          controlId: 'S3.2',
          reason: 'The bucket policy could not be changed, so the data team gets a ticket.',
          error:
            'AccessDenied: arn:aws:sts::111122223333:assumed-role/SOARRemediation/soar is not authorized to perform s3:PutBucketPolicy',
          changes: [],
          beforeImages: [],
          simulated: false,
        },
        ticket: { ticketId: 'SOAR-1042', status: 'opened', url: 'https://tickets.example.com/SOAR-1042' },
        result: {
          outcome: 'ticketed',
          summary: 'Ticket SOAR-1042 opened for the data team: the remediation failed.',
        },
        summary: 'Ticket SOAR-1042 opened for the data team: the remediation failed.',
        securityHub: [
          update(s32, {
            workflowStatus: 'NOTIFIED',
            userDefinedFields: { TicketOpen: 'Yes', TicketId: 'SOAR-1042' },
            note: { text: 'SOAR opened ticket SOAR-1042 for the data team.', updatedBy: 'SOAR' },
          }),
        ],
        messages: [
          email(
            ['data-team@example.com'],
            '[SOAR] Action needed: S3.2 on example-data-bucket (SOAR-1042)',
            'Hello data team,\n\nSOAR could not block public read access on example-data-bucket.\n\nPlease fix it.',
          ),
        ],
        followUps: [
          {
            workflowStatus: 'NOTIFIED',
            ticketOpen: 'Yes',
            rules: ['FindingsImported'],
            intake: [
              {
                status: 'done',
                findingId: s32,
                route: 'do_nothing',
                decision: {
                  route: 'do_nothing',
                  rule: 'already_notified',
                  reason: 'SOAR already told the team (ticket SOAR-1042 is open).',
                  gates: [],
                },
              },
            ],
          },
        ],
      },
    ),
    finding(
      {
        id: 'EC2.2',
        controlId: 'EC2.2',
        severity: 'HIGH',
        title: 'VPC default security groups should not allow inbound or outbound traffic',
        source: 'examples/findings/ec2-2-gone.json',
      },
      {
        decision: remediateDecision('EC2.2', 20),
        execution: execution(['Route', 'Remediate', 'RemediationOutcome', 'Suppress'], 2),
        remediation: {
          kind: 'resource_gone',
          controlId: 'EC2.2',
          reason: 'The security group sg-0deadbeef0000000 no longer exists.',
          changes: [],
          beforeImages: [],
          simulated: true,
        },
        result: { outcome: 'suppressed', summary: 'Suppressed: the resource no longer exists.' },
        summary: 'Suppressed: the resource no longer exists.',
        securityHub: [
          update(arn(TEAM, 'EC2.2'), {
            workflowStatus: 'SUPPRESSED',
            note: { text: 'The resource is gone: SOAR suppressed the finding.', updatedBy: 'SOAR' },
          }),
        ],
      },
    ),
    finding(
      {
        id: 'KMS.4',
        controlId: 'KMS.4',
        severity: 'MEDIUM',
        title: 'AWS KMS key rotation should be enabled',
        source: 'examples/findings/kms-4-pending.json',
      },
      {
        decision: remediateDecision('KMS.4', 12.5),
        execution: execution(['Route', 'Remediate', 'RemediationOutcome', 'ReconsiderLater'], 1),
        remediation: {
          kind: 'reconsider_later',
          controlId: 'KMS.4',
          reason: 'The key is pending deletion; SOAR looks again when the finding is next imported.',
          changes: [],
          beforeImages: [],
          simulated: true,
        },
        result: { outcome: 'reconsider_later', summary: 'Not now: a later import brings the finding back.' },
        summary: 'Not now: a later import brings the finding back.',
      },
    ),
    finding(
      {
        id: 'DynamoDB.2',
        controlId: 'DynamoDB.2',
        severity: 'MEDIUM',
        title: 'DynamoDB tables should have point-in-time recovery enabled',
        source: 'examples/findings/dynamodb-2.json',
      },
      {
        decision: {
          route: 'ticket',
          rule: 'failed_control',
          reason: 'DynamoDB.2 is not set up for auto-remediation, so the team gets a ticket.',
          gates: gates('remediation_enabled', 'DynamoDB.2 is not in the remediable controls table.'),
          penaltyScore: 16.9,
        },
        execution: execution(['Route', 'TicketTeam'], 1),
        ticket: { ticketId: 'SOAR-1043', status: 'opened' },
        result: { outcome: 'ticketed', summary: 'Ticket SOAR-1043 opened for the orders team.' },
        summary: 'Ticket SOAR-1043 opened for the orders team.',
        securityHub: [
          update(arn(TEAM, 'DynamoDB.2'), {
            workflowStatus: 'NOTIFIED',
            userDefinedFields: { TicketOpen: 'Yes', TicketId: 'SOAR-1043' },
          }),
        ],
        messages: [
          email(
            ['orders-team@example.com'],
            '[SOAR] Action needed: DynamoDB.2 on orders (SOAR-1043)',
            'Please turn on point-in-time recovery for the orders table.',
          ),
        ],
      },
    ),
    finding(
      {
        id: 'S3.5',
        controlId: 'S3.5',
        severity: 'MEDIUM',
        title: 'S3 general purpose buckets should require requests to use SSL',
        source: 'examples/findings/s3-5-resolved.json',
      },
      {
        decision: {
          route: 'close_ticket',
          rule: 'resolved_with_ticket',
          reason: 'The finding is resolved and ticket SOAR-977 is still open, so SOAR closes it.',
          gates: [],
          ticketId: 'SOAR-977',
        },
        execution: execution(['Route', 'CloseTicket'], 1),
        result: { outcome: 'ticket_closed', summary: 'Ticket SOAR-977 closed: the finding is resolved.' },
        summary: 'Ticket SOAR-977 closed: the finding is resolved.',
        securityHub: [update(arn(TEAM, 'S3.5'), { userDefinedFields: { TicketOpen: 'No' } })],
        messages: [
          email(
            ['web-team@example.com'],
            '[SOAR] Resolved: S3.5 (SOAR-977 closed)',
            'The finding is resolved; SOAR closed SOAR-977.',
          ),
        ],
      },
    ),
    finding(
      {
        id: 'EC2.6',
        controlId: 'EC2.6',
        severity: 'MEDIUM',
        title: 'VPC flow logging should be enabled in all VPCs',
        source: 'examples/findings/ec2-6.json',
      },
      {
        decision: {
          route: 'ticket',
          rule: 'failed_control',
          reason: 'EC2.6 is not set up for auto-remediation, so the team gets a ticket.',
          gates: gates('remediation_enabled', 'EC2.6 is not in the remediable controls table.'),
        },
        execution: execution(['Route', 'TicketTeam', 'RecordFailure', 'FindingNotHandled'], 4, {
          status: 'FAILED',
          retries: 2,
          durationMs: 1480,
          error: {
            Error: 'FindingNotHandled',
            Cause:
              'SOAR could not handle this finding: the failures table and the execution history say why.',
          },
        }),
        summary: 'The finding processor ended FAILED: FindingNotHandled.',
        failures: [
          {
            key: 'a1b2c3',
            findingId: arn(TEAM, 'EC2.6'),
            accountId: TEAM,
            controlId: 'EC2.6',
            step: 'ticket',
            error: 'TicketSystemError',
            cause: 'The ticket system answered 503 Service Unavailable three times.',
            at: NOW,
          },
        ],
      },
    ),
    finding(
      {
        id: 'GuardDuty',
        severity: 'HIGH',
        title: 'UnauthorizedAccess:EC2/SSHBruteForce on i-0123456789abcdef0',
        source: 'examples/findings/guardduty-ssh.json',
      },
      {
        decision: {
          route: 'incident',
          rule: 'incident',
          reason: 'This is a security incident, not a control finding.',
          gates: [],
        },
        summary:
          'Left for the incidents workflow (not part of this release): This is a security incident, not a control finding.',
      },
    ),
    finding(
      {
        id: 'Broken',
        controlId: 'Lambda.1',
        severity: 'LOW',
        title: 'Lambda function policies should prohibit public access',
        source: 'examples/findings/lambda-1-no-resources.json',
      },
      {
        intake: [
          {
            status: 'rejected',
            reason: 'invalid_finding',
            findingId: arn(TEAM, 'Broken'),
            error: 'Resources: expected an array with at least 1 element',
          },
        ],
        summary: 'Rejected (invalid_finding): Resources: expected an array with at least 1 element',
        failures: [
          {
            key: 'd4e5f6',
            findingId: arn(TEAM, 'Broken'),
            step: 'intake',
            error: 'InvalidFindingError',
            cause: 'Resources: expected an array with at least 1 element',
            at: NOW,
          },
        ],
      },
    ),
    finding(
      {
        id: 'Inspector',
        severity: 'INFORMATIONAL',
        title: 'CVE-2024-6387 - openssh',
        source: 'examples/findings/inspector.json',
      },
      {
        rules: [],
        summary: 'No rule of the stack matches this event: EventBridge does not deliver it to SOAR.',
      },
    ),
  ];
}

/** The report `soar simulate` would return for `findings`, with totals counted as `simulate` counts them. */
export function reportOf(
  findings: readonly SimulatedFinding[],
  extra: Partial<SimulationReport> = {},
): SimulationReport {
  const routes: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let statesEntered = 0;
  let lambdaInvocations = 0;
  for (const f of findings) {
    const route = f.decision?.route ?? (f.rules.length === 0 ? 'not_delivered' : 'rejected');
    routes[route] = (routes[route] ?? 0) + 1;
    const status = f.intake[0]?.status;
    const outcome = f.result?.outcome ?? (status === 'done' ? 'nothing_to_do' : (status ?? 'not_delivered'));
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    statesEntered += f.execution?.statesEntered ?? 0;
    lambdaInvocations += (f.intake.length > 0 ? 1 : 0) + (f.execution?.lambdaInvocations ?? 0);
  }
  return {
    startedAt: '2025-06-02T09:00:00.000Z',
    durationMs: 1234,
    mode: 'plan',
    world: { accounts: 2, now: NOW },
    findings,
    problems: [
      { source: 'examples/findings/broken.json', error: 'Unexpected token } in JSON at position 412' },
      { source: 'examples/findings/batch.json#3', error: 'Findings[3].AwsAccountId: Required' },
    ],
    totals: { routes, outcomes, statesEntered, lambdaInvocations },
    ...extra,
  };
}

/** The realistic report: 12 findings, 2 input problems. */
export function realisticReport(): SimulationReport {
  return reportOf(realisticFindings());
}

/** Hostile values everywhere a finding can put text. */
export const HOSTILE = {
  title: '<script>alert(1)</script>\u001b[2J\u202eevil',
  resource: 'sg-"><img src=x onerror=alert(1)>',
  subject: 'Fixed </iframe><script>alert(2)</script>',
  emailHtml:
    '<!doctype html><html><body><p title="a &quot;quoted&quot; value">Hi</p><script>alert(3)</script></body></html>',
  source: 'examples/findings/\'evil".json',
  note: '<b onmouseover=alert(4)>note</b>',
} as const;

/** A report of one remediated finding whose every text is an attack. */
export function hostileReport(): SimulationReport {
  const [, , remediated] = realisticFindings();
  if (remediated === undefined) throw new Error('The realistic findings lost their remediated finding.');
  const hostile: SimulatedFinding = {
    ...remediated,
    title: HOSTILE.title,
    source: HOSTILE.source,
    controlId: 'EC2.19"><svg onload=alert(5)>',
    remediation: {
      kind: 'remediated',
      changes: [`Remove the inbound rule 0.0.0.0/0 on port 22 from ${HOSTILE.resource}.`],
      beforeImages: [],
      simulated: true,
    },
    securityHub: [
      update(remediated.findingId, {
        workflowStatus: 'NOTIFIED',
        note: { text: HOSTILE.note, updatedBy: 'SOAR' },
      }),
    ],
    messages: [
      {
        channel: 'email',
        to: ['team@example.com'],
        cc: [],
        subject: HOSTILE.subject,
        text: `Changed ${HOSTILE.resource}\n</pre><script>alert(6)</script>`,
        html: HOSTILE.emailHtml,
      },
    ],
  };
  return reportOf([hostile], {
    problems: [{ source: '<img src=x onerror=alert(7)>.json', error: '</li><script>alert(8)</script>' }],
  });
}
