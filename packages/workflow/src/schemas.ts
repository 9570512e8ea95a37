/**
 * `@soar/workflow/schemas`: the schema of the state a finding carries through the finding processor,
 * and `parseFlowState`, which every task of the finding processor validates its input with.
 *
 * @packageDocumentation
 */
export { FlowOutcomeSchema, RemediationSummarySchema, StepStateSchema, TicketRefSchema } from './state';
export { FlowStateSchema, type FlowStateInput } from './state-checked';
export { parseFlowState } from './steps/parse-state';
