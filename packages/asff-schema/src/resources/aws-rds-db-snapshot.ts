import * as z from 'zod';
import { AwsRdsDbProcessorFeatureSchema } from './aws-rds-shared';

/** Builds the schema, on its first use (see {@link AwsRdsDbSnapshotDetailsSchema}). */
function awsRdsDbSnapshotDetails() {
  const AwsRdsDbSnapshotDetailsSchema = z.looseObject({
    DbSnapshotIdentifier: z.string().optional(),
    DbInstanceIdentifier: z.string().optional(),
    SnapshotCreateTime: z.string().optional(),
    Engine: z.string().optional(),
    AllocatedStorage: z.number().optional(),
    Status: z.string().optional(),
    Port: z.number().optional(),
    AvailabilityZone: z.string().optional(),
    VpcId: z.string().optional(),
    InstanceCreateTime: z.string().optional(),
    MasterUsername: z.string().optional(),
    EngineVersion: z.string().optional(),
    LicenseModel: z.string().optional(),
    SnapshotType: z.string().optional(),
    Iops: z.number().optional(),
    OptionGroupName: z.string().optional(),
    PercentProgress: z.number().optional(),
    SourceRegion: z.string().optional(),
    SourceDbSnapshotIdentifier: z.string().optional(),
    StorageType: z.string().optional(),
    TdeCredentialArn: z.string().optional(),
    Encrypted: z.boolean().optional(),
    KmsKeyId: z.string().optional(),
    Timezone: z.string().optional(),
    IamDatabaseAuthenticationEnabled: z.boolean().optional(),
    ProcessorFeatures: z.array(AwsRdsDbProcessorFeatureSchema).optional(),
    DbiResourceId: z.string().optional(),
  });
  return AwsRdsDbSnapshotDetailsSchema;
}

/**
 * Details about an Amazon RDS DB snapshot: `Resources[].Details.AwsRdsDbSnapshot` of a finding whose resource `Type` is
 * `AwsRdsDbSnapshot`.
 *
 * Field names and types follow `AwsRdsDbSnapshotDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbSnapshotDetails.html | AwsRdsDbSnapshotDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsRdsDbSnapshotDetailsSchema.parse({
 *   DbSnapshotIdentifier: 'orders-db-manual-2024-01-15',
 *   DbInstanceIdentifier: 'orders-db',
 *   DbiResourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY2',
 *   SnapshotCreateTime: '2024-01-15T04:12:05.123Z',
 *   SnapshotType: 'manual',
 *   Status: 'available',
 *   Engine: 'postgres',
 *   EngineVersion: '15.4',
 *   LicenseModel: 'postgresql-license',
 *   AllocatedStorage: 100,
 *   StorageType: 'gp3',
 *   Port: 5432,
 *   AvailabilityZone: 'us-east-1a',
 *   VpcId: 'vpc-0f1e2d3c4b5a69788',
 *   InstanceCreateTime: '2023-02-14T10:21:33.512Z',
 *   MasterUsername: 'postgres',
 *   PercentProgress: 100,
 *   Encrypted: true,
 *   KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
 *   IamDatabaseAuthenticationEnabled: false,
 * });
 * details.SnapshotType; // 'manual'
 * ```
 */
export const AwsRdsDbSnapshotDetailsSchema = z.lazy(awsRdsDbSnapshotDetails);

/** Details about an Amazon RDS DB snapshot; inferred from {@link AwsRdsDbSnapshotDetailsSchema}. */
export type AwsRdsDbSnapshotDetails = z.infer<typeof AwsRdsDbSnapshotDetailsSchema>;
