import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  DescribeRouteTablesCommand,
} from '@aws-sdk/client-ec2';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { createNetwork, createPublicService, liveService, memberEc2 } from './ecs-moto-fixtures';
import { motoAccess, padFor, run } from './remediation-harness';
import { scenario } from './scenarios/ecs-2';

describe('Control: ECS.2 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  it('turns public IPs off in a subnet without an internet gateway route, keeping subnets and security groups', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const before = (await liveService(access, resource))?.networkConfiguration?.awsvpcConfiguration;

    // Act
    const first = await run(scenario.control, padFor('ECS.2', resource), { access });
    const second = await run(scenario.control, padFor('ECS.2', resource), { access });

    // Assert
    expect(first.result).toMatchObject({ kind: 'remediated', beforeImages: [{ assignPublicIp: 'ENABLED' }] });
    expect((await liveService(access, resource))?.networkConfiguration?.awsvpcConfiguration).toEqual({
      subnets: before?.subnets,
      securityGroups: before?.securityGroups,
      assignPublicIp: 'DISABLED',
    });
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('refuses, and changes nothing, when the subnet reaches the internet through an internet gateway', async () => {
    // Arrange: the VPC's main route table sends 0.0.0.0/0 to an internet gateway
    const access = motoAccess(moto);
    const network = await createNetwork(access, '10.41.0.0/16');
    const ec2 = memberEc2(access);
    const gateway = await ec2.send(new CreateInternetGatewayCommand({}));
    const gatewayId = gateway.InternetGateway?.InternetGatewayId ?? '';
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: network.vpcId }));
    const { RouteTables } = await ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [network.vpcId] }] }),
    );
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: RouteTables?.[0]?.RouteTableId ?? '',
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: gatewayId,
      }),
    );
    const resource = await createPublicService(access, network, { cluster: 'web', service: 'site' });

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('ECS.2', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining(`${network.subnetId} (via ${gatewayId})`),
    });
    expect(scratchpad.actions.autoremediation_not_done).toBe(true);
    expect(
      (await liveService(access, resource))?.networkConfiguration?.awsvpcConfiguration?.assignPublicIp,
    ).toBe('ENABLED');
  });
});
