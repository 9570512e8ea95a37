import { describeError, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import {
  enrichAlarmContext,
  enrichmentInputFromFinding,
  renderEnrichedContext,
  type EnrichmentInput,
  type EnrichmentPorts,
} from '@soar/enrichment';
import type { Scratchpad } from '@soar/scratchpad';
import type { Decision } from '@soar/triage';
import * as z from 'zod';
import { classifyIncident, INCIDENT_KINDS } from '../classify';
import type { IncidentsConfig } from '../config';
import { containIncident, type ContainmentPorts } from '../containment/contain';
import { planIncident } from '../plan';

/**
 * What the incident step decided, under `incident` of the workflow state: `suppress` (filtered, or
 * suppressed by a local rule: the finding is suppressed with `summary` as its note) or `notify` (the
 * team and, by routing, the SOC get a ticket and an email that say what SOAR did and, for an alarm,
 * what was happening around it).
 *
 * @example
 * ```json
 * { "action": "notify", "kind": "ec2", "domain": "INFRA", "incidentType": "Backdoor:EC2/C&CActivity.B",
 *   "summary": "GuardDuty EC2 incident handled.", "actionsTaken": ["Instance i-0abc was terminated."], "openTicket": true }
 * ```
 */
export const IncidentStateSchema = z.lazy(() =>
  z.strictObject({
    action: z.enum(['suppress', 'notify']),
    kind: z.enum(INCIDENT_KINDS),
    domain: z.enum(['INFRA', 'APP']),
    incidentType: z.string(),
    summary: z.string(),
    actionsTaken: z.array(z.string()),
    openTicket: z.boolean(),
    context: z.strictObject({ title: z.string(), text: z.string() }).optional(),
  }),
);
export type IncidentState = z.infer<typeof IncidentStateSchema>;

/** What the incident step reads of SOAR's workflow state (the rest passes through). */
export interface IncidentStepInput {
  readonly pad: Scratchpad;
  readonly decision: Decision;
}

/** The workflow state after the incident step. */
export type IncidentFlowState<S extends IncidentStepInput = IncidentStepInput> = S & {
  readonly incident: IncidentState;
};

/** What {@link handleIncidentStep} acts through. */
export interface HandleIncidentPorts {
  readonly config: IncidentsConfig;
  /** The `suppress_when` rule of an incident type (the local incident suppressions table), if any. */
  readonly localSuppressions: { ruleFor(incidentType: string): Promise<string | undefined> };
  /** Without it, an EC2 incident that would be contained is reported, not contained. */
  readonly containment?: ContainmentPorts | undefined;
  /**
   * The sources of an alarm's context, in the alarm's own account and region; without it, an alarm
   * incident goes out without its context.
   */
  readonly enrichment?:
    | { readonly portsFor: (alarm: EnrichmentInput) => EnrichmentPorts; readonly options?: unknown }
    | undefined;
  readonly logger?: SoarLogger | undefined;
}

/** Longest enriched context a message carries; the renderer cuts at line ends below it. */
const CONTEXT_CHARS = 6_000;

/**
 * The incident step: classifies the finding, applies the product filters and the local incident
 * suppressions, contains a GuardDuty EC2 incident when the guard allows it, and gathers the context
 * of an alarm incident (its evaluation window, failed executions, error logs, history). Enrichment
 * that fails leaves the context out and says so; containment that is refused or fails says why in
 * `actionsTaken`, which the ticket and the email carry.
 *
 * @example
 * ```ts
 * const next = await handleIncidentStep(state, { config, localSuppressions, containment, enrichment });
 * next.incident.action; // 'notify' | 'suppress'
 * ```
 */
export async function handleIncidentStep<S extends IncidentStepInput>(
  state: S,
  ports: HandleIncidentPorts,
): Promise<IncidentFlowState<S>> {
  const { finding, account } = state.pad;
  const logger = ports.logger ?? SILENT_LOGGER;
  const classification = classifyIncident(finding);
  const localSuppressionRule = await ports.localSuppressions.ruleFor(classification.incidentType);
  const context = { account, localSuppressionRule };
  const plan = planIncident(finding, context, ports.config);
  const base = {
    kind: classification.kind,
    domain: classification.domain,
    incidentType: classification.incidentType,
  };
  if (plan.action !== 'handle') {
    const summary = plan.detail;
    logger.info('Incident not handled: suppressed', { findingId: finding.Id, action: plan.action, summary });
    return {
      ...state,
      decision: { ...state.decision, reason: summary },
      incident: { ...base, action: 'suppress', summary, actionsTaken: [], openTicket: false },
    };
  }

  const actionsTaken: string[] = [];
  if (plan.contain !== undefined) {
    if (ports.containment === undefined) {
      actionsTaken.push('The instance was not contained: containment is not wired in this deployment.');
    } else {
      const outcome = await containIncident(finding, context, ports.config, ports.containment);
      logger.info('Containment', { findingId: finding.Id, outcome: outcome.kind });
      actionsTaken.push(outcome.summary);
    }
  }

  let enriched: IncidentState['context'];
  const alarm = enrichmentInputFromFinding(finding);
  if (alarm !== undefined && ports.enrichment !== undefined) {
    try {
      const sources = ports.enrichment.portsFor(alarm);
      const found = await enrichAlarmContext(sources, alarm, ports.enrichment.options);
      enriched = {
        title: `Alarm context: ${alarm.alarmName}`,
        // The message gives the context its title; the text goes on from there.
        text: renderEnrichedContext(found, { format: 'text', maxChars: CONTEXT_CHARS, heading: false }),
      };
    } catch (error) {
      // Enrichment adds to the message; without it the incident still goes out, and says so.
      logger.warn('Alarm context not gathered', { findingId: finding.Id, error: describeError(error) });
      actionsTaken.push(`The alarm's context could not be gathered: ${describeError(error)}`);
    }
  }

  const summary =
    `${plan.severity} ${classification.kind === 'generic' ? '' : `${classification.kind} `}incident` +
    (plan.ticket.open ? ', ticketed' : '') +
    // The note goes on with `; ticket …`: the actions' last full stop is left off.
    (actionsTaken.length > 0 ? `; ${actionsTaken.join(' ').replace(/\.$/, '')}` : '');
  return {
    ...state,
    pad: { ...state.pad, penalty_score: plan.penalty },
    decision: { ...state.decision, reason: `Incident handled: ${summary}` },
    incident: {
      ...base,
      action: 'notify',
      summary,
      actionsTaken,
      openTicket: plan.ticket.open,
      ...(enriched === undefined ? {} : { context: enriched }),
    },
  };
}
