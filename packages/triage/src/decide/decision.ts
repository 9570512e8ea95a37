import * as z from 'zod';

/** Where a finding goes next. */
export const RouteSchema = z.enum([
  'do_nothing',
  'suppress',
  'remediate',
  'ticket',
  'incident',
  'close_ticket',
]);
export type Route = z.infer<typeof RouteSchema>;

/**
 * The rules of the first decision, in the order they are tried (the original's `get_ticket_and_decide`).
 * The first that applies wins; `failed_control` then runs the gates.
 */
export const DECISION_RULES = [
  'soar_disabled',
  'untrusted_source',
  'resolved_with_ticket',
  'resolved_without_ticket',
  'already_notified',
  'evaluation_error',
  'control_passed',
  'failed_control',
  'incident_deferred',
  'incident',
] as const;
export const DecisionRuleSchema = z.enum(DECISION_RULES);
export type DecisionRule = z.infer<typeof DecisionRuleSchema>;

/** The gates a failed control passes through, in order. */
export const GATES = [
  'new_account',
  'control_enabled',
  'local_suppression',
  'organization_member',
  'remediation_enabled',
  'remediation_exclusion',
  'defer_auto_remediations',
  'defer_team_fixes',
] as const;
export const GateNameSchema = z.enum(GATES);
export type GateName = z.infer<typeof GateNameSchema>;

/**
 * One gate's verdict: `pass` lets the finding on, `stop` decided the route, `error` means the gate
 * could not be evaluated (an invalid rule, say) and fell back to the safe side, `not_reached` means an
 * earlier gate already decided.
 */
export const GateVerdictSchema = z.object({
  gate: GateNameSchema,
  verdict: z.enum(['pass', 'stop', 'error', 'not_reached']),
  detail: z.string(),
});
export type GateVerdict = z.infer<typeof GateVerdictSchema>;

/**
 * What SOAR decided for a finding, and why: the rule that applied, a sentence for humans, and every
 * gate's verdict for failed controls.
 *
 * @example
 * ```json
 * {
 *   "route": "ticket",
 *   "rule": "failed_control",
 *   "reason": "EC2.2 is not set up for auto-remediation, so the team gets a ticket.",
 *   "gates": [
 *     { "gate": "new_account", "verdict": "pass", "detail": "The account is older than the minimum age." },
 *     { "gate": "remediation_enabled", "verdict": "stop", "detail": "EC2.2 is not in the remediable controls table." }
 *   ],
 *   "penaltyScore": 16.9
 * }
 * ```
 */
export const DecisionSchema = z.object({
  route: RouteSchema,
  rule: DecisionRuleSchema,
  reason: z.string(),
  gates: z.array(GateVerdictSchema),
  /** For `close_ticket`: the ticket SOAR's own store holds for the finding. */
  ticketId: z.string().optional(),
  /** For failed controls that got past the suppression gates. */
  penaltyScore: z.number().nonnegative().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;
