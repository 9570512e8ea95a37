import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsDynamoDbTableDetailsSchema}). */
function awsDynamoDbTableDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableAttributeDefinition.html | AwsDynamoDbTableAttributeDefinition} */
  const AwsDynamoDbTableAttributeDefinitionSchema = z.looseObject({
    AttributeName: z.string().optional(),
    AttributeType: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableBillingModeSummary.html | AwsDynamoDbTableBillingModeSummary} */
  const AwsDynamoDbTableBillingModeSummarySchema = z.looseObject({
    BillingMode: z.string().optional(),
    LastUpdateToPayPerRequestDateTime: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableKeySchema.html | AwsDynamoDbTableKeySchema} */
  const AwsDynamoDbTableKeySchemaSchema = z.looseObject({
    AttributeName: z.string().optional(),
    KeyType: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableProjection.html | AwsDynamoDbTableProjection} */
  const AwsDynamoDbTableProjectionSchema = z.looseObject({
    NonKeyAttributes: z.array(z.string()).optional(),
    ProjectionType: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableProvisionedThroughput.html | AwsDynamoDbTableProvisionedThroughput} */
  const AwsDynamoDbTableProvisionedThroughputSchema = z.looseObject({
    LastDecreaseDateTime: z.string().optional(),
    LastIncreaseDateTime: z.string().optional(),
    NumberOfDecreasesToday: z.number().optional(),
    ReadCapacityUnits: z.number().optional(),
    WriteCapacityUnits: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableGlobalSecondaryIndex.html | AwsDynamoDbTableGlobalSecondaryIndex} */
  const AwsDynamoDbTableGlobalSecondaryIndexSchema = z.looseObject({
    Backfilling: z.boolean().optional(),
    IndexArn: z.string().optional(),
    IndexName: z.string().optional(),
    IndexSizeBytes: z.number().optional(),
    IndexStatus: z.string().optional(),
    ItemCount: z.number().optional(),
    KeySchema: z.array(AwsDynamoDbTableKeySchemaSchema).optional(),
    Projection: AwsDynamoDbTableProjectionSchema.optional(),
    ProvisionedThroughput: AwsDynamoDbTableProvisionedThroughputSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableLocalSecondaryIndex.html | AwsDynamoDbTableLocalSecondaryIndex} */
  const AwsDynamoDbTableLocalSecondaryIndexSchema = z.looseObject({
    IndexArn: z.string().optional(),
    IndexName: z.string().optional(),
    KeySchema: z.array(AwsDynamoDbTableKeySchemaSchema).optional(),
    Projection: AwsDynamoDbTableProjectionSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableProvisionedThroughputOverride.html | AwsDynamoDbTableProvisionedThroughputOverride} */
  const AwsDynamoDbTableProvisionedThroughputOverrideSchema = z.looseObject({
    ReadCapacityUnits: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableReplicaGlobalSecondaryIndex.html | AwsDynamoDbTableReplicaGlobalSecondaryIndex} */
  const AwsDynamoDbTableReplicaGlobalSecondaryIndexSchema = z.looseObject({
    IndexName: z.string().optional(),
    ProvisionedThroughputOverride: AwsDynamoDbTableProvisionedThroughputOverrideSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableReplica.html | AwsDynamoDbTableReplica} */
  const AwsDynamoDbTableReplicaSchema = z.looseObject({
    GlobalSecondaryIndexes: z.array(AwsDynamoDbTableReplicaGlobalSecondaryIndexSchema).optional(),
    KmsMasterKeyId: z.string().optional(),
    ProvisionedThroughputOverride: AwsDynamoDbTableProvisionedThroughputOverrideSchema.optional(),
    RegionName: z.string().optional(),
    ReplicaStatus: z.string().optional(),
    ReplicaStatusDescription: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableRestoreSummary.html | AwsDynamoDbTableRestoreSummary} */
  const AwsDynamoDbTableRestoreSummarySchema = z.looseObject({
    SourceBackupArn: z.string().optional(),
    SourceTableArn: z.string().optional(),
    RestoreDateTime: z.string().optional(),
    RestoreInProgress: z.boolean().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableSseDescription.html | AwsDynamoDbTableSseDescription} */
  const AwsDynamoDbTableSseDescriptionSchema = z.looseObject({
    InaccessibleEncryptionDateTime: z.string().optional(),
    Status: z.string().optional(),
    SseType: z.string().optional(),
    KmsMasterKeyArn: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableStreamSpecification.html | AwsDynamoDbTableStreamSpecification} */
  const AwsDynamoDbTableStreamSpecificationSchema = z.looseObject({
    StreamEnabled: z.boolean().optional(),
    StreamViewType: z.string().optional(),
  });

  const AwsDynamoDbTableDetailsSchema = z.looseObject({
    AttributeDefinitions: z.array(AwsDynamoDbTableAttributeDefinitionSchema).optional(),
    BillingModeSummary: AwsDynamoDbTableBillingModeSummarySchema.optional(),
    CreationDateTime: z.string().optional(),
    GlobalSecondaryIndexes: z.array(AwsDynamoDbTableGlobalSecondaryIndexSchema).optional(),
    GlobalTableVersion: z.string().optional(),
    ItemCount: z.number().optional(),
    KeySchema: z.array(AwsDynamoDbTableKeySchemaSchema).optional(),
    LatestStreamArn: z.string().optional(),
    LatestStreamLabel: z.string().optional(),
    LocalSecondaryIndexes: z.array(AwsDynamoDbTableLocalSecondaryIndexSchema).optional(),
    ProvisionedThroughput: AwsDynamoDbTableProvisionedThroughputSchema.optional(),
    Replicas: z.array(AwsDynamoDbTableReplicaSchema).optional(),
    RestoreSummary: AwsDynamoDbTableRestoreSummarySchema.optional(),
    SseDescription: AwsDynamoDbTableSseDescriptionSchema.optional(),
    StreamSpecification: AwsDynamoDbTableStreamSpecificationSchema.optional(),
    TableId: z.string().optional(),
    TableName: z.string().optional(),
    TableSizeBytes: z.number().optional(),
    TableStatus: z.string().optional(),
    DeletionProtectionEnabled: z.boolean().optional(),
  });
  return AwsDynamoDbTableDetailsSchema;
}

/**
 * Details about an Amazon DynamoDB table: `Resources[].Details.AwsDynamoDbTable` of a finding whose resource `Type` is
 * `AwsDynamoDbTable`.
 *
 * Field names and types follow `AwsDynamoDbTableDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsDynamoDbTableDetails.html | AwsDynamoDbTableDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsDynamoDbTableDetailsSchema.parse({
 *   TableName: 'orders',
 *   TableId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
 *   TableStatus: 'ACTIVE',
 *   CreationDateTime: '2023-04-02T11:30:00.000Z',
 *   ItemCount: 125000,
 *   TableSizeBytes: 48120000,
 *   DeletionProtectionEnabled: false,
 *   AttributeDefinitions: [
 *     { AttributeName: 'pk', AttributeType: 'S' },
 *     { AttributeName: 'sk', AttributeType: 'S' },
 *     { AttributeName: 'customerId', AttributeType: 'S' },
 *   ],
 *   KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
 *   BillingModeSummary: {
 *     BillingMode: 'PAY_PER_REQUEST',
 *     LastUpdateToPayPerRequestDateTime: '2023-04-02T11:30:00.000Z',
 *   },
 *   GlobalSecondaryIndexes: [
 *     {
 *       IndexName: 'by-customer',
 *       IndexArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/by-customer',
 *       IndexStatus: 'ACTIVE',
 *       KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
 *       Projection: { ProjectionType: 'ALL' },
 *     },
 *   ],
 *   SseDescription: {
 *     Status: 'ENABLED',
 *     SseType: 'KMS',
 *     KmsMasterKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
 *   },
 *   StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
 *   LatestStreamArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/2023-04-02T11:30:00.000',
 *   LatestStreamLabel: '2023-04-02T11:30:00.000',
 * });
 * details.BillingModeSummary?.BillingMode; // 'PAY_PER_REQUEST'
 * ```
 */
export const AwsDynamoDbTableDetailsSchema = z.lazy(awsDynamoDbTableDetails);

/** Details about an Amazon DynamoDB table; inferred from {@link AwsDynamoDbTableDetailsSchema}. */
export type AwsDynamoDbTableDetails = z.infer<typeof AwsDynamoDbTableDetailsSchema>;
