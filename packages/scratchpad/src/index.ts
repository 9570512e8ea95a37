/**
 * The SOAR workflow state contract.
 *
 * @packageDocumentation
 */
export { AccountSchema, type Account, type AccountInput } from './account';
export {
  ActionsSchema,
  AiTextSchema,
  DEFAULT_ACTIONS_REQUIRED,
  EmailSchema,
  MessagesSchema,
  NO_ACTIONS_TAKEN,
  StepErrorSchema,
  type Actions,
  type AiText,
  type Email,
  type Messages,
  type StepError,
} from './parts';
export { ScratchpadSchema, type Scratchpad, type ScratchpadInput } from './scratchpad';
export { CarriedScratchpadSchema } from './carried';
export {
  createScratchpad,
  parseScratchpad,
  safeParseScratchpad,
  scratchpadsFromEvent,
  type SafeScratchpadResult,
  type ScratchpadInit,
} from './create';
export {
  REMEDIATION_OUTCOMES,
  RemediationOutcomeSchema,
  remediationOutcome,
  strongestOutcome,
  type RemediationOutcome,
} from './outcome';
export { ScratchpadError, ScratchpadValidationError } from './errors';
