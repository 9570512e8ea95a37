/**
 * `@soar/remediations/controls`: what a control module is written with (`defineControl` and its
 * types, error classification, before-images). SOAR's own controls are the entries of `CONTROLS`; a
 * registry of your own takes any of them and your controls (`new Registry([...])`).
 *
 * @packageDocumentation
 */
export {
  defineControl,
  registerControl,
  type ClientFactory,
  type ControlContext,
  type ControlRollback,
  type ControlMetadata,
  type Evaluation,
  type FindingEvaluation,
  type FindingResource,
  type FindingStateResult,
  type Plan,
  type PlanContext,
  type ParsedRollback,
  type PlannedChange,
  type ReadResult,
  type RegisteredRollback,
  type RollbackEvaluation,
  type RollbackPlan,
} from './engine/control';
export { parseBeforeImage } from './engine/before-image';
export { globalArn, regionalArn, sessionStatements, type ArnContext } from './engine/permissions';
export {
  classifyError,
  describeError,
  errorName,
  RESOURCE_NOT_FOUND_ERRORS,
  type FailureKind,
} from './engine/classify';
export { rollbackSessionActions } from './engine/rollback';
export {
  ARN_PARTITIONS,
  arnIdPattern,
  resourceIdPattern,
  type ArnIdDeclaration,
  type ArnScope,
  type ResourceIdDeclaration,
  type ResourceIdExamples,
  type ResourceIdParts,
  type ResourceIdPattern,
} from './engine/resource-id';
export { ResourceIdError } from './errors';
