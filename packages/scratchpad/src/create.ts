import {
  type AsffValidationError,
  type AwsSecurityFinding,
  safeParseFindingsEvent,
  safeParseWith,
} from '@soar/asff-schema';
import { type AccountInput } from './account';
import { ScratchpadValidationError } from './errors';
import { ScratchpadSchema, type Scratchpad, type ScratchpadInput } from './scratchpad';

/** What a workflow may know about a finding before it starts. */
export interface ScratchpadInit {
  account?: AccountInput;
  tags?: Record<string, string>;
}

/** The result of {@link safeParseScratchpad}. */
export type SafeScratchpadResult =
  { success: true; data: Scratchpad } | { success: false; error: ScratchpadValidationError };

function toScratchpadError(error: AsffValidationError): ScratchpadValidationError {
  return new ScratchpadValidationError(error.message, error.issues, { cause: error });
}

/**
 * Like {@link parseScratchpad}, but returns the error instead of throwing. Never throws, whatever
 * the input.
 *
 * @example
 * ```ts
 * const result = safeParseScratchpad(input);
 * if (!result.success) logger.error('Bad workflow state', { issues: result.error.issues });
 * ```
 */
export function safeParseScratchpad(input: ScratchpadInput | unknown): SafeScratchpadResult {
  const result = safeParseWith(ScratchpadSchema, input, 'scratchpad');
  return result.success ? result : { success: false, error: toScratchpadError(result.error) };
}

/**
 * Validates a scratchpad (a Lambda's input, say) and fills in defaults.
 *
 * @throws {ScratchpadValidationError} naming every invalid field, e.g. `account.Id: must be a 12-digit AWS account id`
 *
 * @example
 * ```ts
 * export const handler = async (input: unknown) => decide(parseScratchpad(input));
 * ```
 */
export function parseScratchpad(input: ScratchpadInput | unknown): Scratchpad {
  const result = safeParseScratchpad(input);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Builds the initial workflow state for one finding, with every default filled in.
 *
 * @param finding - an ASFF finding; it is validated, and fields the schema does not know are kept
 * @throws {ScratchpadValidationError} when the finding is not valid ASFF; issue paths start with `finding.`
 *
 * @example
 * ```ts
 * const pad = createScratchpad(event.detail.findings[0]);
 * pad.actions; // { suppress_finding: false, autoremediation_not_done: false, reconsider_later: false }
 * ```
 */
export function createScratchpad(
  finding: AwsSecurityFinding | unknown,
  init: ScratchpadInit = {},
): Scratchpad {
  return parseScratchpad({ ...init, finding });
}

/**
 * Builds one scratchpad per finding of a "Security Hub Findings - Imported" or "- Custom Action"
 * event. Security Hub puts one finding in each imported event, but an event with several is handled
 * whole: no finding is dropped.
 *
 * @throws {ScratchpadValidationError} when the input is not a valid Security Hub findings event;
 * issue paths are those of the event, e.g. `detail.findings[0].Resources`
 *
 * @example
 * ```ts
 * export const handler = async (event: unknown) => Promise.all(scratchpadsFromEvent(event).map(startWorkflow));
 * ```
 */
export function scratchpadsFromEvent(event: unknown): Scratchpad[] {
  const result = safeParseFindingsEvent(event);
  if (!result.success) throw toScratchpadError(result.error);
  return result.data.detail.findings.map((finding) => createScratchpad(finding));
}
