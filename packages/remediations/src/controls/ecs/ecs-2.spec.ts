import { DescribeRouteTablesCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import type { FindingResource } from '../../engine/control';
import { ecs_2, type Ecs2State } from './ecs-2';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/orders/api`;
const SUBNET = 'subnet-0123456789abcdef0';
const GROUP = 'sg-0123456789abcdef0';

function contextFor(resource: FindingResource) {
  return unitContext({
    controlId: 'ECS.2',
    resource,
    accountId: ACCOUNT,
    region: REGION,
    now: new Date('2026-01-01T00:00:00Z'),
    firstObservedAt: undefined,
  });
}
const context = contextFor({ Type: 'AwsEcsService', Id: ARN, Partition: 'aws', Region: REGION });

function state(overrides: Partial<Ecs2State> = {}): Ecs2State {
  return {
    clusterName: 'orders',
    serviceName: 'api',
    createdAt: '2026-09-01T08:30:00.000Z',
    deploymentController: 'ECS',
    assignPublicIp: 'ENABLED',
    subnets: [SUBNET],
    securityGroups: [GROUP],
    subnetRoutes: [{ subnetId: SUBNET, routeTableId: 'rtb-1', internetRoute: 'nat-0f1e2d3c4b5a69788' }],
    tags: {},
    ...overrides,
  };
}

describe('Control: ECS.2 plan', () => {
  it.each([
    ['public IPs off', state({ assignPublicIp: 'DISABLED', subnetRoutes: [] }), 'compliant'],
    [
      'no awsvpc network configuration',
      (({ assignPublicIp: _none, ...rest }) => ({
        ...rest,
        subnets: [],
        securityGroups: [],
        subnetRoutes: [],
      }))(state()),
      'compliant',
    ],
    ['subnets routing through a NAT gateway', state(), 'changes'],
    [
      'subnets without any default route',
      state({ subnetRoutes: [{ subnetId: SUBNET, routeTableId: 'rtb-1' }] }),
      'changes',
    ],
    [
      'a subnet routing through an internet gateway (the original redeployed without checking)',
      state({ subnetRoutes: [{ subnetId: SUBNET, routeTableId: 'rtb-1', internetRoute: 'igw-0a1b2c3d' }] }),
      'refuse',
    ],
    ['a CodeDeploy blue/green service', state({ deploymentController: 'CODE_DEPLOY' }), 'refuse'],
    ['a subnet without a route table', state({ subnetRoutes: [{ subnetId: SUBNET }] }), 'refuse'],
  ] as const)('%s: %s', (_label, given, kind) => {
    expect(ecs_2.plan(given, context).kind).toBe(kind);
  });

  it('refuses an internet-gateway subnet, naming it and what to do', () => {
    const plan = ecs_2.plan(
      state({ subnetRoutes: [{ subnetId: SUBNET, routeTableId: 'rtb-1', internetRoute: 'igw-0a1b2c3d' }] }),
      context,
    );
    expect(plan).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining(
        `${SUBNET} (via igw-0a1b2c3d) reach the internet through an internet gateway`,
      ),
    });
  });

  it('turns public IPs off with the live subnets and security groups, recording them', () => {
    expect(ecs_2.plan(state(), context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'ecs:UpdateService',
          description:
            'Turned off public IP addresses for the tasks of the ECS service api of orders (same subnets and security groups).',
          params: {
            clusterName: 'orders',
            serviceName: 'api',
            subnets: [SUBNET],
            securityGroups: [GROUP],
            assignPublicIp: 'DISABLED',
          },
        },
      ],
      beforeImage: {
        clusterName: 'orders',
        serviceName: 'api',
        createdAt: '2026-09-01T08:30:00.000Z',
        subnets: [SUBNET],
        securityGroups: [GROUP],
        assignPublicIp: 'ENABLED',
      },
      actionsRequired: expect.stringContaining('new deployment'),
    });
  });
});

describe('Control: ECS.2 read and apply (aws-sdk-client-mock)', () => {
  const ecs = mockClient(ECSClient);
  const ec2 = mockClient(EC2Client);
  afterEach(() => {
    ecs.reset();
    ec2.reset();
  });

  function liveService(assignPublicIp: 'ENABLED' | 'DISABLED') {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceName: 'api',
          status: 'ACTIVE',
          createdAt: new Date('2026-09-01T08:30:00Z'),
          deploymentController: { type: 'ECS' },
          networkConfiguration: {
            awsvpcConfiguration: { subnets: [SUBNET], securityGroups: [GROUP], assignPublicIp },
          },
          tags: [{ key: 'team', value: 'payments' }],
        },
      ],
    });
  }

  it('reads the live network configuration (not the finding details) and the subnet routes, main table as fallback', async () => {
    // Arrange: the finding's Details name another subnet: stale data the original would have applied
    liveService('ENABLED');
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: SUBNET, VpcId: 'vpc-1' }] });
    ec2.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        {
          RouteTableId: 'rtb-main',
          VpcId: 'vpc-1',
          Associations: [{ Main: true }],
          Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0a1b2c3d', State: 'active' }],
        },
      ],
    });
    const stale = contextFor({
      Type: 'AwsEcsService',
      Id: ARN,
      Partition: 'aws',
      Region: REGION,
      Details: {
        AwsEcsService: {
          NetworkConfiguration: {
            AwsVpcConfiguration: {
              Subnets: ['subnet-stale'],
              SecurityGroups: ['sg-stale'],
              AssignPublicIp: 'ENABLED',
            },
          },
        },
      },
    });

    // Act
    const read = await ecs_2.read(stale);

    // Assert
    expect(read).toEqual({
      kind: 'found',
      state: state({
        subnetRoutes: [{ subnetId: SUBNET, routeTableId: 'rtb-main', internetRoute: 'igw-0a1b2c3d' }],
        tags: { team: 'payments' },
      }),
    });
    expect(ec2.commandCalls(DescribeRouteTablesCommand)[0]?.args[0].input).toMatchObject({
      Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }],
    });
  });

  it('reads no routes while public IPs are off', async () => {
    liveService('DISABLED');
    const read = await ecs_2.read(context);
    expect(read).toMatchObject({ kind: 'found', state: { assignPublicIp: 'DISABLED', subnetRoutes: [] } });
    expect(ec2.calls()).toHaveLength(0);
  });

  it.each(['ClusterNotFoundException', 'ServiceNotFoundException'])('is gone on %s', async (name) => {
    ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error('x'), { name }));
    expect((await ecs_2.read(context)).kind).toBe('gone');
  });

  it.each([
    ['MISSING', { services: [], failures: [{ arn: ARN, reason: 'MISSING' }] }],
    ['INACTIVE', { services: [{ serviceName: 'api', status: 'INACTIVE' }] }],
  ])('is gone when the service is %s', async (_label, output) => {
    ecs.on(DescribeServicesCommand).resolves(output);
    expect((await ecs_2.read(context)).kind).toBe('gone');
  });

  it('does not take a missing subnet for a missing service (no suppression)', async () => {
    liveService('ENABLED');
    ec2
      .on(DescribeSubnetsCommand)
      .rejects(Object.assign(new Error('x'), { name: 'InvalidSubnetID.NotFound' }));
    await expect(ecs_2.read(context)).rejects.toMatchObject({
      name: 'RemediationError',
      message: expect.stringContaining(`could not read the routes of the subnets ${SUBNET}`),
    });
  });

  it('sends the whole awsvpcConfiguration with public IPs off', async () => {
    ecs.on(UpdateServiceCommand).resolves({});
    const plan = ecs_2.plan(state(), context);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await ecs_2.apply(plan.changes, context);
    expect(ecs.commandCalls(UpdateServiceCommand)[0]?.args[0].input).toEqual({
      cluster: 'orders',
      service: 'api',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: [SUBNET], securityGroups: [GROUP], assignPublicIp: 'DISABLED' },
      },
    });
  });

  it('finds the cluster of an old-format service ARN in the finding details', async () => {
    liveService('DISABLED');
    const old = contextFor({
      Type: 'AwsEcsService',
      Id: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/api`,
      Partition: 'aws',
      Region: REGION,
      Details: { AwsEcsService: { Cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/orders` } },
    });
    await ecs_2.read(old);
    expect(ecs.commandCalls(DescribeServicesCommand)[0]?.args[0].input).toMatchObject({
      cluster: 'orders',
      services: ['api'],
    });
  });

  it('rejects an old-format service ARN without a cluster, naming it', async () => {
    const id = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/api`;
    await expect(ecs_2.read(contextFor({ Type: 'AwsEcsService', Id: id }))).rejects.toThrow(
      `${id} is not the ARN of an ECS service`,
    );
  });
});
