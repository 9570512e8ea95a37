import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { ecs_12 } from '../../src/controls/ecs/ecs-12';
import { registerControl } from '../../src/engine/control';
import { createCluster, memberEcs } from '../ecs-moto-fixtures';
import type { RemediationScenario } from '../remediation-harness';

/** ECS.12: a new cluster with Container Insights off. */
export const scenario: RemediationScenario = {
  control: registerControl(ecs_12),
  arrange: (access) => createCluster(access, 'insights-cluster'),
  async observe(access, resource) {
    const { clusters } = await memberEcs(access).send(
      new DescribeClustersCommand({ clusters: [resource.Id], include: ['SETTINGS'] }),
    );
    return clusters?.[0]?.settings?.find((s) => s.name === 'containerInsights')?.value ?? 'none';
  },
};
