import * as z from 'zod';
import { AccountSchema } from './account';

/** What SOAR writes into `messages.actions_taken` before anything has been done. */
export const NO_ACTIONS_TAKEN = 'No changes were made.';

/** What SOAR writes into `messages.actions_required` until a step says something more precise. */
export const DEFAULT_ACTIONS_REQUIRED =
  'Fix the cause in the code or template that manages this resource too, so the problem does not come back.';

/**
 * Flags a remediation (or a pre-processing step) raises to steer the workflow.
 * {@link remediationOutcome} turns them into one outcome.
 */
export const ActionsSchema = z.object({
  /** The finding no longer applies (the resource is gone): suppress it. */
  suppress_finding: z.boolean().default(false),
  /** The fix was not applied: the owning team gets a ticket. */
  autoremediation_not_done: z.boolean().default(false),
  /** Do nothing now; a later event brings the finding back. */
  reconsider_later: z.boolean().default(false),
});
export type Actions = z.infer<typeof ActionsSchema>;

/** AI-written analysis, as plain text and as (sanitised) HTML; empty when AI is off or failed. */
export const AiTextSchema = z.object({
  plaintext: z.string().default(''),
  html: z.string().default(''),
});
export type AiText = z.infer<typeof AiTextSchema>;

/** A rendered email. */
export const EmailSchema = z.object({
  subject: z.string(),
  body: z.string(),
  html: z.string().default(''),
});
export type Email = z.infer<typeof EmailSchema>;

export const MessagesSchema = z.object({
  /** What SOAR changed, in words for the team. */
  actions_taken: z.string().default(NO_ACTIONS_TAKEN),
  /** What the team still has to do. */
  actions_required: z.string().default(DEFAULT_ACTIONS_REQUIRED),
  ai: AiTextSchema.default({ plaintext: '', html: '' }),
  email: EmailSchema.optional(),
});
export type Messages = z.infer<typeof MessagesSchema>;

/**
 * An error carried from a failed step to the step that handles it. Same shape as the object a
 * Step Functions `Catch` writes (`Cause` is often a JSON string).
 */
export const StepErrorSchema = z.object({
  Error: z.string(),
  Cause: z.string().default(''),
});
export type StepError = z.infer<typeof StepErrorSchema>;

/**
 * The fields of the scratchpad around its finding, shared by {@link ScratchpadSchema} (the finding
 * checked in full, at the boundary) and `CarriedScratchpadSchema` (the finding as intake handed it on).
 */
export function scratchpadShape<Finding extends z.ZodType>(finding: Finding) {
  return {
    /** Version of this contract, so in-flight executions can be told apart after an upgrade. */
    version: z.literal(1).default(1),
    finding,
    /** Account metadata; absent until the account lookup has run. */
    account: AccountSchema.optional(),
    /** Tags of the finding's resource, when a step fetched them. */
    tags: z.record(z.string(), z.string()).default({}),
    actions: ActionsSchema.default({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    }),
    messages: MessagesSchema.default({
      actions_taken: NO_ACTIONS_TAKEN,
      actions_required: DEFAULT_ACTIONS_REQUIRED,
      ai: { plaintext: '', html: '' },
    }),
    /** Raw lookups made by steps, keyed by what was looked up. */
    db: z.record(z.string(), z.unknown()).default({}),
    /** Risk weight of the finding in its account (see the penalty score in `@soar/triage`). */
    penalty_score: z.number().nonnegative().optional(),
    /** The error of a failed step, carried to the step that tickets or records it. */
    error: StepErrorSchema.optional(),
  };
}
