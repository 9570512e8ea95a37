/**
 * `@soar/workflow/limits`: the limits intake holds an event to, as AWS documents them (EventBridge
 * 256 KiB events, Security Hub's 240 KB findings, Step Functions' 256 KiB states), and the typed
 * reasons it refuses an event or a finding for.
 *
 * @packageDocumentation
 */
export { INTAKE_LIMITS, INTAKE_REJECTION_ERRORS, type IntakeRejection } from './steps/intake';
export { STATE_BUDGET_BYTES, withinStateBudget } from './state-budget';
