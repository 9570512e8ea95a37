import { DescribeTableCommand, DynamoDBClient, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type IpPermission,
  type Tag,
} from '@aws-sdk/client-ec2';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetUserCommand, IAMClient, ListUserTagsCommand } from '@aws-sdk/client-iam';
import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  ListTagsForResourceCommand as ListEcrTagsCommand,
} from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import type { AwsEc2SecurityGroupDetails, AwsS3BucketDetails } from '@soar/asff-schema/schemas';
import type { AwsAccess } from '@soar/aws-access';
import type { FindingResource } from '../src/engine/control';
import { errorName } from '../src/engine/classify';
import { MEMBER_ACCOUNT, REGION } from './remediation-harness';
import { memberS3 } from './s3-moto-fixtures';

/**
 * Test helper: describes a live (moto) resource the way Security Hub puts it into a finding:
 * `Resources[].Details.<Type>` with the ASFF field names, and `Resources[].Tags`. Only what ASFF
 * documents for the type goes in (no KMS `KeySpec`, no flow logs, no instance state, no point-in-time
 * recovery), so `fromFinding` sees exactly what a real finding would give it.
 */

type Details = NonNullable<FindingResource['Details']>;

const lastSegment = (id: string) => id.slice(id.lastIndexOf('/') + 1);

function tagMap(tags: readonly Tag[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { Key, Value } of tags ?? []) if (Key !== undefined) map[Key] = Value ?? '';
  return map;
}

/** Drops `undefined` fields, as Security Hub leaves out what it has no value for. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

async function absentAs<T>(request: Promise<T>, absentError: string): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (errorName(error) === absentError) return undefined;
    throw error;
  }
}

function asffPermission(
  permission: IpPermission,
): NonNullable<AwsEc2SecurityGroupDetails['IpPermissions']>[number] {
  const list = <T>(items: T[] | undefined) => (items === undefined || items.length === 0 ? undefined : items);
  return defined({
    IpProtocol: permission.IpProtocol,
    FromPort: permission.IpProtocol === '-1' ? undefined : permission.FromPort,
    ToPort: permission.IpProtocol === '-1' ? undefined : permission.ToPort,
    IpRanges: list(permission.IpRanges?.map((r) => defined({ CidrIp: r.CidrIp }))),
    Ipv6Ranges: list(permission.Ipv6Ranges?.map((r) => defined({ CidrIpv6: r.CidrIpv6 }))),
    PrefixListIds: list(permission.PrefixListIds?.map((p) => defined({ PrefixListId: p.PrefixListId }))),
    UserIdGroupPairs: list(
      permission.UserIdGroupPairs?.map((p) =>
        defined({ GroupId: p.GroupId, UserId: p.UserId, VpcId: p.VpcId }),
      ),
    ),
  });
}

function asffLifecycleRule(
  rule: LifecycleRule,
): NonNullable<NonNullable<AwsS3BucketDetails['BucketLifecycleConfiguration']>['Rules']>[number] {
  const prefix = rule.Filter?.Prefix ?? rule.Prefix;
  return defined({
    ID: rule.ID,
    Status: rule.Status,
    Filter:
      prefix === undefined ? undefined : { Predicate: { Type: 'LifecyclePrefixPredicate', Prefix: prefix } },
    ExpirationInDays: rule.Expiration?.Days,
    ExpiredObjectDeleteMarker: rule.Expiration?.ExpiredObjectDeleteMarker,
    NoncurrentVersionExpirationInDays: rule.NoncurrentVersionExpiration?.NoncurrentDays,
    AbortIncompleteMultipartUpload:
      rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation === undefined
        ? undefined
        : { DaysAfterInitiation: rule.AbortIncompleteMultipartUpload.DaysAfterInitiation },
  });
}

type Describer = (
  access: AwsAccess,
  resource: FindingResource,
) => Promise<{ readonly details?: Details; readonly tags: Record<string, string> }>;

const where = { accountId: MEMBER_ACCOUNT, region: REGION } as const;
const scope = { purpose: 'describe-like-security-hub' } as const;

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  async AwsAccount() {
    return { tags: {} };
  },

  async AwsEc2SecurityGroup(access, resource) {
    const ec2 = access.client(EC2Client, where, scope);
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [lastSegment(resource.Id)] }),
    );
    const group = SecurityGroups?.[0];
    if (group === undefined) throw new Error(`${resource.Id} is not in moto`);
    return {
      details: {
        AwsEc2SecurityGroup: defined({
          GroupName: group.GroupName,
          GroupId: group.GroupId,
          OwnerId: group.OwnerId,
          VpcId: group.VpcId,
          IpPermissions: group.IpPermissions?.map(asffPermission),
          IpPermissionsEgress: group.IpPermissionsEgress?.map(asffPermission),
        }),
      },
      tags: tagMap(group.Tags),
    };
  },

  async AwsEc2Eip(access, resource) {
    const ec2 = access.client(EC2Client, where, scope);
    const { Addresses } = await ec2.send(
      new DescribeAddressesCommand({ AllocationIds: [lastSegment(resource.Id)] }),
    );
    const address = Addresses?.[0];
    if (address === undefined) throw new Error(`${resource.Id} is not in moto`);
    const nonBlank = (value: string | undefined) => (value === '' ? undefined : value);
    return {
      details: {
        AwsEc2Eip: defined({
          AllocationId: address.AllocationId,
          PublicIp: address.PublicIp,
          Domain: address.Domain,
          AssociationId: nonBlank(address.AssociationId),
          InstanceId: nonBlank(address.InstanceId),
          NetworkInterfaceId: nonBlank(address.NetworkInterfaceId),
          PrivateIpAddress: nonBlank(address.PrivateIpAddress),
        }),
      },
      tags: tagMap(address.Tags),
    };
  },

  async AwsEc2Instance(access, resource) {
    const ec2 = access.client(EC2Client, where, scope);
    const { Reservations } = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [lastSegment(resource.Id)] }),
    );
    const instance = Reservations?.[0]?.Instances?.[0];
    if (instance === undefined) throw new Error(`${resource.Id} is not in moto`);
    return {
      details: {
        AwsEc2Instance: defined({
          Type: instance.InstanceType,
          ImageId: instance.ImageId,
          VpcId: instance.VpcId,
          SubnetId: instance.SubnetId,
          LaunchedAt: instance.LaunchTime?.toISOString(),
          IpV4Addresses: instance.PrivateIpAddress === undefined ? undefined : [instance.PrivateIpAddress],
        }),
      },
      tags: tagMap(instance.Tags),
    };
  },

  async AwsEc2Subnet(access, resource) {
    const ec2 = access.client(EC2Client, where, scope);
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [lastSegment(resource.Id)] }));
    const subnet = Subnets?.[0];
    if (subnet === undefined) throw new Error(`${resource.Id} is not in moto`);
    return {
      details: {
        AwsEc2Subnet: defined({
          SubnetId: subnet.SubnetId,
          SubnetArn: subnet.SubnetArn,
          VpcId: subnet.VpcId,
          CidrBlock: subnet.CidrBlock,
          AvailabilityZone: subnet.AvailabilityZone,
          State: subnet.State,
          MapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch,
          DefaultForAz: subnet.DefaultForAz,
        }),
      },
      tags: tagMap(subnet.Tags),
    };
  },

  async AwsEc2Vpc(access, resource) {
    const ec2 = access.client(EC2Client, where, scope);
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ VpcIds: [lastSegment(resource.Id)] }));
    const vpc = Vpcs?.[0];
    if (vpc === undefined) throw new Error(`${resource.Id} is not in moto`);
    return {
      details: {
        AwsEc2Vpc: defined({
          CidrBlockAssociationSet: vpc.CidrBlockAssociationSet?.map((a) =>
            defined({
              AssociationId: a.AssociationId,
              CidrBlock: a.CidrBlock,
              CidrBlockState: a.CidrBlockState?.State,
            }),
          ),
          DhcpOptionsId: vpc.DhcpOptionsId,
          State: vpc.State,
        }),
      },
      tags: tagMap(vpc.Tags),
    };
  },

  async AwsKmsKey(access, resource) {
    const kms = access.client(KMSClient, where, scope);
    const metadata = (await kms.send(new DescribeKeyCommand({ KeyId: resource.Id }))).KeyMetadata;
    if (metadata?.KeyId === undefined) throw new Error(`${resource.Id} is not in moto`);
    const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: metadata.KeyId }));
    const { Tags } = await kms.send(new ListResourceTagsCommand({ KeyId: metadata.KeyId }));
    const tags: Record<string, string> = {};
    for (const { TagKey, TagValue } of Tags ?? []) if (TagKey !== undefined) tags[TagKey] = TagValue ?? '';
    return {
      details: {
        AwsKmsKey: defined({
          AWSAccountId: metadata.AWSAccountId,
          KeyId: metadata.KeyId,
          KeyManager: metadata.KeyManager,
          KeyState: metadata.KeyState,
          Origin: metadata.Origin,
          Description: metadata.Description,
          CreationDate:
            metadata.CreationDate === undefined ? undefined : metadata.CreationDate.getTime() / 1000,
          KeyRotationStatus: rotation.KeyRotationEnabled,
        }),
      },
      tags,
    };
  },

  async AwsDynamoDbTable(access, resource) {
    const dynamodb = access.client(DynamoDBClient, where, scope);
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: lastSegment(resource.Id) })))
      .Table;
    if (table === undefined) throw new Error(`${resource.Id} is not in moto`);
    const { Tags } = await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: resource.Id }));
    const tags: Record<string, string> = {};
    for (const { Key, Value } of Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
    return {
      details: {
        AwsDynamoDbTable: defined({
          TableName: table.TableName,
          TableId: table.TableId,
          TableStatus: table.TableStatus,
          CreationDateTime: table.CreationDateTime?.toISOString(),
          KeySchema: table.KeySchema?.map((k) =>
            defined({ AttributeName: k.AttributeName, KeyType: k.KeyType }),
          ),
          AttributeDefinitions: table.AttributeDefinitions?.map((a) =>
            defined({ AttributeName: a.AttributeName, AttributeType: a.AttributeType }),
          ),
          BillingModeSummary:
            table.BillingModeSummary?.BillingMode === undefined
              ? undefined
              : { BillingMode: table.BillingModeSummary.BillingMode },
          DeletionProtectionEnabled: table.DeletionProtectionEnabled,
        }),
      },
      tags,
    };
  },

  async AwsS3Bucket(access, resource) {
    const s3 = memberS3(access, scope.purpose);
    const bucket = resource.Id.slice(resource.Id.lastIndexOf(':') + 1);
    const [block, versioning, lifecycle, tagging] = await Promise.all([
      absentAs(
        s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
        'NoSuchPublicAccessBlockConfiguration',
      ),
      s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
      absentAs(
        s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })),
        'NoSuchLifecycleConfiguration',
      ),
      absentAs(s3.send(new GetBucketTaggingCommand({ Bucket: bucket })), 'NoSuchTagSet'),
    ]);
    const pab = block?.PublicAccessBlockConfiguration;
    return {
      details: {
        AwsS3Bucket: defined({
          Name: bucket,
          OwnerAccountId: MEMBER_ACCOUNT,
          PublicAccessBlockConfiguration:
            pab === undefined
              ? undefined
              : {
                  BlockPublicAcls: pab.BlockPublicAcls === true,
                  BlockPublicPolicy: pab.BlockPublicPolicy === true,
                  IgnorePublicAcls: pab.IgnorePublicAcls === true,
                  RestrictPublicBuckets: pab.RestrictPublicBuckets === true,
                },
          BucketVersioningConfiguration:
            versioning.Status === undefined ? undefined : defined({ Status: versioning.Status }),
          BucketLifecycleConfiguration:
            lifecycle?.Rules === undefined ? undefined : { Rules: lifecycle.Rules.map(asffLifecycleRule) },
        }),
      },
      tags: tagMap(tagging?.TagSet),
    };
  },

  async AwsElbv2LoadBalancer(access, resource) {
    const elb = access.client(ElasticLoadBalancingV2Client, where, scope);
    const { LoadBalancers } = await elb.send(
      new DescribeLoadBalancersCommand({ LoadBalancerArns: [resource.Id] }),
    );
    const lb = LoadBalancers?.[0];
    if (lb === undefined) throw new Error(`${resource.Id} is not in moto`);
    const { Attributes } = await elb.send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: resource.Id }),
    );
    const { TagDescriptions } = await elb.send(new DescribeTagsCommand({ ResourceArns: [resource.Id] }));
    return {
      details: {
        AwsElbv2LoadBalancer: defined({
          DNSName: lb.DNSName,
          Scheme: lb.Scheme,
          Type: lb.Type,
          VpcId: lb.VpcId,
          LoadBalancerAttributes: Attributes?.map((a) => defined({ Key: a.Key, Value: a.Value })),
        }),
      },
      tags: tagMap(TagDescriptions?.[0]?.Tags),
    };
  },

  async AwsElbLoadBalancer(access, resource) {
    const elb = access.client(ElasticLoadBalancingClient, where, scope);
    const name = lastSegment(resource.Id);
    const { LoadBalancerDescriptions } = await elb.send(
      new DescribeClassicCommand({ LoadBalancerNames: [name] }),
    );
    const lb = LoadBalancerDescriptions?.[0];
    if (lb === undefined) throw new Error(`${resource.Id} is not in moto`);
    const { LoadBalancerAttributes } = await elb.send(
      new DescribeClassicAttributesCommand({ LoadBalancerName: name }),
    );
    const { TagDescriptions } = await elb.send(new DescribeClassicTagsCommand({ LoadBalancerNames: [name] }));
    const log = LoadBalancerAttributes?.AccessLog;
    return {
      details: {
        AwsElbLoadBalancer: defined({
          LoadBalancerName: lb.LoadBalancerName,
          DnsName: lb.DNSName,
          Scheme: lb.Scheme,
          VpcId: lb.VPCId,
          LoadBalancerAttributes:
            log === undefined
              ? undefined
              : {
                  AccessLog: defined({
                    Enabled: log.Enabled,
                    S3BucketName: log.S3BucketName,
                    S3BucketPrefix: log.S3BucketPrefix,
                  }),
                },
        }),
      },
      tags: tagMap(TagDescriptions?.[0]?.Tags),
    };
  },

  async AwsIamUser(access, resource) {
    const iam = access.client(IAMClient, where, scope);
    const userName = lastSegment(resource.Id);
    const { User } = await iam.send(new GetUserCommand({ UserName: userName }));
    const { Tags } = await iam.send(new ListUserTagsCommand({ UserName: userName }));
    return {
      details: {
        AwsIamUser: defined({
          UserName: User?.UserName,
          UserId: User?.UserId,
          Path: User?.Path,
          CreateDate: User?.CreateDate?.toISOString(),
        }),
      },
      tags: tagMap(Tags),
    };
  },

  async AwsEcrRepository(access, resource) {
    const ecr = access.client(ECRClient, where, scope);
    const name = resource.Id.slice(resource.Id.indexOf(':repository/') + ':repository/'.length);
    const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    const repository = repositories?.[0];
    if (repository === undefined) throw new Error(`${resource.Id} is not in moto`);
    const lifecycle = await absentAs(
      ecr.send(new GetLifecyclePolicyCommand({ repositoryName: name })),
      'LifecyclePolicyNotFoundException',
    );
    const { tags } = await ecr.send(new ListEcrTagsCommand({ resourceArn: repository.repositoryArn }));
    return {
      details: {
        AwsEcrRepository: defined({
          Arn: repository.repositoryArn,
          RepositoryName: repository.repositoryName,
          ImageTagMutability: repository.imageTagMutability,
          ImageScanningConfiguration: {
            ScanOnPush: repository.imageScanningConfiguration?.scanOnPush === true,
          },
          LifecyclePolicy:
            lifecycle?.lifecyclePolicyText === undefined
              ? undefined
              : { LifecyclePolicyText: lifecycle.lifecyclePolicyText, RegistryId: lifecycle.registryId },
        }),
      },
      tags: tagMap(tags),
    };
  },

  async AwsEcsCluster(access, resource) {
    const ecs = access.client(ECSClient, where, scope);
    const { clusters } = await ecs.send(
      new DescribeClustersCommand({ clusters: [resource.Id], include: ['SETTINGS', 'TAGS'] }),
    );
    const cluster = clusters?.[0];
    if (cluster === undefined) throw new Error(`${resource.Id} is not in moto`);
    return {
      details: {
        AwsEcsCluster: defined({
          ClusterArn: cluster.clusterArn,
          ClusterName: cluster.clusterName,
          Status: cluster.status,
          ClusterSettings: cluster.settings?.map((s) => defined({ Name: s.name, Value: s.value })),
        }),
      },
      tags: tagMap(cluster.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
    };
  },

  async AwsEcsService(access, resource) {
    const ecs = access.client(ECSClient, where, scope);
    const [clusterName] = resource.Id.slice(resource.Id.indexOf(':service/') + ':service/'.length).split('/');
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: clusterName, services: [resource.Id], include: ['TAGS'] }),
    );
    const service = services?.[0];
    if (service === undefined) throw new Error(`${resource.Id} is not in moto`);
    const vpc = service.networkConfiguration?.awsvpcConfiguration;
    return {
      details: {
        AwsEcsService: defined({
          Cluster: service.clusterArn,
          Name: service.serviceName,
          ServiceArn: service.serviceArn,
          LaunchType: service.launchType,
          DesiredCount: service.desiredCount,
          DeploymentController:
            service.deploymentController?.type === undefined
              ? undefined
              : { Type: service.deploymentController.type },
          NetworkConfiguration:
            vpc === undefined
              ? undefined
              : {
                  AwsVpcConfiguration: defined({
                    AssignPublicIp: vpc.assignPublicIp,
                    SecurityGroups: vpc.securityGroups,
                    Subnets: vpc.subnets,
                  }),
                },
        }),
      },
      tags: tagMap(service.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
    };
  },

  async AwsRdsDbSnapshot(access, resource) {
    const rds = access.client(RDSClient, where, scope);
    const id = resource.Id.slice(resource.Id.indexOf(':snapshot:') + ':snapshot:'.length);
    const { DBSnapshots } = await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id }));
    const snapshot = DBSnapshots?.[0];
    if (snapshot === undefined) throw new Error(`${resource.Id} is not in moto`);
    return {
      details: {
        AwsRdsDbSnapshot: defined({
          DbSnapshotIdentifier: snapshot.DBSnapshotIdentifier,
          DbInstanceIdentifier: snapshot.DBInstanceIdentifier,
          Engine: snapshot.Engine,
          SnapshotType: snapshot.SnapshotType,
          Status: snapshot.Status,
          Encrypted: snapshot.Encrypted,
        }),
      },
      tags: tagMap(snapshot.TagList),
    };
  },

  async AwsRdsDbInstance(access, resource) {
    const rds = access.client(RDSClient, where, scope);
    const id = resource.Id.slice(resource.Id.lastIndexOf(':db:') + ':db:'.length);
    const { DBInstances } = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
    const db = DBInstances?.[0];
    if (db === undefined) throw new Error(`${resource.Id} is not in moto`);
    return {
      details: {
        AwsRdsDbInstance: defined({
          DBInstanceIdentifier: db.DBInstanceIdentifier,
          DBClusterIdentifier: db.DBClusterIdentifier,
          DbInstanceStatus: db.DBInstanceStatus,
          Engine: db.Engine,
          EngineVersion: db.EngineVersion,
          PubliclyAccessible: db.PubliclyAccessible,
          BackupRetentionPeriod: db.BackupRetentionPeriod,
          AutoMinorVersionUpgrade: db.AutoMinorVersionUpgrade,
          CopyTagsToSnapshot: db.CopyTagsToSnapshot,
          MonitoringInterval: db.MonitoringInterval,
          MonitoringRoleArn: db.MonitoringRoleArn,
          EnabledCloudWatchLogsExports: db.EnabledCloudwatchLogsExports,
          ReadReplicaSourceDBInstanceIdentifier: db.ReadReplicaSourceDBInstanceIdentifier,
        }),
      },
      tags: tagMap(db.TagList),
    };
  },
};

/** The resource types {@link describeLikeSecurityHub} can describe. */
export const DESCRIBED_TYPES: readonly string[] = Object.keys(DESCRIBERS);

/**
 * The finding resource for `resource` as Security Hub would send it: the same Type, Id, Partition and
 * Region, with `Details` and `Tags` built from the live (moto) resource.
 *
 * @example
 * ```ts
 * const described = await describeLikeSecurityHub(motoAccess(moto), await scenario.arrange(access));
 * described.Details?.AwsEc2SecurityGroup?.IpPermissions; // as Security Hub lists them
 * ```
 */
export async function describeLikeSecurityHub(
  access: AwsAccess,
  resource: FindingResource,
): Promise<FindingResource> {
  const describe = DESCRIBERS[resource.Type];
  if (describe === undefined) {
    throw new Error(
      `tests/security-hub-details.ts cannot describe ${resource.Type} yet: add a describer for it.`,
    );
  }
  const { details, tags } = await describe(access, resource);
  const { Details: _ignored, Tags: _ignoredTags, ...rest } = resource;
  return {
    ...rest,
    ...(details === undefined ? {} : { Details: details }),
    ...(Object.keys(tags).length === 0 ? {} : { Tags: tags }),
  };
}
