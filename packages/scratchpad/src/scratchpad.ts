import { AwsSecurityFindingSchema } from '@soar/asff-schema';
import * as z from 'zod';
import { scratchpadShape } from './parts';

/**
 * The state that flows through every SOAR workflow for one finding.
 *
 * The finding is never changed here: changes to it go to Security Hub and come back as new events.
 * Unknown top-level keys are kept, so fields added by newer steps survive older ones.
 *
 * @example
 * ```json
 * {
 *   "version": 1,
 *   "finding": { "SchemaVersion": "2018-10-08", "Id": "arn:aws:securityhub:eu-west-1:111122223333:security-control/EC2.2/finding/0f4c...", "...": "..." },
 *   "account": { "Id": "111122223333", "Name": "payments-prod", "...": "..." },
 *   "tags": {},
 *   "actions": { "suppress_finding": false, "autoremediation_not_done": false, "reconsider_later": false },
 *   "messages": {
 *     "actions_taken": "No changes were made.",
 *     "actions_required": "Fix the cause in the code or template that manages this resource too, so the problem does not come back.",
 *     "ai": { "plaintext": "", "html": "" }
 *   },
 *   "db": {},
 *   "penalty_score": 2.5
 * }
 * ```
 */
export const ScratchpadSchema = z.looseObject(scratchpadShape(AwsSecurityFindingSchema));

/** The workflow state for one finding, after parsing (defaults applied). */
export type Scratchpad = z.infer<typeof ScratchpadSchema>;
/** The workflow state as it may be written: fields with defaults may be left out. */
export type ScratchpadInput = z.input<typeof ScratchpadSchema>;
