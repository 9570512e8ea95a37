import { DeleteClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { memberEcs } from './ecs-moto-fixtures';
import { motoAccess, padFor, run } from './remediation-harness';
import { scenario } from './scenarios/ecs-12';

describe('Control: ECS.12 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  it('turns on Container Insights, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('ECS.12', resource), { access });
    const second = await run(scenario.control, padFor('ECS.12', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: ['Turned on Container Insights for the ECS cluster insights-cluster.'],
    });
    const { clusters } = await memberEcs(access).send(
      new DescribeClustersCommand({ clusters: [resource.Id], include: ['SETTINGS'] }),
    );
    expect(clusters?.[0]?.settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('suppresses the finding of a deleted cluster, with no waiter involved', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await memberEcs(access).send(new DeleteClusterCommand({ cluster: resource.Id }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('ECS.12', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone', controlId: 'ECS.12' });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
