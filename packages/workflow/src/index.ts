/**
 * `@soar/workflow`: the steps of SOAR's finding workflows, each a function of the typed flow state
 * and the ports it names. The runtime configuration is in `@soar/workflow/config`, the ports wired
 * to AWS (one factory per port) in `@soar/workflow/aws`, the idempotency keys and per-finding ordering
 * (watermarks) in `@soar/workflow/ordering`, the limits intake holds events to in
 * `@soar/workflow/limits`, the ports of the enabled-controls sync in `@soar/workflow/sync-controls` (the scheduled jobs
 * themselves are in `@soar/scheduled-jobs`).
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
  WorkflowError,
} from './errors';
export type {
  AccountLookup,
  AiAnalyst,
  AiMessageKind,
  CloseTicketPorts,
  ExecutionStarter,
  FailureRecord,
  FindingExporter,
  FailureRecorder,
  GateLoader,
  IntakePorts,
  NotifyFixedPorts,
  RecordFailurePorts,
  RemediatePorts,
  Remediator,
  SuppressPorts,
  TicketPorts,
  WorkflowPorts,
} from './ports';
export type { FlowOutcome, FlowState, RemediationSummary, TicketRef } from './state';
export { intake, type IntakeResult } from './steps/intake';
export {
  closeTicketStep,
  notifyFixedStep,
  notifyIncidentStep,
  recordFailureStep,
  remediateStep,
  suppressStep,
  ticketStep,
} from './steps/steps';
export { createMemoryFailureRecorder } from './failures';
export { ticketingFor } from './ticketing';
