import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import type { AwsAccess } from '@soar/aws-access';
import type { FindingResource } from '../src/engine/control';
import { MEMBER_ACCOUNT, REGION } from './remediation-harness';

/** Shared by the ECS scenarios and moto tests: clusters and Fargate services in the member account. */

const where = { accountId: MEMBER_ACCOUNT, region: REGION } as const;

export function memberEcs(access: AwsAccess, purpose = 'test'): ECSClient {
  return access.client(ECSClient, where, { purpose });
}

export function memberEc2(access: AwsAccess, purpose = 'test'): EC2Client {
  return access.client(EC2Client, where, { purpose });
}

/** Creates a cluster with Container Insights off (moto's default) and returns its finding resource. */
export async function createCluster(access: AwsAccess, name: string): Promise<FindingResource> {
  const { cluster } = await memberEcs(access, 'arrange').send(
    new CreateClusterCommand({ clusterName: name, tags: [{ key: 'team', value: 'payments' }] }),
  );
  return { Type: 'AwsEcsCluster', Id: cluster?.clusterArn ?? '', Partition: 'aws', Region: REGION };
}

/** A VPC with one subnet (only the main route table's local route: no internet) and a security group. */
export async function createNetwork(access: AwsAccess, cidr = '10.40.0.0/16') {
  const ec2 = memberEc2(access, 'arrange');
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const subnet = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr.replace('.0.0/16', '.1.0/24') }),
  );
  const group = await ec2.send(
    new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'api', Description: 'api tasks' }),
  );
  return { vpcId, subnetId: subnet.Subnet?.SubnetId ?? '', groupId: group.GroupId ?? '' };
}

/** Creates a Fargate service that assigns public IPs in `subnetId`, and returns its finding resource. */
export async function createPublicService(
  access: AwsAccess,
  network: { readonly subnetId: string; readonly groupId: string },
  names: { readonly cluster: string; readonly service: string } = { cluster: 'orders', service: 'api' },
): Promise<FindingResource> {
  const ecs = memberEcs(access, 'arrange');
  await ecs.send(new CreateClusterCommand({ clusterName: names.cluster }));
  const taskDefinition = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: names.service,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:latest', essential: true }],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: names.cluster,
      serviceName: names.service,
      taskDefinition: taskDefinition.taskDefinition?.taskDefinitionArn,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: [network.subnetId],
          securityGroups: [network.groupId],
          assignPublicIp: 'ENABLED',
        },
      },
    }),
  );
  return {
    Type: 'AwsEcsService',
    Id: `arn:aws:ecs:${REGION}:${MEMBER_ACCOUNT}:service/${names.cluster}/${names.service}`,
    Partition: 'aws',
    Region: REGION,
  };
}

/** The live service, as DescribeServices returns it. */
export async function liveService(
  access: AwsAccess,
  resource: FindingResource,
): Promise<Service | undefined> {
  const [cluster, service] = resource.Id.slice(resource.Id.indexOf(':service/') + ':service/'.length).split(
    '/',
  );
  const { services } = await memberEcs(access).send(
    new DescribeServicesCommand({ cluster, services: [service ?? ''] }),
  );
  return services?.[0];
}
