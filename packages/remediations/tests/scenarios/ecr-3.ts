import { GetLifecyclePolicyCommand } from '@aws-sdk/client-ecr';
import { ecr_3 } from '../../src/controls/ecr/ecr-3';
import { registerControl } from '../../src/engine/control';
import { errorName } from '../../src/engine/classify';
import { createRepository, memberEcr, repositoryNameOf } from '../ecr-moto-fixtures';
import type { RemediationScenario } from '../remediation-harness';

/** ECR.3: a new repository without a lifecycle policy (the default). */
export const scenario: RemediationScenario = {
  control: registerControl(ecr_3),
  arrange: (access) => createRepository(access, 'team/pruned-app'),
  async observe(access, resource) {
    try {
      const policy = await memberEcr(access).send(
        new GetLifecyclePolicyCommand({ repositoryName: repositoryNameOf(resource) }),
      );
      return { lifecyclePolicyText: policy.lifecyclePolicyText };
    } catch (error) {
      if (errorName(error) === 'LifecyclePolicyNotFoundException') return { lifecyclePolicyText: 'none' };
      throw error;
    }
  },
};
