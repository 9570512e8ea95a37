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
