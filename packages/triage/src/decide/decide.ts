import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { Scratchpad } from '@soar/scratchpad';
import { type RuleCheck, checkSuppressionRule } from './rule-check';
import type { DecideConfig } from './config';
import type { Decision, DecisionRule, GateName, GateVerdict, Route } from './decision';
import { GATES } from './decision';
import { penaltyScore } from './penalty';
import { provenanceOf } from './provenance';

/**
 * The data the gates read, fetched in one round before {@link decide} runs (see `loadGateData`).
 * Absent rows are `false` / `undefined`.
 */
export interface GateData {
  /** The open ticket SOAR's own ticket store holds for this finding. Ticket ids written on the finding are not trusted. */
  readonly openTicket?: { readonly ticketId: string } | undefined;
  /** The enabled-controls table lists this control for the finding's account. */
  readonly controlEnabled: boolean;
  /**
   * The enabled-controls sync has run for the finding's account (its marker row exists). `false`
   * means the table knows nothing about the account yet, so a missing row says nothing about the
   * control; `undefined` when the loader does not tell (the gate then trusts the missing row).
   */
  readonly accountSynced?: boolean | undefined;
  /** `suppress_when` rule of the control in the local control suppressions table. */
  readonly controlSuppressionRule?: string | undefined;
  /** The control is in the remediable controls table. */
  readonly remediationEnabled: boolean;
  /** `suppress_when` rule of the control in the remediation exclusions table: a match means ticket, not fix. */
  readonly remediationExclusionRule?: string | undefined;
}

/** Gate data for a finding with no rows anywhere: not enabled, nothing to suppress, nothing remediable. */
export const NO_GATE_DATA: GateData = { controlEnabled: false, remediationEnabled: false };

type Workflow = NonNullable<AwsSecurityFinding['Workflow']>['Status'];

/**
 * Decides what happens to one finding: the original's rule order (`get_ticket_and_decide`) and, for
 * failed controls, its gates in order (new account, control enabled, local suppression, penalty
 * score, account of the organization, remediable and not excluded, deferral switches).
 *
 * Pure: reads only its arguments, never throws for a valid scratchpad, and explains itself: the
 * decision names the rule that applied and every gate's verdict.
 *
 * Differences from the original, on purpose:
 * - a finding counts only from where it can come from: a control id only on a finding of Security
 *   Hub's own product whose generator names it, other products only when `trustedProducts` lists them
 *   (anything else is `untrusted_source`: left alone, and recorded by intake);
 * - an account outside the organization is never changed: its failed controls get a ticket;
 * - a resolved finding closes a ticket only if SOAR's own store holds one (a `TicketId` on the finding
 *   can be written by anyone with `securityhub:BatchUpdateFindings` in the member account);
 * - a new account or a control the sync has not seen yet defers by default instead of suppressing
 *   (`newAccount` / `controlNotEnabled` in the config);
 * - an invalid rule never silently passes: an invalid suppression rule does not suppress, an invalid
 *   remediation exclusion means a ticket instead of a fix, and the gate says why.
 *
 * @example
 * ```ts
 * const decision = decide(pad, { controlEnabled: true, remediationEnabled: true }, DecideConfigSchema.parse({}));
 * decision.route;  // 'remediate'
 * decision.gates;  // [{ gate: 'new_account', verdict: 'pass', ... }, ...]
 * ```
 */
export function decide(pad: Scratchpad, gates: GateData, config: DecideConfig): Decision {
  const { finding } = pad;
  if (!config.soarEnabled) return early('do_nothing', 'soar_disabled', 'SOAR is switched off.');
  const provenance = provenanceOf(finding, config.trustedProducts);
  if (provenance.kind === 'untrusted') return early('do_nothing', 'untrusted_source', provenance.reason);

  const workflow: Workflow | undefined = finding.Workflow?.Status;
  const compliance = finding.Compliance?.Status;
  const controlId = provenance.kind === 'control' ? provenance.controlId : undefined;

  if (isResolved(finding, workflow, compliance)) {
    if (gates.openTicket !== undefined) {
      return {
        ...early(
          'close_ticket',
          'resolved_with_ticket',
          'The finding is resolved and its ticket is still open.',
        ),
        ticketId: gates.openTicket.ticketId,
      };
    }
    return early(
      'do_nothing',
      'resolved_without_ticket',
      'The finding is resolved and SOAR holds no open ticket for it.',
    );
  }
  if (workflow === 'NOTIFIED') {
    return early('do_nothing', 'already_notified', 'The team has already been notified of this finding.');
  }
  if (compliance === 'WARNING' || compliance === 'NOT_AVAILABLE') {
    return early(
      'suppress',
      'evaluation_error',
      `Security Hub could not evaluate the control (${compliance}).`,
    );
  }
  if (controlId !== undefined && compliance === 'PASSED') {
    return early('do_nothing', 'control_passed', `${controlId} passes.`);
  }
  if (controlId !== undefined) return failedControl(pad, controlId, gates, config);
  if (config.deferIncidents) {
    return early('do_nothing', 'incident_deferred', 'Incident handling is deferred by configuration.');
  }
  return early(
    'incident',
    'incident',
    `The finding is not a control check, so it is handled as an incident.`,
  );
}

/** Resolved: archived, suppressed or resolved, or notified and now passing (the July 2025 rule). */
function isResolved(
  finding: AwsSecurityFinding,
  workflow: Workflow | undefined,
  compliance: string | undefined,
): boolean {
  return (
    finding.RecordState === 'ARCHIVED' ||
    workflow === 'SUPPRESSED' ||
    workflow === 'RESOLVED' ||
    (workflow === 'NOTIFIED' && compliance === 'PASSED')
  );
}

function early(route: Route, rule: DecisionRule, reason: string): Decision {
  return { route, rule, reason, gates: [] };
}

/** Runs the failed-control gates in order; the first gate that stops decides the route. */
function failedControl(pad: Scratchpad, controlId: string, data: GateData, config: DecideConfig): Decision {
  const verdicts: GateVerdict[] = [];
  const pass = (gate: GateName, detail: string) => verdicts.push({ gate, verdict: 'pass', detail });
  const decided = (
    gate: GateName,
    verdict: 'stop' | 'error',
    route: Route,
    reason: string,
    score?: number,
  ) => {
    verdicts.push({ gate, verdict, detail: reason });
    const decision: Decision = { route, rule: 'failed_control', reason, gates: inGateOrder(verdicts) };
    return score === undefined ? decision : { ...decision, penaltyScore: score };
  };
  const ticketOr = (gate: GateName, verdict: 'stop' | 'error', reason: string, score: number) => {
    if (config.deferTeamFixes) {
      verdicts.push({ gate, verdict, detail: reason });
      return decided(
        'defer_team_fixes',
        'stop',
        'do_nothing',
        `${reason} Team tickets are deferred by configuration.`,
        score,
      );
    }
    return decided(gate, verdict, 'ticket', reason, score);
  };

  // 1. New account
  if (pad.account?.AccountNew === true) {
    const reason = `The account ${pad.account.Id} is new; its findings are ${config.newAccount === 'defer' ? 'left for a later import' : 'suppressed'}.`;
    return decided('new_account', 'stop', config.newAccount === 'defer' ? 'do_nothing' : 'suppress', reason);
  }
  pass(
    'new_account',
    pad.account === undefined ? 'Account metadata is not available.' : 'The account is not new.',
  );

  // 2. Control enabled in the account. An account the sync has never read (intake syncs it first, so
  // this is left for a sync that failed) has no rows at all: Security Hub evaluates only enabled
  // controls, so its failed control goes on to a fix or a ticket instead of waiting forever.
  if (!data.controlEnabled && data.accountSynced === false) {
    pass(
      'control_enabled',
      `The enabled controls of account ${pad.finding.AwsAccountId} have not been synced yet; Security Hub evaluated ${controlId}, so it counts as enabled.`,
    );
  } else if (!data.controlEnabled) {
    const reason = `${controlId} is not listed as enabled in account ${pad.finding.AwsAccountId}; the finding is ${config.controlNotEnabled === 'defer' ? 'left for a later import' : 'suppressed'}.`;
    return decided(
      'control_enabled',
      'stop',
      config.controlNotEnabled === 'defer' ? 'do_nothing' : 'suppress',
      reason,
    );
  } else {
    pass('control_enabled', `${controlId} is enabled in the account.`);
  }

  // 3. Local suppression rule
  const suppression = checkSuppressionRule(data.controlSuppressionRule, pad);
  if (suppression.kind === 'match') {
    return decided(
      'local_suppression',
      'stop',
      'suppress',
      `A local suppression rule for ${controlId} matches (${suppression.detail}).`,
    );
  }
  if (suppression.kind === 'invalid') {
    verdicts.push({
      gate: 'local_suppression',
      verdict: 'error',
      detail: `The suppression rule for ${controlId} is invalid, so it suppresses nothing: ${suppression.detail}`,
    });
  } else {
    pass('local_suppression', describeNoMatch(suppression, 'suppression'));
  }

  // 4. Penalty score (recorded, never stops)
  const score = penaltyScore(pad.finding.Severity, pad.account?.Environment, config.environments);

  // 5. Only accounts of the organization are ever changed
  if (pad.account === undefined) {
    return ticketOr(
      'organization_member',
      'stop',
      `Account ${pad.finding.AwsAccountId} is not an account of the organization, so SOAR changes nothing in it and the team gets a ticket.`,
      score,
    );
  }
  pass('organization_member', `Account ${pad.account.Id} is an account of the organization.`);

  // 6. Remediable and not excluded
  if (!data.remediationEnabled) {
    return ticketOr(
      'remediation_enabled',
      'stop',
      `${controlId} is not set up for auto-remediation, so the team gets a ticket.`,
      score,
    );
  }
  pass('remediation_enabled', `${controlId} is set up for auto-remediation.`);
  const exclusion = checkSuppressionRule(data.remediationExclusionRule, pad);
  if (exclusion.kind === 'match') {
    return ticketOr(
      'remediation_exclusion',
      'stop',
      `A rule excludes this account from auto-remediation of ${controlId} (${exclusion.detail}), so the team gets a ticket.`,
      score,
    );
  }
  if (exclusion.kind === 'invalid') {
    return ticketOr(
      'remediation_exclusion',
      'error',
      `The remediation exclusion rule for ${controlId} is invalid, so SOAR tickets instead of fixing: ${exclusion.detail}`,
      score,
    );
  }
  pass('remediation_exclusion', describeNoMatch(exclusion, 'exclusion'));

  // 7. Deferral switch
  if (config.deferAutoRemediations) {
    return decided(
      'defer_auto_remediations',
      'stop',
      'do_nothing',
      'Auto-remediations are deferred by configuration.',
      score,
    );
  }
  pass('defer_auto_remediations', 'Auto-remediations are on.');
  verdicts.push({ gate: 'defer_team_fixes', verdict: 'not_reached', detail: 'No ticket is needed.' });
  return {
    route: 'remediate',
    rule: 'failed_control',
    reason: `${controlId} fails and SOAR will fix it.`,
    gates: inGateOrder(verdicts),
    penaltyScore: score,
  };
}

/** Lists every gate in {@link GATES} order; gates without a verdict were not reached. */
function inGateOrder(verdicts: readonly GateVerdict[]): GateVerdict[] {
  const byGate = new Map(verdicts.map((v) => [v.gate, v]));
  return GATES.map(
    (gate) => byGate.get(gate) ?? { gate, verdict: 'not_reached', detail: 'An earlier gate decided.' },
  );
}

function describeNoMatch(check: RuleCheck, what: string): string {
  return check.kind === 'absent' ? `No ${what} rule is set.` : `The ${what} rule does not match.`;
}
