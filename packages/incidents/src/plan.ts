import { type AwsSecurityFinding, getSeverityLabel, type SeverityLabel } from '@soar/asff-schema';
import type { Account } from '@soar/scratchpad';
import { routeTicket } from '@soar/tickets';
import { penaltyScore, provenanceOf } from '@soar/triage';
import {
  evaluateSuppressionRule,
  safeParseSuppressionRule,
  suppressionFacts,
} from '@soar/triage/suppression';
import {
  classifyIncident,
  type IncidentClassification,
  type IncidentKind,
  type InstanceRef,
} from './classify';
import type { ForensicsConfig, IncidentsConfig } from './config';
import { type FilterReason, productFilter } from './filters';

/** What the incident handling knows besides the finding and the configuration. */
export interface IncidentContext {
  /** The account's metadata; without it no ticket project is known and the penalty weighs like dev. */
  readonly account?: Account | undefined;
  /**
   * The `suppress_when` rule of the local incident suppressions row keyed by the finding's incident
   * type (`classifyIncident(finding).incidentType`); absent when there is no row.
   */
  readonly localSuppressionRule?: string | undefined;
}

/** The severity rules' verdict for one incident. */
export interface SeverityRules {
  /** The team is told (the incident is handled at all). */
  readonly notify: boolean;
  /** A ticket is opened (the team's, and the SOC's when routing says so). */
  readonly ticket: boolean;
  /** The instance of a GuardDuty EC2 finding is to be terminated, guard permitting. */
  readonly contain: boolean;
}

/** Where the incident's ticket goes. */
export type TicketPlan =
  | { readonly open: false }
  | {
      readonly open: true;
      /** The project of the team's ticket (the SOC's for a SOC finding); absent without account data. */
      readonly project?: string;
      /** True when a second ticket goes to the SOC project. */
      readonly alsoToSoc: boolean;
      readonly socProject?: string;
    };

/** The termination the plan asks for; the guard decides on the re-read instance. */
export interface ContainmentIntent {
  /** The instance, as the finding names it; absent when it names none SOAR can act on. */
  readonly instance?: InstanceRef;
  /** How forensics is collected first. */
  readonly forensics: ForensicsConfig['kind'];
}

/** What to do with an incident. */
export type IncidentPlan =
  | {
      readonly action: 'filter';
      readonly reason: FilterReason;
      readonly detail: string;
      readonly classification: IncidentClassification;
    }
  | {
      readonly action: 'suppress';
      /** The local suppression rule that matched: its incident type and the line that matched. */
      readonly rule: { readonly incidentType: string; readonly line: number | undefined };
      readonly detail: string;
      readonly classification: IncidentClassification;
    }
  | {
      readonly action: 'handle';
      readonly kind: IncidentKind;
      readonly domain: IncidentClassification['domain'];
      readonly severity: SeverityLabel;
      readonly classification: IncidentClassification;
      /** The team's address for the incident's domain; absent without account data. */
      readonly teamEmail?: string;
      readonly ticket: TicketPlan;
      readonly contain?: ContainmentIntent;
      readonly penalty: number;
      /** Anything odd (an invalid suppression rule, an unknown domain), in plain words. */
      readonly notes: readonly string[];
    };

/**
 * The per-severity rules of one incident kind (pure), as the original's `determine_type`:
 * - EC2: containment when it is enabled and the severity is a containment severity; notify when
 *   containing or at an EC2 notification severity; ticket when containing or at a SOC ticket severity
 *   (what was destroyed is always told and recorded);
 * - every other kind: notify at its notification severities; ticket when notified and at a SOC
 *   ticket severity.
 *
 * @example
 * ```ts
 * severityRules('iam_user', 'LOW', config); // { notify: true, ticket: true, contain: false }
 * ```
 */
export function severityRules(
  kind: IncidentKind,
  severity: SeverityLabel,
  config: Pick<IncidentsConfig, 'notificationSeverities' | 'socTicketSeverities' | 'containment'>,
): SeverityRules {
  const severities = config.notificationSeverities;
  const list = {
    ec2: severities.ec2,
    iam_user: severities.iamUser,
    s3: severities.s3,
    eks: severities.eks,
    generic: severities.generic,
  }[kind];
  const contain =
    kind === 'ec2' && config.containment.enabled && config.containment.severities.includes(severity);
  const notify = contain || list.includes(severity);
  const ticket = contain || (notify && config.socTicketSeverities.includes(severity));
  return { notify, ticket, contain };
}

/** The outcome of the local incident suppression rule. */
type LocalSuppression =
  | { readonly kind: 'none' }
  | { readonly kind: 'match'; readonly line: number | undefined }
  | { readonly kind: 'invalid'; readonly detail: string };

function localSuppression(finding: AwsSecurityFinding, context: IncidentContext): LocalSuppression {
  const text = context.localSuppressionRule;
  if (text === undefined || text.trim() === '') return { kind: 'none' };
  const parsed = safeParseSuppressionRule(text);
  if (!parsed.success) return { kind: 'invalid', detail: parsed.error.message };
  const result = evaluateSuppressionRule(parsed.data, suppressionFacts(finding, context.account));
  return result.matched ? { kind: 'match', line: result.line } : { kind: 'none' };
}

function ticketPlan(
  finding: AwsSecurityFinding,
  open: boolean,
  context: IncidentContext,
  config: Pick<IncidentsConfig, 'routing'>,
  notes: string[],
): { ticket: TicketPlan; teamEmail?: string } {
  const account = context.account;
  if (account === undefined) {
    if (open) notes.push('No account data: the ticket project is not known.');
    return { ticket: open ? { open: true, alsoToSoc: false } : { open: false } };
  }
  const route = routeTicket(finding, account, { ...config.routing, incident: true });
  notes.push(...route.notes);
  const ticket: TicketPlan = open
    ? {
        open: true,
        project: route.project,
        alsoToSoc: route.alsoToSoc,
        ...(route.socProject === undefined ? {} : { socProject: route.socProject }),
      }
    : { open: false };
  return { ticket, teamEmail: route.teamEmail };
}

/**
 * Plans the handling of one incident (pure), in the order of the original's incidents workflow:
 * 1. trust: a finding that fails the trust checks is filtered (`untrusted_source`), a control finding
 *    too (`control_finding`);
 * 2. classification ({@link classifyIncident}) and the product filters ({@link productFilter});
 * 3. the severity rules ({@link severityRules}): not notified → `severity_not_notified`;
 * 4. the local incident suppression rule (the triage rule language; an invalid rule suppresses
 *    nothing and says so in `notes`);
 * 5. handle: ticket routing (`routeTicket` of `@soar/tickets`), the containment intent of a GuardDuty
 *    EC2 finding, and the penalty score (`penaltyScore` of `@soar/triage`).
 *
 * @example
 * ```ts
 * const plan = planIncident(finding, { account, localSuppressionRule: row?.suppress_when }, config);
 * if (plan.action === 'handle' && plan.contain !== undefined) await containIncident(finding, { account }, config, ports);
 * ```
 */
export function planIncident(
  finding: AwsSecurityFinding,
  context: IncidentContext,
  config: IncidentsConfig,
): IncidentPlan {
  const classification = classifyIncident(finding);
  const filter = (reason: FilterReason, detail: string): IncidentPlan => ({
    action: 'filter',
    reason,
    detail,
    classification,
  });

  const provenance = provenanceOf(finding, config.trustedProducts);
  if (provenance.kind === 'untrusted') return filter('untrusted_source', provenance.reason);
  if (provenance.kind === 'control') {
    return filter(
      'control_finding',
      `The finding is about the control ${provenance.controlId}: controls are not incidents.`,
    );
  }
  const filtered = productFilter(finding, classification, config);
  if (filtered !== undefined) return filter(filtered.reason, filtered.detail);

  const severity = getSeverityLabel(finding.Severity) ?? 'INFORMATIONAL';
  const rules = severityRules(classification.kind, severity, config);
  if (!rules.notify) {
    return filter(
      'severity_not_notified',
      `${severity} ${classification.kind} incidents are not notified (notificationSeverities).`,
    );
  }

  const notes = [...classification.notes];
  const suppression = localSuppression(finding, context);
  if (suppression.kind === 'match') {
    return {
      action: 'suppress',
      rule: { incidentType: classification.incidentType, line: suppression.line },
      detail: `A local incident suppression rule for ${classification.incidentType} matched${
        suppression.line === undefined ? '' : ` (line ${suppression.line})`
      }.`,
      classification,
    };
  }
  if (suppression.kind === 'invalid') {
    notes.push(
      `The local suppression rule for ${classification.incidentType} is invalid, so it suppresses nothing: ${suppression.detail}`,
    );
  }

  const { ticket, teamEmail } = ticketPlan(finding, rules.ticket, context, config, notes);
  const instance = classification.guardDuty?.instance;
  return {
    action: 'handle',
    kind: classification.kind,
    domain: classification.domain,
    severity,
    classification,
    ...(teamEmail === undefined ? {} : { teamEmail }),
    ticket,
    ...(rules.contain
      ? {
          contain: {
            ...(instance === undefined ? {} : { instance }),
            forensics: config.containment.forensics.kind,
          },
        }
      : {}),
    penalty: penaltyScore(finding.Severity, context.account?.Environment, config.environments),
    notes,
  };
}
