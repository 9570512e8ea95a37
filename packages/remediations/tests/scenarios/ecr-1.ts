import { ecr_1 } from '../../src/controls/ecr/ecr-1';
import { registerControl } from '../../src/engine/control';
import { createRepository, liveRepository } from '../ecr-moto-fixtures';
import type { RemediationScenario } from '../remediation-harness';

/** ECR.1: a new repository in a registry on basic scanning without rules; scan on push off (the default). */
export const scenario: RemediationScenario = {
  control: registerControl(ecr_1),
  arrange: (access) => createRepository(access, 'team/scanned-app'),
  async observe(access, resource) {
    return (await liveRepository(access, resource))?.imageScanningConfiguration ?? {};
  },
};
