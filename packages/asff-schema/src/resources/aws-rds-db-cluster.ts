import * as z from 'zod';
import { AwsRdsDbInstanceVpcSecurityGroupSchema, AwsRdsDbDomainMembershipSchema } from './aws-rds-shared';

/** Builds the schema, on its first use (see {@link AwsRdsDbClusterDetailsSchema}). */
function awsRdsDbClusterDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbClusterAssociatedRole.html | AwsRdsDbClusterAssociatedRole} */
  const AwsRdsDbClusterAssociatedRoleSchema = z.looseObject({
    RoleArn: z.string().optional(),
    Status: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbClusterOptionGroupMembership.html | AwsRdsDbClusterOptionGroupMembership} */
  const AwsRdsDbClusterOptionGroupMembershipSchema = z.looseObject({
    DbClusterOptionGroupName: z.string().optional(),
    Status: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbClusterMember.html | AwsRdsDbClusterMember} */
  const AwsRdsDbClusterMemberSchema = z.looseObject({
    IsClusterWriter: z.boolean().optional(),
    PromotionTier: z.number().optional(),
    DbInstanceIdentifier: z.string().optional(),
    DbClusterParameterGroupStatus: z.string().optional(),
  });

  const AwsRdsDbClusterDetailsSchema = z.looseObject({
    AllocatedStorage: z.number().optional(),
    AvailabilityZones: z.array(z.string()).optional(),
    BackupRetentionPeriod: z.number().optional(),
    DatabaseName: z.string().optional(),
    Status: z.string().optional(),
    Endpoint: z.string().optional(),
    ReaderEndpoint: z.string().optional(),
    CustomEndpoints: z.array(z.string()).optional(),
    MultiAz: z.boolean().optional(),
    Engine: z.string().optional(),
    EngineVersion: z.string().optional(),
    Port: z.number().optional(),
    MasterUsername: z.string().optional(),
    PreferredBackupWindow: z.string().optional(),
    PreferredMaintenanceWindow: z.string().optional(),
    ReadReplicaIdentifiers: z.array(z.string()).optional(),
    VpcSecurityGroups: z.array(AwsRdsDbInstanceVpcSecurityGroupSchema).optional(),
    HostedZoneId: z.string().optional(),
    StorageEncrypted: z.boolean().optional(),
    KmsKeyId: z.string().optional(),
    DbClusterResourceId: z.string().optional(),
    AssociatedRoles: z.array(AwsRdsDbClusterAssociatedRoleSchema).optional(),
    ClusterCreateTime: z.string().optional(),
    EnabledCloudWatchLogsExports: z.array(z.string()).optional(),
    EngineMode: z.string().optional(),
    DeletionProtection: z.boolean().optional(),
    HttpEndpointEnabled: z.boolean().optional(),
    ActivityStreamStatus: z.string().optional(),
    CopyTagsToSnapshot: z.boolean().optional(),
    CrossAccountClone: z.boolean().optional(),
    DomainMemberships: z.array(AwsRdsDbDomainMembershipSchema).optional(),
    DbClusterParameterGroup: z.string().optional(),
    DbSubnetGroup: z.string().optional(),
    DbClusterOptionGroupMemberships: z.array(AwsRdsDbClusterOptionGroupMembershipSchema).optional(),
    DbClusterIdentifier: z.string().optional(),
    DbClusterMembers: z.array(AwsRdsDbClusterMemberSchema).optional(),
    IamDatabaseAuthenticationEnabled: z.boolean().optional(),
    AutoMinorVersionUpgrade: z.boolean().optional(),
  });
  return AwsRdsDbClusterDetailsSchema;
}

/**
 * Details about an Amazon Aurora or RDS Multi-AZ DB cluster: `Resources[].Details.AwsRdsDbCluster` of a finding whose resource `Type` is
 * `AwsRdsDbCluster`.
 *
 * Field names and types follow `AwsRdsDbClusterDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbClusterDetails.html | AwsRdsDbClusterDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsRdsDbClusterDetailsSchema.parse({
 *   DbClusterIdentifier: 'payments-aurora',
 *   DbClusterResourceId: 'cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2',
 *   Status: 'available',
 *   Engine: 'aurora-postgresql',
 *   EngineVersion: '15.4',
 *   EngineMode: 'provisioned',
 *   DatabaseName: 'payments',
 *   Endpoint: 'payments-aurora.cluster-c1a2b3c4d5e6.us-east-1.rds.amazonaws.com',
 *   ReaderEndpoint: 'payments-aurora.cluster-ro-c1a2b3c4d5e6.us-east-1.rds.amazonaws.com',
 *   Port: 5432,
 *   MasterUsername: 'postgres',
 *   MultiAz: true,
 *   StorageEncrypted: false,
 *   DeletionProtection: false,
 *   IamDatabaseAuthenticationEnabled: false,
 *   BackupRetentionPeriod: 7,
 *   AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
 *   VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0123456789abcdef0', Status: 'active' }],
 *   DbClusterMembers: [
 *     {
 *       DbInstanceIdentifier: 'payments-aurora-instance-1',
 *       IsClusterWriter: true,
 *       PromotionTier: 1,
 *       DbClusterParameterGroupStatus: 'in-sync',
 *     },
 *   ],
 *   DbSubnetGroup: 'payments-db-subnets',
 *   DbClusterParameterGroup: 'default.aurora-postgresql15',
 *   ClusterCreateTime: '2023-03-01T08:00:00.000Z',
 *   HttpEndpointEnabled: false,
 *   CopyTagsToSnapshot: true,
 *   CrossAccountClone: false,
 *   AutoMinorVersionUpgrade: true,
 * });
 * details.StorageEncrypted; // false
 * ```
 */
export const AwsRdsDbClusterDetailsSchema = z.lazy(awsRdsDbClusterDetails);

/** Details about an Amazon Aurora or RDS Multi-AZ DB cluster; inferred from {@link AwsRdsDbClusterDetailsSchema}. */
export type AwsRdsDbClusterDetails = z.infer<typeof AwsRdsDbClusterDetailsSchema>;
