/**
 * `@soar/remediations/simulation`: planning without AWS, for simulations and dry runs. Plans come
 * from the finding alone (`planFromFinding`), or from live states the caller gives, e.g. written in a
 * simulation's world file (`planFromState`, the `liveState` option of `simulateRemediation`); a
 * given state is parsed with its control's `stateSchema` (`defaultRegistry.get(id)?.stateSchema`),
 * and one that does not match is a {@link LiveStateError} naming the control, the resource and every
 * bad field.
 *
 * @example
 * ```ts
 * import { defaultRegistry } from '@soar/remediations';
 * import { LiveStateError, simulateRemediation } from '@soar/remediations/simulation';
 *
 * const world = new Map([[resourceId, { groupId: 'sg-0123456789abcdef0', groupName: 'default', ingress: [], egress: [], networkInterfaces: [], tags: {} }]]);
 * try {
 *   const { result } = simulateRemediation(pad, { registry: defaultRegistry, liveState: (resource) => world.get(resource.Id) });
 * } catch (error) {
 *   if (error instanceof LiveStateError) console.error(error.message); // names the control, the resource and each bad field
 * }
 * ```
 *
 * @packageDocumentation
 */
export { LiveStateError, type InvalidFieldIssue } from './errors';
export type { StateEvaluation } from './engine/control';
export {
  planFromFinding,
  planFromState,
  simulateRemediation,
  SIMULATION_PREFIX,
  type FindingResourcePlan,
  type LiveStateLookup,
  type PlanFromFindingOptions,
  type SimulateRemediationOptions,
} from './engine/runner';
