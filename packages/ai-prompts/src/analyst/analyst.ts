import type { AiFailure, AiModel } from '@soar/bedrock';
import { describeError, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import type { Scratchpad } from '@soar/scratchpad';
import { answerToAiText } from '../answer';
import type { AiPromptOptionsInput } from '../options';
import type { FindingPromptKind } from '../prompts';
import { renderFindingPrompt } from '../render-finding';

/** The messages SOAR's workflow writes an AI section for. */
export type AnalysedMessage =
  'ticket_opened' | 'ticket_closed' | 'remediation_done' | 'remediation_failed' | 'incident';

/** An AI section: the model's answer as plain text and as (unsanitised) HTML. */
export interface AiSection {
  readonly plaintext: string;
  readonly html: string;
}

/** A section of the weekly report the model writes prose for, with the data it may cite. */
export interface ProseSection {
  readonly id: 'overview' | 'recommendations' | 'account';
  readonly accountId?: string | undefined;
  readonly data: unknown;
}

/** What {@link createAiAnalyst} needs. */
export interface AnalystOptions {
  readonly model: AiModel;
  readonly prompts?: AiPromptOptionsInput | undefined;
  readonly logger?: SoarLogger | undefined;
}

const FAILURE_WORDS: Readonly<Record<AiFailure, string>> = {
  throttled: 'the model was busy (throttled)',
  timeout: 'the model did not answer in time',
  access_denied: 'SOAR may not call the model (access denied: is model access enabled?)',
  model_not_found: 'the configured model does not exist in this region',
  validation: 'the model refused the request',
  malformed_output: 'the model gave no usable answer',
  error: 'the model could not be called',
};

/**
 * Writes the AI section of SOAR's messages: renders the message's prompt (finding fenced as data,
 * secrets redacted, optionally anonymised), asks the model, and turns its answer into text and
 * HTML. It never fails: when the prompt cannot be built or the model cannot answer, the section
 * says so in one sentence, the reason is logged, and the message goes out.
 *
 * @example
 * ```ts
 * const analyst = createAiAnalyst({ model: createLocalModel(), prompts: { iacFlavour: 'cdk' } });
 * pad.messages.ai = await analyst.analyse('ticket_opened', pad);
 * ```
 */
export function createAiAnalyst(options: AnalystOptions): {
  analyse(kind: AnalysedMessage, pad: Scratchpad, context?: { readonly text: string }): Promise<AiSection>;
} {
  const logger = options.logger ?? SILENT_LOGGER;
  return {
    async analyse(kind, pad, context) {
      const findingId = pad.finding.Id;
      let prompt;
      try {
        prompt = renderFindingPrompt(
          promptKindOf(kind, pad),
          {
            scratchpad: pad,
            ...(pad.messages.actions_taken === '' ? {} : { outcome: pad.messages.actions_taken }),
            ...(context === undefined ? {} : { enrichedContext: context.text }),
          },
          options.prompts,
        );
      } catch (error) {
        logger.warn('The AI prompt could not be built', { findingId, kind, error: describeError(error) });
        return unavailableSection('its prompt could not be built');
      }
      const result = await options.model.complete({ system: prompt.system, user: prompt.user });
      if (!result.ok) {
        logger.warn('The AI analysis is not available', {
          findingId,
          kind,
          failure: result.failure,
          detail: result.detail,
        });
        return unavailableSection(FAILURE_WORDS[result.failure]);
      }
      return answerToAiText(result.text, prompt.anonymisation);
    },
  };
}

/** The prompt of a message: an incident's by its domain (an alarm finding's `IncidentDomain`, else INFRA). */
function promptKindOf(kind: AnalysedMessage, pad: Scratchpad): FindingPromptKind {
  if (kind !== 'incident') return kind;
  return pad.finding.ProductFields?.['IncidentDomain'] === 'APP' ? 'incident_app' : 'incident_infra';
}

/** The section of a message whose AI analysis is not available, saying why. */
export function unavailableSection(why: string): AiSection {
  const text = `The AI analysis is not available for this message: ${why}.`;
  return {
    plaintext: text,
    html: `<p><em>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</em></p>`,
  };
}
