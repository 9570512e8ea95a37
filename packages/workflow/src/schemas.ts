/**
 * `@soar/workflow/schemas`: the schema of the state a finding carries through the finding processor,
 * and `parseFlowState`, which every task of the finding processor validates its input with.
 *
 * @packageDocumentation
 */
export {
  FlowOutcomeSchema,
  FlowStateSchema,
  RemediationSummarySchema,
  TicketRefSchema,
  type FlowStateInput,
} from './state';
export { parseFlowState } from './steps/parse-state';
