/**
 * `@soar/remediations/controls`: what a control module is written with (`defineControl` and its
 * types, error classification, before-images) and every control module, for a registry of your own.
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
export {
  classifyError,
  describeError,
  errorName,
  RESOURCE_NOT_FOUND_ERRORS,
  type FailureKind,
} from './engine/classify';
export { rollbackSessionActions } from './engine/rollback';
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
