import type { AwsSecurityFinding } from '@soar/asff-schema';
import { createScratchpad, type AccountInput, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import fc from 'fast-check';
import { DecideConfigSchema, type DecideConfigInput } from './config';
import { decide, type GateData } from './decide';
import { DecisionSchema, GATES, type Decision } from './decision';

const account: AccountInput = {
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments@example.com',
  TeamEmail: 'payments@example.com',
  TeamEmailApp: 'payments@example.com',
  OrganizationalUnit: 'Workloads',
  Environment: 'PROD',
  Team: 'payments',
  AccountNew: false,
};

/** Every gate open: enabled, remediable, no rules. */
const open: GateData = { controlEnabled: true, remediationEnabled: true };

function pad(finding: AwsSecurityFinding, accountOverrides: Partial<AccountInput> | null = {}): Scratchpad {
  return createScratchpad(
    finding,
    accountOverrides === null ? {} : { account: { ...account, ...accountOverrides } },
  );
}

function run(p: Scratchpad, gates: GateData = open, config: DecideConfigInput = {}): Decision {
  return decide(p, gates, DecideConfigSchema.parse(config));
}

const withUdf = (finding: AwsSecurityFinding, udf: Record<string, string>): AwsSecurityFinding => ({
  ...finding,
  UserDefinedFields: udf,
});
const archived = (finding: AwsSecurityFinding): AwsSecurityFinding => ({
  ...finding,
  RecordState: 'ARCHIVED',
});
const ticket = { ...open, openTicket: { ticketId: 'SEC-42' } };

describe('Function: decide (rule order)', () => {
  it.each<[string, Scratchpad, GateData, DecideConfigInput, Decision['route'], Decision['rule']]>([
    ['0 SOAR disabled', pad(aControlFinding()), open, { soarEnabled: false }, 'do_nothing', 'soar_disabled'],
    [
      '1 archived with an open ticket',
      pad(archived(aControlFinding())),
      ticket,
      {},
      'close_ticket',
      'resolved_with_ticket',
    ],
    [
      '1 suppressed with an open ticket',
      pad(aControlFinding({ workflowStatus: 'SUPPRESSED' })),
      ticket,
      {},
      'close_ticket',
      'resolved_with_ticket',
    ],
    [
      '1 resolved with an open ticket',
      pad(aControlFinding({ workflowStatus: 'RESOLVED' })),
      ticket,
      {},
      'close_ticket',
      'resolved_with_ticket',
    ],
    [
      '1 NOTIFIED and now PASSED with an open ticket (July 2025)',
      pad(aControlFinding({ workflowStatus: 'NOTIFIED', status: 'PASSED' })),
      ticket,
      {},
      'close_ticket',
      'resolved_with_ticket',
    ],
    [
      '2 NOTIFIED and now PASSED without a ticket',
      pad(aControlFinding({ workflowStatus: 'NOTIFIED', status: 'PASSED' })),
      open,
      {},
      'do_nothing',
      'resolved_without_ticket',
    ],
    [
      '2 resolved without a ticket',
      pad(aControlFinding({ workflowStatus: 'RESOLVED' })),
      open,
      {},
      'do_nothing',
      'resolved_without_ticket',
    ],
    [
      '3 NOTIFIED and still failing',
      pad(aControlFinding({ workflowStatus: 'NOTIFIED' })),
      ticket,
      {},
      'do_nothing',
      'already_notified',
    ],
    [
      '4 compliance WARNING',
      pad(aControlFinding({ status: 'WARNING' })),
      open,
      {},
      'suppress',
      'evaluation_error',
    ],
    [
      '4 compliance NOT_AVAILABLE',
      pad(aControlFinding({ status: 'NOT_AVAILABLE' })),
      open,
      {},
      'suppress',
      'evaluation_error',
    ],
    [
      '4 a non-control finding with a WARNING compliance block',
      pad({ ...aGuardDutyFinding(), Compliance: { Status: 'WARNING' } }),
      open,
      {},
      'suppress',
      'evaluation_error',
    ],
    [
      '5 control PASSED',
      pad(aControlFinding({ status: 'PASSED' })),
      open,
      {},
      'do_nothing',
      'control_passed',
    ],
    ['6 control FAILED', pad(aControlFinding()), open, {}, 'remediate', 'failed_control'],
    [
      '7 incident, deferred',
      pad(aGuardDutyFinding()),
      open,
      { deferIncidents: true },
      'do_nothing',
      'incident_deferred',
    ],
    ['8 incident', pad(aGuardDutyFinding()), open, {}, 'incident', 'incident'],
  ])('%s', (_name, input, gates, config, route, rule) => {
    const decision = run(input, gates, config);

    expect({ route: decision.route, rule: decision.rule }).toEqual({ route, rule });
    expect(decision.reason).not.toBe('');
  });

  it('closes the ticket that SOAR holds, not the one written on the finding', () => {
    const finding = withUdf(aControlFinding({ workflowStatus: 'RESOLVED' }), {
      TicketOpen: 'Yes',
      TicketId: 'https://evil.example/x',
    });

    expect(run(pad(finding), ticket)).toMatchObject({ route: 'close_ticket', ticketId: 'SEC-42' });
  });

  it('does not close a ticket that only the finding claims is open (ticket ids on findings are untrusted)', () => {
    const finding = withUdf(aControlFinding({ workflowStatus: 'RESOLVED' }), {
      TicketOpen: 'Yes',
      TicketId: 'SEC-1',
    });

    expect(run(pad(finding), open)).toMatchObject({ route: 'do_nothing', rule: 'resolved_without_ticket' });
    expect(run(pad(finding), open).ticketId).toBeUndefined();
  });

  it('treats a blank SecurityControlId as no control', () => {
    const finding: AwsSecurityFinding = {
      ...aGuardDutyFinding(),
      Compliance: { Status: 'FAILED', SecurityControlId: ' ' },
    };

    expect(run(pad(finding)).route).toBe('incident');
  });
});

describe('Function: decide (failed-control gates)', () => {
  const failed = aControlFinding({ controlId: 'EC2.2', severity: 'HIGH' });

  it.each<[string, Scratchpad, GateData, DecideConfigInput, Decision['route'], string, 'stop' | 'error']>([
    [
      'new account, deferred by default',
      pad(failed, { AccountNew: true }),
      open,
      {},
      'do_nothing',
      'new_account',
      'stop',
    ],
    [
      'new account, suppressed when configured',
      pad(failed, { AccountNew: true }),
      open,
      { newAccount: 'suppress' },
      'suppress',
      'new_account',
      'stop',
    ],
    [
      'control not enabled, deferred by default',
      pad(failed),
      { ...open, controlEnabled: false },
      {},
      'do_nothing',
      'control_enabled',
      'stop',
    ],
    [
      'control not enabled, suppressed when configured',
      pad(failed),
      { ...open, controlEnabled: false },
      { controlNotEnabled: 'suppress' },
      'suppress',
      'control_enabled',
      'stop',
    ],
    [
      'local suppression rule matches',
      pad(failed),
      { ...open, controlSuppressionRule: 'environment = PROD' },
      {},
      'suppress',
      'local_suppression',
      'stop',
    ],
    [
      'not remediable',
      pad(failed),
      { ...open, remediationEnabled: false },
      {},
      'ticket',
      'remediation_enabled',
      'stop',
    ],
    [
      'not remediable, team fixes deferred',
      pad(failed),
      { ...open, remediationEnabled: false },
      { deferTeamFixes: true },
      'do_nothing',
      'defer_team_fixes',
      'stop',
    ],
    [
      'remediation excluded by rule',
      pad(failed),
      { ...open, remediationExclusionRule: 'team = payments' },
      {},
      'ticket',
      'remediation_exclusion',
      'stop',
    ],
    [
      'remediation exclusion rule invalid: ticket, not fix',
      pad(failed),
      { ...open, remediationExclusionRule: 'team payments' },
      {},
      'ticket',
      'remediation_exclusion',
      'error',
    ],
    [
      'auto-remediations deferred',
      pad(failed),
      open,
      { deferAutoRemediations: true },
      'do_nothing',
      'defer_auto_remediations',
      'stop',
    ],
  ])('%s', (_name, input, gates, config, route, gate, verdict) => {
    const decision = run(input, gates, config);

    expect(decision.route).toBe(route);
    // The deciding gate is the last one that stopped (a team-fix deferral comes after "not remediable").
    expect(decision.gates.findLast((g) => g.verdict === 'stop' || g.verdict === 'error')).toMatchObject({
      gate,
      verdict,
    });
    expect(decision.gates.map((g) => g.gate)).toEqual([...GATES]);
  });

  it('remediates when every gate passes, with the penalty score', () => {
    const decision = run(pad(failed));

    expect(decision).toMatchObject({ route: 'remediate', rule: 'failed_control' });
    expect(decision.penaltyScore).toBeCloseTo(16.9, 10);
    expect(decision.gates.filter((g) => g.verdict === 'pass').map((g) => g.gate)).toEqual([
      'new_account',
      'control_enabled',
      'local_suppression',
      'organization_member',
      'remediation_enabled',
      'remediation_exclusion',
      'defer_auto_remediations',
    ]);
  });

  it('does not suppress on an invalid suppression rule, and says so', () => {
    const decision = run(pad(failed), { ...open, controlSuppressionRule: 'environment ~ PROD' });

    expect(decision.route).toBe('remediate');
    expect(decision.gates.find((g) => g.gate === 'local_suppression')).toMatchObject({ verdict: 'error' });
  });

  it('does not suppress when the rule does not match', () => {
    expect(run(pad(failed), { ...open, controlSuppressionRule: 'environment = DEV' }).route).toBe(
      'remediate',
    );
  });

  it('lets a failed control of an account the sync never read go on to a fix, and says why', () => {
    // Arrange: no row for the control, and no synced marker for the account
    const gates: GateData = { ...open, controlEnabled: false, accountSynced: false };

    // Act
    const decision = run(pad(failed), gates);

    // Assert
    expect(decision.route).toBe('remediate');
    expect(decision.gates.find((g) => g.gate === 'control_enabled')).toMatchObject({
      verdict: 'pass',
      detail: expect.stringContaining('not been synced'),
    });
  });

  it('trusts a missing row once the account is synced', () => {
    const decision = run(pad(failed), { ...open, controlEnabled: false, accountSynced: true });

    expect(decision.route).toBe('do_nothing');
    expect(decision.gates.find((g) => g.gate === 'control_enabled')).toMatchObject({ verdict: 'stop' });
  });

  it('keeps going without account metadata', () => {
    const decision = run(pad(failed, null), { ...open, remediationEnabled: false });

    expect(decision).toMatchObject({ route: 'ticket' });
    expect(decision.penaltyScore).toBeCloseTo(1.69, 10);
  });
});

describe('Property: decide', () => {
  const workflow = fc.constantFrom('NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED', undefined);
  const compliance = fc.constantFrom('PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE', undefined);
  const optionalText = fc.option(
    fc.oneof(fc.string(), fc.constantFrom('environment = PROD', 'team != x AND region = eu-west-1')),
    {
      nil: undefined,
    },
  );

  it('never throws on a valid scratchpad and always returns a valid decision', () => {
    fc.assert(
      fc.property(
        fc.record({
          workflow,
          compliance,
          controlId: fc.option(fc.constantFrom('EC2.2', 'S3.8', ''), { nil: undefined }),
          archived: fc.boolean(),
          severity: fc.record({
            Label: fc.constantFrom('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'),
            Normalized: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          }),
          account: fc.option(fc.record({ AccountNew: fc.boolean(), Environment: fc.string() }), {
            nil: null,
          }),
        }),
        fc.record({
          openTicket: fc.option(fc.record({ ticketId: fc.string() }), { nil: undefined }),
          controlEnabled: fc.boolean(),
          controlSuppressionRule: optionalText,
          remediationEnabled: fc.boolean(),
          remediationExclusionRule: optionalText,
        }),
        fc.record({
          soarEnabled: fc.boolean(),
          deferIncidents: fc.boolean(),
          deferTeamFixes: fc.boolean(),
          deferAutoRemediations: fc.boolean(),
          newAccount: fc.constantFrom('defer' as const, 'suppress' as const),
          controlNotEnabled: fc.constantFrom('defer' as const, 'suppress' as const),
        }),
        (f, gates, config) => {
          const base = aGuardDutyFinding();
          const finding: AwsSecurityFinding = {
            ...base,
            Severity: f.severity.Normalized === undefined ? { Label: f.severity.Label } : f.severity,
            ...(f.workflow === undefined ? {} : { Workflow: { Status: f.workflow } }),
            ...(f.archived ? { RecordState: 'ARCHIVED' } : {}),
            ...(f.compliance === undefined && f.controlId === undefined
              ? {}
              : {
                  Compliance: {
                    ...(f.compliance === undefined ? {} : { Status: f.compliance }),
                    ...(f.controlId === undefined ? {} : { SecurityControlId: f.controlId }),
                  },
                }),
          };
          if (f.workflow === undefined) delete finding.Workflow;
          const decision = run(pad(finding, f.account), gates, config);

          expect(DecisionSchema.safeParse(decision).success).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
