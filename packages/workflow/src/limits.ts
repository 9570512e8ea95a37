/**
 * `@soar/workflow/limits`: the limits intake holds an event to, as AWS documents them (EventBridge
 * 256 KiB events, Security Hub's 240 KB findings, Step Functions' 256 KiB states), the typed
 * reasons it refuses an event or a finding for, and the message of the line it logs for each.
 *
 * @packageDocumentation
 */
export {
  INTAKE_LIMITS,
  INTAKE_REJECTED_LOG_MESSAGE,
  INTAKE_REJECTION_ERRORS,
  type IntakeRejection,
} from './steps/intake';
export { STATE_BUDGET_BYTES, withinStateBudget } from './state-budget';
