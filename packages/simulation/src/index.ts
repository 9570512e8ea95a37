/**
 * `@soar/simulation`: SOAR on one machine. The synthesized stack's state machine and rules run
 * in-process, each task bound to the very entry module its Lambda function bundles, over embedded
 * DynamoDB, a local Security Hub, internal tickets and an outbox; the world file describes the
 * organization; `simulate` runs findings through it and reports what SOAR did with each.
 *
 * @packageDocumentation
 */
export { SimulationError, WorldError } from './errors';
export { loadEntries, type EntryFunction } from './entries';
export { findingsImportedEvent } from './events';
export { readFindingInputs, type FindingInputs, type InputFinding, type InputProblem } from './inputs';
export {
  findWorkspaceRoot,
  LOCAL_SECURITY_ACCOUNT,
  startLocalSoar,
  type EffectsMark,
  type LocalEffects,
  type LocalSoar,
  type LocalSoarOptions,
  type StepInterceptor,
} from './local-soar';
// What `LocalSoar.hourly` returns; how it is built stays inside the package.
export type { HourlyRun } from './hourly';
export { createOutbox, type OutboxMessage } from './outbox';
export {
  simulate,
  type SimulatedExecution,
  type SimulatedFinding,
  type SimulatedFollowUp,
  type SimulateOptions,
  type SimulationReport,
} from './simulate';
export { cachedTemplate, templateKey, type TemplateCacheOptions } from './template-cache';
export {
  checkWorldResources,
  loadWorldFile,
  parseWorld,
  seedWorld,
  WorldAccountSchema,
  WorldSchema,
  worldAccountSource,
  worldLiveState,
  type World,
  type WorldAccount,
  type WorldInput,
} from './world';
