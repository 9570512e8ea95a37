/**
 * `@soar/triage`: every decision SOAR makes before acting, as pure functions over data plus thin
 * adapters for the data they need.
 *
 * @packageDocumentation
 */
export { TriageError, type TriageErrorContext } from './errors';
export * from './decide';
export * from './suppression';
export * from './accounts';
export * from './security-hub';
export * from './health';
export * from './reassignment';
export * from './controls';
