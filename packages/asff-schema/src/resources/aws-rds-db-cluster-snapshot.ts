import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsRdsDbClusterSnapshotDetailsSchema}). */
function awsRdsDbClusterSnapshotDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbClusterSnapshotDbClusterSnapshotAttribute.html | AwsRdsDbClusterSnapshotDbClusterSnapshotAttribute} */
  const AwsRdsDbClusterSnapshotDbClusterSnapshotAttributeSchema = z.looseObject({
    AttributeName: z.string().optional(),
    AttributeValues: z.array(z.string()).optional(),
  });

  const AwsRdsDbClusterSnapshotDetailsSchema = z.looseObject({
    AvailabilityZones: z.array(z.string()).optional(),
    SnapshotCreateTime: z.string().optional(),
    Engine: z.string().optional(),
    AllocatedStorage: z.number().optional(),
    Status: z.string().optional(),
    Port: z.number().optional(),
    VpcId: z.string().optional(),
    ClusterCreateTime: z.string().optional(),
    MasterUsername: z.string().optional(),
    EngineVersion: z.string().optional(),
    LicenseModel: z.string().optional(),
    SnapshotType: z.string().optional(),
    PercentProgress: z.number().optional(),
    StorageEncrypted: z.boolean().optional(),
    KmsKeyId: z.string().optional(),
    DbClusterIdentifier: z.string().optional(),
    DbClusterSnapshotIdentifier: z.string().optional(),
    IamDatabaseAuthenticationEnabled: z.boolean().optional(),
    DbClusterSnapshotAttributes: z.array(AwsRdsDbClusterSnapshotDbClusterSnapshotAttributeSchema).optional(),
  });
  return AwsRdsDbClusterSnapshotDetailsSchema;
}

/**
 * Details about an Amazon Aurora or RDS DB cluster snapshot: `Resources[].Details.AwsRdsDbClusterSnapshot` of a finding whose resource `Type` is
 * `AwsRdsDbClusterSnapshot`.
 *
 * Field names and types follow `AwsRdsDbClusterSnapshotDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbClusterSnapshotDetails.html | AwsRdsDbClusterSnapshotDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsRdsDbClusterSnapshotDetailsSchema.parse({
 *   DbClusterSnapshotIdentifier: 'payments-aurora-final',
 *   DbClusterIdentifier: 'payments-aurora',
 *   SnapshotCreateTime: '2024-02-20T22:03:41.870Z',
 *   SnapshotType: 'manual',
 *   Status: 'available',
 *   Engine: 'aurora-postgresql',
 *   EngineVersion: '15.4',
 *   LicenseModel: 'postgresql-license',
 *   AllocatedStorage: 1,
 *   Port: 0,
 *   VpcId: 'vpc-0f1e2d3c4b5a69788',
 *   ClusterCreateTime: '2023-03-01T08:00:00.000Z',
 *   MasterUsername: 'postgres',
 *   PercentProgress: 100,
 *   StorageEncrypted: false,
 *   IamDatabaseAuthenticationEnabled: false,
 *   AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
 *   DbClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }],
 * });
 * details.DbClusterSnapshotAttributes?.[0]?.AttributeName; // 'restore'
 * ```
 */
export const AwsRdsDbClusterSnapshotDetailsSchema = z.lazy(awsRdsDbClusterSnapshotDetails);

/** Details about an Amazon Aurora or RDS DB cluster snapshot; inferred from {@link AwsRdsDbClusterSnapshotDetailsSchema}. */
export type AwsRdsDbClusterSnapshotDetails = z.infer<typeof AwsRdsDbClusterSnapshotDetailsSchema>;
