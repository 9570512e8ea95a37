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
  ScratchpadSchema,
  StepErrorSchema,
  type Actions,
  type AiText,
  type Email,
  type Messages,
  type Scratchpad,
  type ScratchpadInput,
  type StepError,
} from './scratchpad';
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
