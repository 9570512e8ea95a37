/**
 * `@soar/messages/ai-html`: the allow-list sanitiser of AI analysis HTML, on its own entry because it
 * loads an HTML parser and its entity tables (about 100 KB). Pass `renderAiHtml` to `renderMessage`
 * (`{ aiHtml: renderAiHtml }`) in the functions that send messages with an AI analysis; without it
 * the analysis is shown as plain text.
 *
 * @example
 * ```ts
 * import { renderMessage } from '@soar/messages';
 * import { renderAiHtml } from '@soar/messages/ai-html';
 *
 * const rendered = renderMessage(message, { productName: 'SOAR', aiHtml: renderAiHtml });
 * ```
 *
 * @packageDocumentation
 */
export {
  AI_ALLOWED_TAGS,
  sanitizeAiHtml,
  sanitizeAiHtmlFragment as renderAiHtml,
} from './render/sanitize-ai-html';
