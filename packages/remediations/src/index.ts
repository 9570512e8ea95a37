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
  type RegisteredControl,
  type RegisteredRollback,
  type RemediationControl,
  type RollbackEvaluation,
  type RollbackPlan,
} from './engine/control';
export { parseBeforeImage } from './engine/before-image';
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
  planFromFinding,
  planRemediation,
  remediate,
  simulateRemediation,
  SIMULATION_PREFIX,
  type FindingResourcePlan,
  type OptOutTag,
  type PlanFromFindingOptions,
  type RemediateOptions,
  type RemediationResult,
  type ResourcePlan,
} from './engine/runner';
export {
  planRollback,
  rollback,
  rollbackSessionActions,
  RollbackRecordSchema,
  type RollbackOptions,
  type RollbackPlanResult,
  type RollbackRecord,
  type RollbackResult,
} from './engine/rollback';
export { CONTROLS, defaultRegistry } from './registry';
export { dynamodb_2 } from './controls/dynamodb/dynamodb-2';
export { ec2_2 } from './controls/ec2/ec2-2';
export { ec2_4 } from './controls/ec2/ec2-4';
export { ec2_6 } from './controls/ec2/ec2-6';
export { ec2_7 } from './controls/ec2/ec2-7';
export { ec2_12 } from './controls/ec2/ec2-12';
export { ec2_13 } from './controls/ec2/ec2-13';
export { ec2_14 } from './controls/ec2/ec2-14';
export { ec2_15 } from './controls/ec2/ec2-15';
export { ec2_22 } from './controls/ec2/ec2-22';
export { kms_4 } from './controls/kms/kms-4';
export { s3_2, s3_8 } from './controls/s3/s3-2';
export { s3_3 } from './controls/s3/s3-3';
export { s3_10 } from './controls/s3/s3-10';
