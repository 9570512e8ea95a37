/**
 * `@soar/redaction`: replaces secrets with `[redacted]` before anything leaves SOAR (emails, chat
 * messages, tickets, Sentinel rows, log lines, AI prompts) and counts them. No dependencies.
 *
 * @packageDocumentation
 */
export { redact, type JsonValue, type Redacted } from './redact';
export { looksSecret } from './keys';
export { REDACTED } from './text';
