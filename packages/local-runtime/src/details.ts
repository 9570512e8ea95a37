/**
 * `@soar/local-runtime/details`: the parts the root entry is built from, for tools that go further:
 * intrinsic resolution, ASL schemas and walking, definition checks, task bindings, table inputs.
 *
 * @packageDocumentation
 */
export { CloudFormationResourceSchema, constructPathOf } from './cloudformation/template';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  DEFAULT_STACK_NAME,
  isResourceEnabled,
  physicalNameOf,
  resolveIntrinsics,
  resourceArnOf,
} from './cloudformation/resolve';
export {
  AslDefinitionSchema,
  AslStateSchema,
  walkStates,
  type AslDefinition,
  type AslState,
  type WalkedState,
} from './state-machine/asl';
export { findUnsupportedFeatures } from './state-machine/supported';
export { validateDefinition } from './state-machine/validate';
export { definitionOf, functionNameOf, taskBindingsOf, type TaskKind } from './state-machine/extract';
export { createTableInputsOf } from './dynamodb/tables';
export { ExecutionInputTooLargeError } from './errors';
export { dynamoDbTaskHandler } from './dynamodb/task-handler';
