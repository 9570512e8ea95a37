import * as path from 'node:path';
import type { CloudFormationTemplate } from '@soar/local-runtime';
import { cachedTemplate, type World } from '@soar/simulation';
import type { SoarAppConfigInput } from './config';

/** The workspace root: the functions' entries are recorded relative to it. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * The organization id a simulation deploys with when `base` names none: the local world has no
 * organization, and a placeholder keeps the member-role condition as a real deployment has it.
 */
export const SIMULATION_ORGANIZATION_ID = 'o-localsimulation';

/**
 * The app configuration a simulation deploys: the defaults, with the world's decision switches,
 * ticket-only rules, service levels and incident configuration, so that the local stack is
 * configured as the world says.
 */
export function simulationAppConfig(world: World, base: SoarAppConfigInput = {}): SoarAppConfigInput {
  const organization =
    base.organizationId === undefined && base.allowAnyOrganization !== true
      ? { organizationId: SIMULATION_ORGANIZATION_ID }
      : {};
  return {
    ...organization,
    ...base,
    decide: world.decide,
    remediation: { ...base.remediation, ticketOnly: world.remediation.ticketOnly },
    ...(world.sla === undefined ? {} : { sla: world.sla }),
    ...(world.incidents === undefined ? {} : { incidents: world.incidents }),
    // The local model: the messages show where the AI section goes, and nothing is called.
    ai: { ...base.ai, provider: 'local' },
  };
}

/**
 * The stack a simulation of `world` runs: synthesized once per configuration and sources, then read
 * from `.cache/soar/templates` (the CDK app is loaded only to synthesize).
 *
 * @example
 * ```ts
 * const template = await simulationTemplate(world);
 * ```
 */
export function simulationTemplate(
  world: World,
  base: SoarAppConfigInput = {},
): Promise<CloudFormationTemplate> {
  const config = simulationAppConfig(world, base);
  return cachedTemplate({
    cacheDir: path.join(WORKSPACE_ROOT, '.cache', 'soar', 'templates'),
    sources: [path.join(WORKSPACE_ROOT, 'apps', 'soar-core', 'src'), path.join(WORKSPACE_ROOT, 'packages')],
    inputs: config,
    produce: async () => (await import('./synth.js')).synthTemplate(config),
  });
}
