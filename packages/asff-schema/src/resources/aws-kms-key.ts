import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsKmsKeyDetailsSchema}). */
function awsKmsKeyDetails() {
  const AwsKmsKeyDetailsSchema = z.looseObject({
    AWSAccountId: z.string().optional(),
    CreationDate: z.number().optional(),
    KeyId: z.string().optional(),
    KeyManager: z.string().optional(),
    KeyState: z.string().optional(),
    Origin: z.string().optional(),
    Description: z.string().optional(),
    KeyRotationStatus: z.boolean().optional(),
  });
  return AwsKmsKeyDetailsSchema;
}

/**
 * Details about an AWS KMS key: `Resources[].Details.AwsKmsKey` of a finding whose resource `Type` is
 * `AwsKmsKey`.
 *
 * Field names and types follow `AwsKmsKeyDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsKmsKeyDetails.html | AwsKmsKeyDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsKmsKeyDetailsSchema.parse({
 *   AWSAccountId: '111122223333',
 *   KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
 *   KeyManager: 'CUSTOMER',
 *   KeyState: 'Enabled',
 *   Origin: 'AWS_KMS',
 *   CreationDate: 1673789536.248,
 *   Description: 'Encrypts the orders database',
 *   KeyRotationStatus: false,
 * });
 * details.KeyRotationStatus; // false
 * ```
 */
export const AwsKmsKeyDetailsSchema = z.lazy(awsKmsKeyDetails);

/** Details about an AWS KMS key; inferred from {@link AwsKmsKeyDetailsSchema}. */
export type AwsKmsKeyDetails = z.infer<typeof AwsKmsKeyDetailsSchema>;
