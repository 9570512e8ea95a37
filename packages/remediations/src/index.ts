/**
 * `@soar/remediations`: plan and apply fixes for Security Hub control findings in any member account.
 *
 * @packageDocumentation
 */
export {
  BeforeImageError,
  RegistryError,
  RemediationError,
  RollbackRecordError,
  type InvalidFieldIssue,
  type RemediationErrorContext,
} from './errors';
export { Registry } from './engine/registry';
export {
  DEFAULT_OPT_OUT_TAG,
  planRemediation,
  remediate,
  type OptOutTag,
  type RemediateOptions,
  type RemediationResult,
  type ResourcePlan,
} from './engine/runner';
export {
  planRollback,
  rollback,
  RollbackRecordSchema,
  type RollbackOptions,
  type RollbackPlanResult,
  type RollbackRecord,
  type RollbackResult,
} from './engine/rollback';
export type { RegisteredControl, RemediationControl } from './engine/control';
export { CONTROLS, defaultRegistry } from './registry';
