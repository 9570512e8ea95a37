/**
 * `@soar/remediations`: plan and apply fixes for Security Hub control findings in any member account.
 *
 * @packageDocumentation
 */
export { RegistryError, RemediationError, type RemediationErrorContext } from './errors';
export {
  defineControl,
  registerControl,
  type ClientFactory,
  type ControlContext,
  type ControlMetadata,
  type Evaluation,
  type FindingResource,
  type Plan,
  type PlanContext,
  type PlannedChange,
  type ReadResult,
  type RegisteredControl,
  type RemediationControl,
} from './engine/control';
export {
  classifyError,
  describeError,
  errorName,
  RESOURCE_NOT_FOUND_ERRORS,
  type FailureKind,
} from './engine/classify';
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
export { CONTROLS, defaultRegistry } from './registry';
