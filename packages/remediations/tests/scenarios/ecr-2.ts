import { ecr_2 } from '../../src/controls/ecr/ecr-2';
import { registerControl } from '../../src/engine/control';
import { createRepository, liveRepository } from '../ecr-moto-fixtures';
import type { RemediationScenario } from '../remediation-harness';

/** ECR.2: a new repository with mutable tags (the default). */
export const scenario: RemediationScenario = {
  control: registerControl(ecr_2),
  arrange: (access) => createRepository(access, 'team/tagged-app'),
  async observe(access, resource) {
    const repository = await liveRepository(access, resource);
    return {
      imageTagMutability: repository?.imageTagMutability,
      exclusionFilters: repository?.imageTagMutabilityExclusionFilters ?? [],
    };
  },
};
