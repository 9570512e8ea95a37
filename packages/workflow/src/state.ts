import { REMEDIATION_KINDS } from '@soar/history';
import { CarriedScratchpadSchema, StepErrorSchema } from '@soar/scratchpad';
import { DecisionSchema } from '@soar/triage';
import * as z from 'zod';

/**
 * What the remediation step did, as the workflow routes on it (`$.remediation.kind`). The text goes
 * into the ticket or email; `simulated` marks a plan that was shown, not applied.
 */
export const RemediationSummarySchema = z.object({
  kind: z.enum(REMEDIATION_KINDS),
  controlId: z.string().optional(),
  /** Why it ended so, in words for the team (absent for `remediated`). */
  reason: z.string().optional(),
  /** The AWS error that stopped it, for `not_done`. */
  error: z.string().optional(),
  /** What changed (or, simulated, would change), one sentence each. */
  changes: z.array(z.string()).default([]),
  /** What is needed to undo the changes, per resource. */
  beforeImages: z.array(z.unknown()).default([]),
  /** The changes were planned from the finding and not applied (`soar simulate`). */
  simulated: z.boolean().default(false),
});
export type RemediationSummary = z.infer<typeof RemediationSummarySchema>;

/** The ticket a step opened or found for the finding. */
export const TicketRefSchema = z.object({
  ticketId: z.string().min(1),
  url: z.string().optional(),
  /** `existing`: a duplicate delivery found the ticket already open; nothing was sent again. */
  status: z.enum(['opened', 'existing']),
});
export type TicketRef = z.infer<typeof TicketRefSchema>;

/**
 * How a finding's run ended, written by the last step. `outcome` is one of the routes' ends; the
 * sentence is what the CLI and the report print.
 */
export const FlowOutcomeSchema = z.object({
  outcome: z.enum([
    'suppressed',
    'remediated',
    'ticketed',
    'ticket_closed',
    'ticket_not_open',
    'reconsider_later',
    /** A newer event of the finding was already acted on: this one changed nothing. */
    'stale',
    'failed',
  ]),
  summary: z.string(),
});
export type FlowOutcome = z.infer<typeof FlowOutcomeSchema>;

/**
 * The state of one finding as it moves through the finding processor state machine. It starts as
 * what the intake step decided; each step returns it with its part filled in. The Choice states read
 * `$.decision.route` and `$.remediation.kind`; a `Catch` writes `$.error` (the scratchpad's own
 * `error` field, so a ticket can carry it).
 *
 * Unknown keys are kept, so a step of a newer release does not lose what an older one added.
 *
 * @example
 * ```json
 * {
 *   "key": "3f9a…",
 *   "pad": { "version": 1, "finding": { "Id": "arn:aws:securityhub:…" }, "actions": {}, "messages": {} },
 *   "decision": { "route": "remediate", "rule": "failed_control", "reason": "…", "gates": [] },
 *   "remediation": { "kind": "remediated", "changes": ["Removed inbound 0.0.0.0/0 on port 22 from sg-0123."] }
 * }
 * ```
 */
export function flowStateShape<Pad extends z.ZodType>(pad: Pad) {
  return {
    /** Idempotency key of the finding event: SHA-256 of finding Id and `UpdatedAt` (see `eventKey`). */
    key: z.string().min(1),
    pad,
    decision: DecisionSchema,
    remediation: RemediationSummarySchema.optional(),
    ticket: TicketRefSchema.optional(),
    /** The error of a failed step, as a Step Functions `Catch` writes it. */
    error: StepErrorSchema.optional(),
    result: FlowOutcomeSchema.optional(),
    /**
     * Parts of the finding intake left out of the state to keep it within Step Functions' 256 KiB
     * (see `withinStateBudget`); the whole finding stays in Security Hub.
     */
    omitted: z.array(z.string()).optional(),
  };
}

/**
 * The flow state as a step after intake parses it (`parseFlowState`): the finding in its scratchpad is
 * the one intake checked in full, so only what the steps key on is checked again (see
 * `CarriedScratchpadSchema` of `@soar/scratchpad`). `FlowStateSchema` checks all of it.
 */
export const StepStateSchema = z.looseObject(flowStateShape(CarriedScratchpadSchema));
export type FlowState = z.infer<typeof StepStateSchema>;
