/**
 * Renderers: one typed message in, every channel's payload out (see `RenderedMessage`).
 *
 * @packageDocumentation
 */
export { MAX_SERVICENOW_SHORT_DESCRIPTION, renderMessage } from './render-message';
export {
  DEFAULT_TRUSTED_LINK_HOSTS,
  RenderOptionsSchema,
  type RenderOptions,
  type ResolvedRenderOptions,
} from './options';
export { MAX_SUBJECT_LENGTH, subjectOf } from './subject';
export { sanitizeAiHtml, AI_ALLOWED_TAGS } from './sanitize-ai-html';
export { slackEscape } from './slack';
export { escapeCardMarkdown } from './teams';
export { securityHubFindingUrl } from './links';
