/**
 * Rendering details: the limits each channel imposes, its escaping, and the formatting helpers the
 * renderers share.
 *
 * @packageDocumentation
 */
export { formatDuration, formatTimestamp, type JsonValue } from '../model/format';
export { MAX_SERVICENOW_SHORT_DESCRIPTION } from './render-message';
export { DEFAULT_TRUSTED_LINK_HOSTS, type ResolvedRenderOptions } from './options';
export { MAX_SUBJECT_LENGTH } from './subject';
export { slackEscape } from './slack';
export { escapeCardMarkdown } from './teams';
