import { SILENT_LOGGER, truncateChars, type SoarLogger } from '@soar/common';

import type { AiModel, AiResult, AiUsage } from './model';
import { prepareRequest } from './request';
import { reportUsage, type UsageListener } from './usage';

/** The model id the local model reports, in results and in usage. */
export const LOCAL_MODEL_ID = 'local-simulation';

/** The first line of every local answer: no reader can mistake it for an analysis. */
export const LOCAL_MODEL_LABEL = '<p><strong>Local model (simulation): no AI was called.</strong></p>';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The first non-blank line of the text, without Markdown heading marks or HTML tags. */
function headingOf(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((candidate) =>
      candidate
        .replace(/<[^>]*>/g, '')
        .replace(/^\s*#+\s*/, '')
        .trim(),
    )
    .find((candidate) => candidate !== '');
  return truncateChars(line ?? '', 120);
}

/** A stand-in for a token count, so simulated usage metrics have plausible values. */
function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Options of {@link createLocalModel}. */
export interface LocalModelOptions {
  /** Receives the (estimated) usage of each answer, as Bedrock's model does. */
  readonly onUsage?: UsageListener;
  /** Where a failing usage listener is reported. Default: silent. */
  readonly logger?: SoarLogger;
}

/**
 * A deterministic model for simulations and tests: no network, no AWS. Its answer is a labelled HTML
 * fragment with a digest of the request (the first line of the user text and the sizes), so a
 * simulated email shows where the AI section goes and what it was asked. The same request always
 * gets the same answer. It refuses the requests Bedrock's model refuses before sending (an empty
 * user prompt, out-of-range limits), so wiring mistakes show in simulation too.
 *
 * @example
 * ```ts
 * const model = createLocalModel();
 * const result = await model.complete({ system: 'Explain.', user: '# GuardDuty finding\n...' });
 * // result.text starts with '<p><strong>Local model (simulation): no AI was called.</strong></p>'
 * ```
 */
export function createLocalModel(options: LocalModelOptions = {}): AiModel {
  return {
    modelId: LOCAL_MODEL_ID,
    local: true,
    complete(request, callOptions): Promise<AiResult> {
      if (callOptions?.signal?.aborted === true) {
        return Promise.resolve({
          ok: false,
          failure: 'error',
          detail: 'Cancelled by the caller before an answer came',
          modelId: LOCAL_MODEL_ID,
        });
      }
      const prepared = prepareRequest(request, { maxTokens: 4_096, temperature: 0 });
      if (typeof prepared === 'string') {
        return Promise.resolve({
          ok: false,
          failure: 'validation',
          detail: prepared,
          modelId: LOCAL_MODEL_ID,
        });
      }
      const heading = headingOf(prepared.user);
      const text = [
        LOCAL_MODEL_LABEL,
        `<p>It was asked about: <em>${escapeHtml(heading === '' ? '(no heading)' : heading)}</em></p>`,
        `<p>Prompt size: ${String(prepared.user.length)} characters of data, ${String(prepared.system.length)} of instructions.</p>`,
      ].join('\n');
      const inputTokens = tokensOf(prepared.system) + tokensOf(prepared.user);
      const outputTokens = tokensOf(text);
      const usage: AiUsage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
      reportUsage(options.onUsage, usage, LOCAL_MODEL_ID, options.logger ?? SILENT_LOGGER);
      return Promise.resolve({ ok: true, text, usage, modelId: LOCAL_MODEL_ID, stopReason: 'end_turn' });
    },
  };
}
