/**
 * `@soar/local-runtime`: run CDK-synthesized Step Functions state machines in this process with the
 * same Lambda handler modules, match events against the template's EventBridge rules, and create the
 * template's DynamoDB tables in an embedded DynamoDB, all from the synthesized CloudFormation JSON.
 *
 * @packageDocumentation
 */
export {
  InvalidDefinitionError,
  InvalidEventPatternError,
  LocalRuntimeError,
  UnboundTaskError,
  UnsupportedDefinitionError,
  type LocalRuntimeErrorContext,
} from './errors';
export {
  CloudFormationTemplateSchema,
  type CloudFormationResource,
  type CloudFormationTemplate,
} from './cloudformation/template';
export { type ResolveContext, type ResolveOptions } from './cloudformation/resolve';
export { listFunctions, type LocalFunction } from './cloudformation/functions';
export { extractStateMachines, type ExtractedStateMachine, type TaskBinding } from './state-machine/extract';
export {
  LocalStateMachine,
  type LocalStateMachineOptions,
  type RunExecutionOptions,
  type TaskHandler,
  type TaskHandlerResolver,
} from './state-machine/local-state-machine';
export type {
  ExecutionStatus,
  ExecutionTrace,
  StepFunctionsError,
  TaskInvocationInfo,
  TracedRetry,
  TracedState,
  TracedTaskInvocation,
} from './state-machine/trace';
export { extractEventRules, type LocalEventRule, type LocalEventTarget } from './events/event-rules';
export { matchesEventPattern, validateEventPattern } from './events/event-pattern';
export { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './dynamodb/embedded-dynamodb';
export { createTablesFromTemplate } from './dynamodb/tables';
