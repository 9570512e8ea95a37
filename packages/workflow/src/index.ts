/**
 * `@soar/workflow`: the steps of SOAR's finding workflows, each a function of the typed flow state
 * and the ports it acts through, plus the wiring of those ports to AWS and to a local world.
 *
 * @packageDocumentation
 */
export { ExecutionStartError, InvalidStepInputError, WorkflowConfigError, WorkflowError } from './errors';
export type { WorkflowErrorContext } from './errors';
export { eventKey, executionName } from './keys';
export {
  type AccountLookup,
  type ExecutionStarter,
  type FailureRecord,
  type FailureRecorder,
  type GateLoader,
  type Remediator,
  type TicketOperations,
  type WorkflowPorts,
} from './ports';
export {
  FlowOutcomeSchema,
  FlowStateSchema,
  RemediationSummarySchema,
  TicketRefSchema,
  type FlowOutcome,
  type FlowState,
  type FlowStateInput,
  type RemediationSummary,
  type TicketRef,
} from './state';
export {
  RUNTIME_CONFIG_VARIABLE,
  RuntimeConfigSchema,
  TicketingRuntimeSchema,
  TicketOnlyRuleSchema,
  isTicketOnly,
  parseRuntimeConfig,
  runtimeConfigFromEnv,
  type RuntimeConfig,
  type RuntimeConfigInput,
  type TicketingRuntime,
} from './runtime-config';
export { intake, type IntakeOptions, type IntakeResult } from './steps/intake';
export {
  closeTicketStep,
  failedStepOf,
  notifyFixedStep,
  parseFlowState,
  recordFailureStep,
  remediateStep,
  suppressStep,
  ticketStep,
} from './steps/steps';
export {
  createDynamoDbFailureRecorder,
  createMemoryFailureRecorder,
  failuresTableDefinition,
} from './adapters/failure-store';
export { createAwsPorts, stepFunctionsStarter, type AwsPortsOptions } from './adapters/aws-ports';
export {
  WorldAccountSchema,
  WorldSchema,
  seedWorld,
  worldAccountSource,
  type World,
  type WorldAccount,
  type WorldInput,
} from './local/world';
export { readFindingInputs, type FindingInputs, type InputFinding, type InputProblem } from './local/inputs';
export { createOutbox, type OutboxMessage } from './local/outbox';
export { findingsImportedEvent } from './local/events';
export { isReadOnlyAction, readOnlyAccess } from './adapters/read-only-access';
export { ticketingFor } from './adapters/ticketing';
export { GateDataError } from './errors';
export { GateTablesSchema, loadGateData, type GateDataSource, type GateTables } from './aws/gate-loader';
