export { TriageError, type TriageErrorContext } from './errors';
