import {
  closeTicketStep,
  intake,
  notifyFixedStep,
  parseFlowState,
  recordFailureStep,
  remediateStep,
  suppressStep,
  ticketStep,
  type RuntimeConfig,
  type WorkflowPorts,
} from '@soar/workflow';

/**
 * The Lambda functions of the soar-core app. Each id is the construct id of its function in the
 * stack and the key its step is bound by, in AWS (one entry file per function) and locally
 * (`soar simulate` binds the state machine's tasks to the same steps).
 */
export const FUNCTION_IDS = [
  'Intake',
  'Suppress',
  'Remediate',
  'Ticket',
  'NotifyFixed',
  'CloseTicket',
  'RecordFailure',
] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];

/** What every step runs with: its ports and the runtime configuration. */
export interface StepContext {
  readonly ports: WorkflowPorts;
  readonly config: RuntimeConfig;
}

/** A function's whole behaviour: parse the input, call one library step. */
export type FunctionStep = (input: unknown, context: StepContext) => Promise<unknown>;

/** What each function does. No business rule lives here: each line calls one `@soar/workflow` step. */
export const FUNCTION_STEPS = {
  Intake: (event, { ports, config }) => intake(event, { ...ports, config: config.decide }),
  Suppress: (input, { ports }) => suppressStep(parseFlowState(input, 'suppress'), ports),
  Remediate: (input, { ports }) => remediateStep(parseFlowState(input, 'remediate'), ports),
  Ticket: (input, { ports }) => ticketStep(parseFlowState(input, 'ticket'), ports),
  NotifyFixed: (input, { ports }) => notifyFixedStep(parseFlowState(input, 'notify-fixed'), ports),
  CloseTicket: (input, { ports }) => closeTicketStep(parseFlowState(input, 'close-ticket'), ports),
  RecordFailure: (input, { ports }) => recordFailureStep(parseFlowState(input, 'record-failure'), ports),
} as const satisfies Readonly<Record<FunctionId, FunctionStep>>;

/** Whether a string is a function id (for binding construct paths back to steps). */
export function isFunctionId(value: string): value is FunctionId {
  return (FUNCTION_IDS as readonly string[]).includes(value);
}
