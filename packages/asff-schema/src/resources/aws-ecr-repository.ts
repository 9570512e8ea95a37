import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsEcrRepositoryDetailsSchema}). */
function awsEcrRepositoryDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcrRepositoryImageScanningConfigurationDetails.html | AwsEcrRepositoryImageScanningConfigurationDetails} */
  const AwsEcrRepositoryImageScanningConfigurationDetailsSchema = z.looseObject({
    ScanOnPush: z.boolean().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcrRepositoryLifecyclePolicyDetails.html | AwsEcrRepositoryLifecyclePolicyDetails} */
  const AwsEcrRepositoryLifecyclePolicyDetailsSchema = z.looseObject({
    LifecyclePolicyText: z.string().optional(),
    RegistryId: z.string().optional(),
  });

  const AwsEcrRepositoryDetailsSchema = z.looseObject({
    Arn: z.string().optional(),
    ImageScanningConfiguration: AwsEcrRepositoryImageScanningConfigurationDetailsSchema.optional(),
    ImageTagMutability: z.string().optional(),
    LifecyclePolicy: AwsEcrRepositoryLifecyclePolicyDetailsSchema.optional(),
    RepositoryName: z.string().optional(),
    RepositoryPolicyText: z.string().optional(),
  });
  return AwsEcrRepositoryDetailsSchema;
}

/**
 * Details about an Amazon ECR private repository: `Resources[].Details.AwsEcrRepository` of a finding whose resource `Type` is
 * `AwsEcrRepository`.
 *
 * Field names and types follow `AwsEcrRepositoryDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEcrRepositoryDetails.html | AwsEcrRepositoryDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsEcrRepositoryDetailsSchema.parse({
 *   Arn: 'arn:aws:ecr:us-east-1:111122223333:repository/orders-service',
 *   RepositoryName: 'orders-service',
 *   ImageTagMutability: 'MUTABLE',
 *   ImageScanningConfiguration: { ScanOnPush: false },
 *   LifecyclePolicy: {
 *     RegistryId: '111122223333',
 *     LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}',
 *   },
 * });
 * details.ImageScanningConfiguration?.ScanOnPush; // false
 * ```
 */
export const AwsEcrRepositoryDetailsSchema = z.lazy(awsEcrRepositoryDetails);

/** Details about an Amazon ECR private repository; inferred from {@link AwsEcrRepositoryDetailsSchema}. */
export type AwsEcrRepositoryDetails = z.infer<typeof AwsEcrRepositoryDetailsSchema>;
