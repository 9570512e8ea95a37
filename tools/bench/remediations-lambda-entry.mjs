// Bench entry: a minimal Lambda handler over the whole remediation registry (`@soar/remediations`).
// Bundled by remediations-bundle.mjs; never deployed.
import { createAwsAccess } from '@soar/aws-access';
import { CONTROLS, defaultRegistry, remediate } from '@soar/remediations';

const access = createAwsAccess();

export const controlCount = CONTROLS.length;

export async function handler(event) {
  return remediate(event.scratchpad, { access, registry: defaultRegistry });
}
