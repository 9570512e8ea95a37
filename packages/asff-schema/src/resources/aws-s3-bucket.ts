import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsS3BucketDetailsSchema}). */
function awsS3BucketDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketServerSideEncryptionByDefault.html | AwsS3BucketServerSideEncryptionByDefault} */
  const AwsS3BucketServerSideEncryptionByDefaultSchema = z.looseObject({
    SSEAlgorithm: z.string().optional(),
    KMSMasterKeyID: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketServerSideEncryptionRule.html | AwsS3BucketServerSideEncryptionRule} */
  const AwsS3BucketServerSideEncryptionRuleSchema = z.looseObject({
    ApplyServerSideEncryptionByDefault: AwsS3BucketServerSideEncryptionByDefaultSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketServerSideEncryptionConfiguration.html | AwsS3BucketServerSideEncryptionConfiguration} */
  const AwsS3BucketServerSideEncryptionConfigurationSchema = z.looseObject({
    Rules: z.array(AwsS3BucketServerSideEncryptionRuleSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesAbortIncompleteMultipartUploadDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesAbortIncompleteMultipartUploadDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesAbortIncompleteMultipartUploadDetailsSchema =
    z.looseObject({
      DaysAfterInitiation: z.number().optional(),
    });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsTagDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsTagDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsTagDetailsSchema = z.looseObject({
    Key: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsDetailsSchema = z.looseObject({
    Prefix: z.string().optional(),
    Tag: AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsTagDetailsSchema.optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateTagDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateTagDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateTagDetailsSchema = z.looseObject({
    Key: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateDetailsSchema = z.looseObject({
    Operands: z
      .array(AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateOperandsDetailsSchema)
      .optional(),
    Prefix: z.string().optional(),
    Tag: AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateTagDetailsSchema.optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesFilterDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesFilterDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesFilterDetailsSchema = z.looseObject({
    Predicate: AwsS3BucketBucketLifecycleConfigurationRulesFilterPredicateDetailsSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesNoncurrentVersionTransitionsDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesNoncurrentVersionTransitionsDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesNoncurrentVersionTransitionsDetailsSchema = z.looseObject(
    {
      Days: z.number().optional(),
      StorageClass: z.string().optional(),
    },
  );

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesTransitionsDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesTransitionsDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesTransitionsDetailsSchema = z.looseObject({
    Date: z.string().optional(),
    Days: z.number().optional(),
    StorageClass: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationRulesDetails.html | AwsS3BucketBucketLifecycleConfigurationRulesDetails} */
  const AwsS3BucketBucketLifecycleConfigurationRulesDetailsSchema = z.looseObject({
    AbortIncompleteMultipartUpload:
      AwsS3BucketBucketLifecycleConfigurationRulesAbortIncompleteMultipartUploadDetailsSchema.optional(),
    ExpirationDate: z.string().optional(),
    ExpirationInDays: z.number().optional(),
    ExpiredObjectDeleteMarker: z.boolean().optional(),
    Filter: AwsS3BucketBucketLifecycleConfigurationRulesFilterDetailsSchema.optional(),
    ID: z.string().optional(),
    NoncurrentVersionExpirationInDays: z.number().optional(),
    NoncurrentVersionTransitions: z
      .array(AwsS3BucketBucketLifecycleConfigurationRulesNoncurrentVersionTransitionsDetailsSchema)
      .optional(),
    Prefix: z.string().optional(),
    Status: z.string().optional(),
    Transitions: z.array(AwsS3BucketBucketLifecycleConfigurationRulesTransitionsDetailsSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketLifecycleConfigurationDetails.html | AwsS3BucketBucketLifecycleConfigurationDetails} */
  const AwsS3BucketBucketLifecycleConfigurationDetailsSchema = z.looseObject({
    Rules: z.array(AwsS3BucketBucketLifecycleConfigurationRulesDetailsSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3AccountPublicAccessBlockDetails.html | AwsS3AccountPublicAccessBlockDetails} */
  const AwsS3AccountPublicAccessBlockDetailsSchema = z.looseObject({
    BlockPublicAcls: z.boolean().optional(),
    BlockPublicPolicy: z.boolean().optional(),
    IgnorePublicAcls: z.boolean().optional(),
    RestrictPublicBuckets: z.boolean().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketLoggingConfiguration.html | AwsS3BucketLoggingConfiguration} */
  const AwsS3BucketLoggingConfigurationSchema = z.looseObject({
    DestinationBucketName: z.string().optional(),
    LogFilePrefix: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketWebsiteConfigurationRedirectTo.html | AwsS3BucketWebsiteConfigurationRedirectTo} */
  const AwsS3BucketWebsiteConfigurationRedirectToSchema = z.looseObject({
    Hostname: z.string().optional(),
    Protocol: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketWebsiteConfigurationRoutingRuleCondition.html | AwsS3BucketWebsiteConfigurationRoutingRuleCondition} */
  const AwsS3BucketWebsiteConfigurationRoutingRuleConditionSchema = z.looseObject({
    HttpErrorCodeReturnedEquals: z.string().optional(),
    KeyPrefixEquals: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketWebsiteConfigurationRoutingRuleRedirect.html | AwsS3BucketWebsiteConfigurationRoutingRuleRedirect} */
  const AwsS3BucketWebsiteConfigurationRoutingRuleRedirectSchema = z.looseObject({
    Hostname: z.string().optional(),
    HttpRedirectCode: z.string().optional(),
    Protocol: z.string().optional(),
    ReplaceKeyPrefixWith: z.string().optional(),
    ReplaceKeyWith: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketWebsiteConfigurationRoutingRule.html | AwsS3BucketWebsiteConfigurationRoutingRule} */
  const AwsS3BucketWebsiteConfigurationRoutingRuleSchema = z.looseObject({
    Condition: AwsS3BucketWebsiteConfigurationRoutingRuleConditionSchema.optional(),
    Redirect: AwsS3BucketWebsiteConfigurationRoutingRuleRedirectSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketWebsiteConfiguration.html | AwsS3BucketWebsiteConfiguration} */
  const AwsS3BucketWebsiteConfigurationSchema = z.looseObject({
    ErrorDocument: z.string().optional(),
    IndexDocumentSuffix: z.string().optional(),
    RedirectAllRequestsTo: AwsS3BucketWebsiteConfigurationRedirectToSchema.optional(),
    RoutingRules: z.array(AwsS3BucketWebsiteConfigurationRoutingRuleSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketNotificationConfigurationS3KeyFilterRule.html | AwsS3BucketNotificationConfigurationS3KeyFilterRule} */
  const AwsS3BucketNotificationConfigurationS3KeyFilterRuleSchema = z.looseObject({
    Name: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketNotificationConfigurationS3KeyFilter.html | AwsS3BucketNotificationConfigurationS3KeyFilter} */
  const AwsS3BucketNotificationConfigurationS3KeyFilterSchema = z.looseObject({
    FilterRules: z.array(AwsS3BucketNotificationConfigurationS3KeyFilterRuleSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketNotificationConfigurationFilter.html | AwsS3BucketNotificationConfigurationFilter} */
  const AwsS3BucketNotificationConfigurationFilterSchema = z.looseObject({
    S3KeyFilter: AwsS3BucketNotificationConfigurationS3KeyFilterSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketNotificationConfigurationDetail.html | AwsS3BucketNotificationConfigurationDetail} */
  const AwsS3BucketNotificationConfigurationDetailSchema = z.looseObject({
    Events: z.array(z.string()).optional(),
    Filter: AwsS3BucketNotificationConfigurationFilterSchema.optional(),
    Destination: z.string().optional(),
    Type: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketNotificationConfiguration.html | AwsS3BucketNotificationConfiguration} */
  const AwsS3BucketNotificationConfigurationSchema = z.looseObject({
    Configurations: z.array(AwsS3BucketNotificationConfigurationDetailSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketBucketVersioningConfiguration.html | AwsS3BucketBucketVersioningConfiguration} */
  const AwsS3BucketBucketVersioningConfigurationSchema = z.looseObject({
    IsMfaDeleteEnabled: z.boolean().optional(),
    Status: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketObjectLockConfigurationRuleDefaultRetentionDetails.html | AwsS3BucketObjectLockConfigurationRuleDefaultRetentionDetails} */
  const AwsS3BucketObjectLockConfigurationRuleDefaultRetentionDetailsSchema = z.looseObject({
    Days: z.number().optional(),
    Mode: z.string().optional(),
    Years: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketObjectLockConfigurationRuleDetails.html | AwsS3BucketObjectLockConfigurationRuleDetails} */
  const AwsS3BucketObjectLockConfigurationRuleDetailsSchema = z.looseObject({
    DefaultRetention: AwsS3BucketObjectLockConfigurationRuleDefaultRetentionDetailsSchema.optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketObjectLockConfiguration.html | AwsS3BucketObjectLockConfiguration} */
  const AwsS3BucketObjectLockConfigurationSchema = z.looseObject({
    ObjectLockEnabled: z.string().optional(),
    Rule: AwsS3BucketObjectLockConfigurationRuleDetailsSchema.optional(),
  });

  const AwsS3BucketDetailsSchema = z.looseObject({
    OwnerId: z.string().optional(),
    OwnerName: z.string().optional(),
    OwnerAccountId: z.string().optional(),
    CreatedAt: z.string().optional(),
    ServerSideEncryptionConfiguration: AwsS3BucketServerSideEncryptionConfigurationSchema.optional(),
    BucketLifecycleConfiguration: AwsS3BucketBucketLifecycleConfigurationDetailsSchema.optional(),
    PublicAccessBlockConfiguration: AwsS3AccountPublicAccessBlockDetailsSchema.optional(),
    AccessControlList: z.string().optional(),
    BucketLoggingConfiguration: AwsS3BucketLoggingConfigurationSchema.optional(),
    BucketWebsiteConfiguration: AwsS3BucketWebsiteConfigurationSchema.optional(),
    BucketNotificationConfiguration: AwsS3BucketNotificationConfigurationSchema.optional(),
    BucketVersioningConfiguration: AwsS3BucketBucketVersioningConfigurationSchema.optional(),
    ObjectLockConfiguration: AwsS3BucketObjectLockConfigurationSchema.optional(),
    Name: z.string().optional(),
  });
  return AwsS3BucketDetailsSchema;
}

/**
 * Details about an Amazon S3 general purpose bucket: `Resources[].Details.AwsS3Bucket` of a finding whose resource `Type` is
 * `AwsS3Bucket`.
 *
 * Field names and types follow `AwsS3BucketDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsS3BucketDetails.html | AwsS3BucketDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsS3BucketDetailsSchema.parse({
 *   Name: 'example-logs-111122223333',
 *   OwnerId: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
 *   OwnerAccountId: '111122223333',
 *   CreatedAt: '2023-05-17T09:12:44.000Z',
 *   ServerSideEncryptionConfiguration: {
 *     Rules: [
 *       {
 *         ApplyServerSideEncryptionByDefault: {
 *           SSEAlgorithm: 'aws:kms',
 *           KMSMasterKeyID: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
 *         },
 *       },
 *     ],
 *   },
 *   PublicAccessBlockConfiguration: {
 *     BlockPublicAcls: false,
 *     BlockPublicPolicy: false,
 *     IgnorePublicAcls: false,
 *     RestrictPublicBuckets: false,
 *   },
 *   BucketLifecycleConfiguration: {
 *     Rules: [
 *       {
 *         ID: 'expire-old-logs',
 *         Status: 'Enabled',
 *         Filter: { Predicate: { Type: 'LifecyclePrefixPredicate', Prefix: 'logs/' } },
 *         Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }],
 *         ExpirationInDays: 365,
 *         AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
 *       },
 *     ],
 *   },
 *   BucketVersioningConfiguration: { Status: 'Enabled', IsMfaDeleteEnabled: false },
 *   BucketLoggingConfiguration: { DestinationBucketName: 'example-access-logs-111122223333', LogFilePrefix: 's3/' },
 * });
 * details.PublicAccessBlockConfiguration?.BlockPublicPolicy; // false
 * ```
 */
export const AwsS3BucketDetailsSchema = z.lazy(awsS3BucketDetails);

/** Details about an Amazon S3 general purpose bucket; inferred from {@link AwsS3BucketDetailsSchema}. */
export type AwsS3BucketDetails = z.infer<typeof AwsS3BucketDetailsSchema>;
