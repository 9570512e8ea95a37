import { ecs_2 } from '../../src/controls/ecs/ecs-2';
import { registerControl } from '../../src/engine/control';
import { canonical, type RemediationScenario } from '../remediation-harness';
import { createNetwork, createPublicService, liveService } from '../ecs-moto-fixtures';

/**
 * ECS.2: a Fargate service that assigns public IPs, in a subnet whose route table has no route to the
 * internet (so turning public IPs off cuts nothing).
 */
export const scenario: RemediationScenario = {
  control: registerControl(ecs_2),
  arrange: async (access) => createPublicService(access, await createNetwork(access)),
  async observe(access, resource) {
    return canonical((await liveService(access, resource))?.networkConfiguration ?? {});
  },
};
