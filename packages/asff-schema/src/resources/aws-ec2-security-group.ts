import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsEc2SecurityGroupDetailsSchema}). */
function awsEc2SecurityGroupDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2SecurityGroupUserIdGroupPair.html | AwsEc2SecurityGroupUserIdGroupPair} */
  const AwsEc2SecurityGroupUserIdGroupPairSchema = z.looseObject({
    GroupId: z.string().optional(),
    GroupName: z.string().optional(),
    PeeringStatus: z.string().optional(),
    UserId: z.string().optional(),
    VpcId: z.string().optional(),
    VpcPeeringConnectionId: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2SecurityGroupIpRange.html | AwsEc2SecurityGroupIpRange} */
  const AwsEc2SecurityGroupIpRangeSchema = z.looseObject({
    CidrIp: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2SecurityGroupIpv6Range.html | AwsEc2SecurityGroupIpv6Range} */
  const AwsEc2SecurityGroupIpv6RangeSchema = z.looseObject({
    CidrIpv6: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2SecurityGroupPrefixListId.html | AwsEc2SecurityGroupPrefixListId} */
  const AwsEc2SecurityGroupPrefixListIdSchema = z.looseObject({
    PrefixListId: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2SecurityGroupIpPermission.html | AwsEc2SecurityGroupIpPermission} */
  const AwsEc2SecurityGroupIpPermissionSchema = z.looseObject({
    IpProtocol: z.string().optional(),
    FromPort: z.number().optional(),
    ToPort: z.number().optional(),
    UserIdGroupPairs: z.array(AwsEc2SecurityGroupUserIdGroupPairSchema).optional(),
    IpRanges: z.array(AwsEc2SecurityGroupIpRangeSchema).optional(),
    Ipv6Ranges: z.array(AwsEc2SecurityGroupIpv6RangeSchema).optional(),
    PrefixListIds: z.array(AwsEc2SecurityGroupPrefixListIdSchema).optional(),
  });

  const AwsEc2SecurityGroupDetailsSchema = z.looseObject({
    GroupName: z.string().optional(),
    GroupId: z.string().optional(),
    OwnerId: z.string().optional(),
    VpcId: z.string().optional(),
    IpPermissions: z.array(AwsEc2SecurityGroupIpPermissionSchema).optional(),
    IpPermissionsEgress: z.array(AwsEc2SecurityGroupIpPermissionSchema).optional(),
  });
  return AwsEc2SecurityGroupDetailsSchema;
}

/**
 * Details about an Amazon EC2 security group: `Resources[].Details.AwsEc2SecurityGroup` of a finding whose resource `Type` is
 * `AwsEc2SecurityGroup`.
 *
 * Field names and types follow `AwsEc2SecurityGroupDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2SecurityGroupDetails.html | AwsEc2SecurityGroupDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsEc2SecurityGroupDetailsSchema.parse({
 *   GroupName: 'default',
 *   GroupId: 'sg-0a1b2c3d4e5f67890',
 *   OwnerId: '111122223333',
 *   VpcId: 'vpc-0f1e2d3c4b5a69788',
 *   IpPermissions: [
 *     {
 *       IpProtocol: '-1',
 *       UserIdGroupPairs: [{ GroupId: 'sg-0a1b2c3d4e5f67890', UserId: '111122223333' }],
 *     },
 *     {
 *       IpProtocol: 'tcp',
 *       FromPort: 22,
 *       ToPort: 22,
 *       IpRanges: [{ CidrIp: '0.0.0.0/0' }],
 *       Ipv6Ranges: [{ CidrIpv6: '::/0' }],
 *     },
 *   ],
 *   IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
 * });
 * details.IpPermissions?.[1]?.IpRanges?.[0]?.CidrIp; // '0.0.0.0/0'
 * ```
 */
export const AwsEc2SecurityGroupDetailsSchema = z.lazy(awsEc2SecurityGroupDetails);

/** Details about an Amazon EC2 security group; inferred from {@link AwsEc2SecurityGroupDetailsSchema}. */
export type AwsEc2SecurityGroupDetails = z.infer<typeof AwsEc2SecurityGroupDetailsSchema>;
