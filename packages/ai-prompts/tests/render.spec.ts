/**
 * Every prompt kind rendered for a representative input, as snapshots: a change of wording shows in
 * review, next to the version bump it needs (see versions.spec.ts).
 */
import {
  FINDING_PROMPT_KINDS,
  renderFindingPrompt,
  renderWeeklyPrompt,
  WEEKLY_PROMPT_KINDS,
  type FindingPromptInput,
  type FindingPromptKind,
  type WeeklyPromptInput,
  type WeeklyPromptKind,
} from '../src';
import {
  automationRoleFinding,
  controlFinding,
  ENRICHED_CONTEXT,
  guardDutyFinding,
  lambdaFinding,
  ownAlarmFinding,
  pad,
  WEEKLY_OVERVIEW,
} from './fixtures';

const FINDING_INPUTS: Record<FindingPromptKind, () => FindingPromptInput> = {
  ticket_opened: () => ({ scratchpad: pad(controlFinding()), ticketId: 'SEC-42' }),
  ticket_closed: () => ({
    scratchpad: pad({ ...controlFinding(), Compliance: { Status: 'PASSED', SecurityControlId: 'EC2.2' } }),
    ticketId: 'SEC-42',
  }),
  remediation_done: () => ({
    scratchpad: pad(
      controlFinding(),
      'Removed every rule from the default security group sg-0a1b2c3d4e5f60718.',
    ),
    outcome: 'The rules were removed; a rollback is possible for 30 days.',
  }),
  remediation_failed: () => ({
    scratchpad: pad(lambdaFinding()),
    ticketId: 'SEC-43',
    outcome: 'Not applied: the function carries the opt-out tag soar=off.',
  }),
  incident_infra: () => ({ scratchpad: pad(ownAlarmFinding()), enrichedContext: ENRICHED_CONTEXT }),
  incident_app: () => ({ scratchpad: pad(guardDutyFinding()), ticketId: 'APP-7' }),
};

const WEEKLY_INPUTS: Record<WeeklyPromptKind, WeeklyPromptInput> = {
  weekly_overview: WEEKLY_OVERVIEW,
  weekly_account: {
    data: {
      account: {
        name: 'payments-prod',
        environment: 'production',
        team: 'payments',
        is_admin_account: false,
      },
      this_week: { open_tickets: 6, overdue_tickets: 2, autoremediations: 1, incidents: 0 },
      last_week: { open_tickets: 4, overdue_tickets: 0, autoremediations: 3, incidents: 1 },
    },
    tables: [
      {
        id: 'open_tickets',
        title: 'Open tickets',
        csv: 'Ticket,Severity,Control,Title,Age\nSEC-42,HIGH,EC2.2,Default security group allows traffic,9 days (OVERDUE)',
      },
    ],
  },
  weekly_recommendations: {
    data: {
      account_summaries:
        '[ACCOUNT payments-prod]: Six open tickets, two overdue; the default security groups keep coming back.\n\n[ACCOUNT sandbox-7]: Three open tickets about unencrypted volumes.',
    },
  },
};

describe('Function: renderFindingPrompt', () => {
  it.each(FINDING_PROMPT_KINDS)('renders %s', (kind) => {
    const prompt = renderFindingPrompt(kind, FINDING_INPUTS[kind]());
    expect(prompt.promptId).toBe(kind);
    expect(prompt.truncated).toEqual([]);
    expect(prompt.system.length + prompt.user.length).toBeLessThanOrEqual(24_000);
    expect(prompt).toMatchSnapshot();
  });

  it('puts the enriched context in the incident prompt, inside the fence', () => {
    const { user } = renderFindingPrompt('incident_infra', FINDING_INPUTS.incident_infra());
    const inside = user.slice(user.indexOf('\n<<<'), user.lastIndexOf('>>>'));
    expect(inside).toContain('=== Enriched context ===');
    expect(inside).toContain('in state "HandleIncident". States.TaskFailed: AccessDenied');
    expect(inside).toContain('ISOLATED_INCIDENT');
  });

  it('adds the reference of one of our alarms to the incident_infra instructions only', () => {
    const infra = renderFindingPrompt('incident_infra', FINDING_INPUTS.incident_infra());
    expect(infra.system).toContain('Alarm: INFRA-SOAR-Incidents-SM-Failure-HIGH (severity HIGH)');
    const app = renderFindingPrompt('incident_app', { scratchpad: pad(ownAlarmFinding()) });
    expect(app.system).not.toContain('Alarm: INFRA-SOAR');
    const other = renderFindingPrompt('incident_infra', {
      scratchpad: pad(ownAlarmFinding('INFRA-CombineLogFilesSM-Failure-HIGH')),
    });
    expect(other.system).not.toContain("SOAR's reference for this alarm");
  });

  it.each([
    ['cloudformation', 'AWS CloudFormation YAML'],
    ['cdk', 'AWS CDK v2 TypeScript'],
    ['terraform', 'Terraform HCL'],
    ['none', 'Do not include code'],
  ] as const)('asks for %s snippets', (iacFlavour, words) => {
    const { system } = renderFindingPrompt('ticket_opened', FINDING_INPUTS.ticket_opened(), { iacFlavour });
    expect(system).toContain(words);
  });

  it("asks for no snippets when SOAR's automation role acts in the finding", () => {
    const { system } = renderFindingPrompt(
      'incident_infra',
      { scratchpad: pad(automationRoleFinding()) },
      {
        iacFlavour: 'terraform',
      },
    );
    expect(system).toContain("most likely SOAR's own automation");
    expect(system).toContain('Do not include code');
    expect(system).not.toContain('Terraform');
  });

  it('recognises configured role-name patterns with a wildcard, and none when none are configured', () => {
    const input = { scratchpad: pad(automationRoleFinding()) };
    expect(
      renderFindingPrompt('incident_infra', input, { automationRolePatterns: ['AWSControlTower*'] }).system,
    ).toContain("most likely SOAR's own automation");
    const none = renderFindingPrompt('incident_infra', input, { automationRolePatterns: [] }).system;
    expect(none).not.toContain('automation act in member accounts');
    expect(none).toContain('AWS CloudFormation YAML');
  });

  it('names the kind when it is not a finding prompt', () => {
    expect(() =>
      renderFindingPrompt('weekly_overview' as FindingPromptKind, FINDING_INPUTS.ticket_opened()),
    ).toThrow(expect.objectContaining({ name: 'AiPromptInputError', field: 'kind' }));
  });

  it('names the bad field of the input', () => {
    expect(() =>
      renderFindingPrompt('ticket_opened', { ...FINDING_INPUTS.ticket_opened(), ticketId: '' }),
    ).toThrow(expect.objectContaining({ field: 'ticketId' }));
    expect(() =>
      renderFindingPrompt('ticket_opened', {
        ...FINDING_INPUTS.ticket_opened(),
        extra: 1,
      } as FindingPromptInput),
    ).toThrow(expect.objectContaining({ field: '' }));
  });
});

describe('Function: renderWeeklyPrompt', () => {
  it.each(WEEKLY_PROMPT_KINDS)('renders %s', (kind) => {
    const prompt = renderWeeklyPrompt(kind, WEEKLY_INPUTS[kind]);
    expect(prompt.promptId).toBe(kind);
    expect(prompt.truncated).toEqual([]);
    expect(prompt).toMatchSnapshot();
  });

  it('tells the model each table placeholder and never to invent figures', () => {
    const { system, user } = renderWeeklyPrompt('weekly_overview', WEEKLY_OVERVIEW);
    expect(user).toContain('[[TABLE open_tickets_by_severity]], [[TABLE accounts]]');
    expect(system).toContain('Never invent a number');
  });

  it('names a table id used twice', () => {
    const table = { id: 'accounts', title: 'Accounts', csv: '' };
    expect(() => renderWeeklyPrompt('weekly_overview', { data: {}, tables: [table, table] })).toThrow(
      expect.objectContaining({ field: 'tables.1.id' }),
    );
  });
});
