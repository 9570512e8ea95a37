/**
 * `@soar/workflow`: the steps of SOAR's finding workflows, each a function of the typed flow state
 * and the ports it names. The runtime configuration is in `@soar/workflow/config`, the ports wired
 * to AWS (one factory per port) in `@soar/workflow/aws`.
 *
 * @packageDocumentation
 */
export {
  ExecutionStartError,
  GateDataError,
  IntakeRetryError,
  InvalidStepInputError,
  NOTIFICATION_NOT_DELIVERED,
  NotificationNotDeliveredError,
  WatermarkError,
  WorkflowConfigError,
  WorkflowError,
} from './errors';
export { eventKey, executionName } from './keys';
export type {
  AccountLookup,
  CloseTicketPorts,
  ExecutionStarter,
  FailureRecord,
  FailureRecorder,
  GateLoader,
  IntakePorts,
  NotifyFixedPorts,
  RecordFailurePorts,
  RemediatePorts,
  RemindPorts,
  Remediator,
  SuppressPorts,
  TicketOperations,
  TicketPorts,
  WorkflowPorts,
} from './ports';
export type { FlowOutcome, FlowState, RemediationSummary, TicketRef } from './state';
export {
  intake,
  INTAKE_LIMITS,
  INTAKE_REJECTION_ERRORS,
  type IntakeRejection,
  type IntakeResult,
} from './steps/intake';
export { STATE_BUDGET_BYTES, withinStateBudget } from './state-budget';
export {
  closeTicketStep,
  notifyFixedStep,
  recordFailureStep,
  remindOverdueStep,
  remediateStep,
  suppressStep,
  ticketStep,
} from './steps/steps';
export { createMemoryFailureRecorder } from './failures';
export {
  compareEvents,
  createMemoryWatermarks,
  decideWatermark,
  eventMarkOf,
  EventMarkSchema,
  type EventMark,
  type WatermarkClaim,
  type WatermarkDecision,
  type WatermarkStore,
} from './watermark';
export { ticketingFor } from './ticketing';
