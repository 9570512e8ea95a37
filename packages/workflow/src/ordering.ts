/**
 * `@soar/workflow/ordering`: what makes a finding's events idempotent and ordered. Each event has a
 * key (`eventKey`) that names its execution (`executionName`), so a duplicate delivery starts
 * nothing; each finding keeps a watermark, the newest event acted on, so an older event that
 * arrives late changes nothing (`decideWatermark`).
 *
 * @packageDocumentation
 */
export { digestKey, eventKey, executionName } from './keys';
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
