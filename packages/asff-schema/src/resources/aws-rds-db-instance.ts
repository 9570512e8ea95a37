import * as z from 'zod';
import {
  AwsRdsDbInstanceVpcSecurityGroupSchema,
  AwsRdsDbProcessorFeatureSchema,
  AwsRdsDbDomainMembershipSchema,
} from './aws-rds-shared';

/** Builds the schema, on its first use (see {@link AwsRdsDbInstanceDetailsSchema}). */
function awsRdsDbInstanceDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbInstanceAssociatedRole.html | AwsRdsDbInstanceAssociatedRole} */
  const AwsRdsDbInstanceAssociatedRoleSchema = z.looseObject({
    RoleArn: z.string().optional(),
    FeatureName: z.string().optional(),
    Status: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbInstanceEndpoint.html | AwsRdsDbInstanceEndpoint} */
  const AwsRdsDbInstanceEndpointSchema = z.looseObject({
    Address: z.string().optional(),
    Port: z.number().optional(),
    HostedZoneId: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbParameterGroup.html | AwsRdsDbParameterGroup} */
  const AwsRdsDbParameterGroupSchema = z.looseObject({
    DbParameterGroupName: z.string().optional(),
    ParameterApplyStatus: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbSubnetGroupSubnetAvailabilityZone.html | AwsRdsDbSubnetGroupSubnetAvailabilityZone} */
  const AwsRdsDbSubnetGroupSubnetAvailabilityZoneSchema = z.looseObject({
    Name: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbSubnetGroupSubnet.html | AwsRdsDbSubnetGroupSubnet} */
  const AwsRdsDbSubnetGroupSubnetSchema = z.looseObject({
    SubnetIdentifier: z.string().optional(),
    SubnetAvailabilityZone: AwsRdsDbSubnetGroupSubnetAvailabilityZoneSchema.optional(),
    SubnetStatus: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbSubnetGroup.html | AwsRdsDbSubnetGroup} */
  const AwsRdsDbSubnetGroupSchema = z.looseObject({
    DbSubnetGroupName: z.string().optional(),
    DbSubnetGroupDescription: z.string().optional(),
    VpcId: z.string().optional(),
    SubnetGroupStatus: z.string().optional(),
    Subnets: z.array(AwsRdsDbSubnetGroupSubnetSchema).optional(),
    DbSubnetGroupArn: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsPendingCloudWatchLogsExports.html | AwsRdsPendingCloudWatchLogsExports} */
  const AwsRdsPendingCloudWatchLogsExportsSchema = z.looseObject({
    LogTypesToEnable: z.array(z.string()).optional(),
    LogTypesToDisable: z.array(z.string()).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbPendingModifiedValues.html | AwsRdsDbPendingModifiedValues} */
  const AwsRdsDbPendingModifiedValuesSchema = z.looseObject({
    DbInstanceClass: z.string().optional(),
    AllocatedStorage: z.number().optional(),
    MasterUserPassword: z.string().optional(),
    Port: z.number().optional(),
    BackupRetentionPeriod: z.number().optional(),
    MultiAZ: z.boolean().optional(),
    EngineVersion: z.string().optional(),
    LicenseModel: z.string().optional(),
    Iops: z.number().optional(),
    DbInstanceIdentifier: z.string().optional(),
    StorageType: z.string().optional(),
    CaCertificateIdentifier: z.string().optional(),
    DbSubnetGroupName: z.string().optional(),
    PendingCloudWatchLogsExports: AwsRdsPendingCloudWatchLogsExportsSchema.optional(),
    ProcessorFeatures: z.array(AwsRdsDbProcessorFeatureSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbOptionGroupMembership.html | AwsRdsDbOptionGroupMembership} */
  const AwsRdsDbOptionGroupMembershipSchema = z.looseObject({
    OptionGroupName: z.string().optional(),
    Status: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbStatusInfo.html | AwsRdsDbStatusInfo} */
  const AwsRdsDbStatusInfoSchema = z.looseObject({
    StatusType: z.string().optional(),
    Normal: z.boolean().optional(),
    Status: z.string().optional(),
    Message: z.string().optional(),
  });

  const AwsRdsDbInstanceDetailsSchema = z.looseObject({
    AssociatedRoles: z.array(AwsRdsDbInstanceAssociatedRoleSchema).optional(),
    CACertificateIdentifier: z.string().optional(),
    DBClusterIdentifier: z.string().optional(),
    DBInstanceIdentifier: z.string().optional(),
    DBInstanceClass: z.string().optional(),
    DbInstancePort: z.number().optional(),
    DbiResourceId: z.string().optional(),
    DBName: z.string().optional(),
    DeletionProtection: z.boolean().optional(),
    Endpoint: AwsRdsDbInstanceEndpointSchema.optional(),
    Engine: z.string().optional(),
    EngineVersion: z.string().optional(),
    IAMDatabaseAuthenticationEnabled: z.boolean().optional(),
    InstanceCreateTime: z.string().optional(),
    KmsKeyId: z.string().optional(),
    PubliclyAccessible: z.boolean().optional(),
    StorageEncrypted: z.boolean().optional(),
    TdeCredentialArn: z.string().optional(),
    VpcSecurityGroups: z.array(AwsRdsDbInstanceVpcSecurityGroupSchema).optional(),
    MultiAz: z.boolean().optional(),
    EnhancedMonitoringResourceArn: z.string().optional(),
    DbInstanceStatus: z.string().optional(),
    MasterUsername: z.string().optional(),
    AllocatedStorage: z.number().optional(),
    PreferredBackupWindow: z.string().optional(),
    BackupRetentionPeriod: z.number().optional(),
    DbSecurityGroups: z.array(z.string()).optional(),
    DbParameterGroups: z.array(AwsRdsDbParameterGroupSchema).optional(),
    AvailabilityZone: z.string().optional(),
    DbSubnetGroup: AwsRdsDbSubnetGroupSchema.optional(),
    PreferredMaintenanceWindow: z.string().optional(),
    PendingModifiedValues: AwsRdsDbPendingModifiedValuesSchema.optional(),
    LatestRestorableTime: z.string().optional(),
    AutoMinorVersionUpgrade: z.boolean().optional(),
    ReadReplicaSourceDBInstanceIdentifier: z.string().optional(),
    ReadReplicaDBInstanceIdentifiers: z.array(z.string()).optional(),
    ReadReplicaDBClusterIdentifiers: z.array(z.string()).optional(),
    LicenseModel: z.string().optional(),
    Iops: z.number().optional(),
    OptionGroupMemberships: z.array(AwsRdsDbOptionGroupMembershipSchema).optional(),
    CharacterSetName: z.string().optional(),
    SecondaryAvailabilityZone: z.string().optional(),
    StatusInfos: z.array(AwsRdsDbStatusInfoSchema).optional(),
    StorageType: z.string().optional(),
    DomainMemberships: z.array(AwsRdsDbDomainMembershipSchema).optional(),
    CopyTagsToSnapshot: z.boolean().optional(),
    MonitoringInterval: z.number().optional(),
    MonitoringRoleArn: z.string().optional(),
    PromotionTier: z.number().optional(),
    Timezone: z.string().optional(),
    PerformanceInsightsEnabled: z.boolean().optional(),
    PerformanceInsightsKmsKeyId: z.string().optional(),
    PerformanceInsightsRetentionPeriod: z.number().optional(),
    EnabledCloudWatchLogsExports: z.array(z.string()).optional(),
    ProcessorFeatures: z.array(AwsRdsDbProcessorFeatureSchema).optional(),
    ListenerEndpoint: AwsRdsDbInstanceEndpointSchema.optional(),
    MaxAllocatedStorage: z.number().optional(),
  });
  return AwsRdsDbInstanceDetailsSchema;
}

/**
 * Details about an Amazon RDS DB instance: `Resources[].Details.AwsRdsDbInstance` of a finding whose resource `Type` is
 * `AwsRdsDbInstance`.
 *
 * Field names and types follow `AwsRdsDbInstanceDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbInstanceDetails.html | AwsRdsDbInstanceDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsRdsDbInstanceDetailsSchema.parse({
 *   DBInstanceIdentifier: 'orders-db',
 *   DBInstanceClass: 'db.t3.medium',
 *   DbiResourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY2',
 *   DbInstanceStatus: 'available',
 *   Engine: 'postgres',
 *   EngineVersion: '15.4',
 *   DBName: 'orders',
 *   MasterUsername: 'postgres',
 *   AllocatedStorage: 100,
 *   StorageType: 'gp3',
 *   StorageEncrypted: false,
 *   PubliclyAccessible: false,
 *   MultiAz: true,
 *   DeletionProtection: true,
 *   IAMDatabaseAuthenticationEnabled: false,
 *   InstanceCreateTime: '2023-02-14T10:21:33.512Z',
 *   AvailabilityZone: 'us-east-1a',
 *   Endpoint: {
 *     Address: 'orders-db.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com',
 *     Port: 5432,
 *     HostedZoneId: 'Z2R2ITUGPM61AM',
 *   },
 *   VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0123456789abcdef0', Status: 'active' }],
 *   DbSubnetGroup: {
 *     DbSubnetGroupName: 'orders-db-subnets',
 *     VpcId: 'vpc-0f1e2d3c4b5a69788',
 *     SubnetGroupStatus: 'Complete',
 *     Subnets: [
 *       {
 *         SubnetIdentifier: 'subnet-0a1b2c3d4e5f67890',
 *         SubnetAvailabilityZone: { Name: 'us-east-1a' },
 *         SubnetStatus: 'Active',
 *       },
 *     ],
 *   },
 *   BackupRetentionPeriod: 7,
 *   PreferredBackupWindow: '03:00-04:00',
 *   PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
 *   AutoMinorVersionUpgrade: true,
 *   CopyTagsToSnapshot: true,
 *   EnabledCloudWatchLogsExports: ['postgresql'],
 * });
 * details.StorageEncrypted; // false
 * ```
 */
export const AwsRdsDbInstanceDetailsSchema = z.lazy(awsRdsDbInstanceDetails);

/** Details about an Amazon RDS DB instance; inferred from {@link AwsRdsDbInstanceDetailsSchema}. */
export type AwsRdsDbInstanceDetails = z.infer<typeof AwsRdsDbInstanceDetailsSchema>;
