/**
 * `@soar/common`: what every SOAR package shares, defined once: the logger type, the error base
 * class, a type guard, text helpers and bounded concurrency. No dependencies.
 *
 * @packageDocumentation
 */
export { mapLimited } from './concurrency';
export { describeError } from './describe-error';
export { SoarError, type SoarErrorContext, type SoarErrorOptions } from './errors';
export { isRecord } from './guards';
export { SILENT_LOGGER, withLogAttributes, type LogAttributes, type SoarLogger } from './logger';
export { closestMatch, findingDigest, quote, truncateChars, truncateUtf8 } from './text';
export { ENTRY_METADATA_KEY } from './metadata';
