import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsEc2EipDetailsSchema}). */
function awsEc2EipDetails() {
  const AwsEc2EipDetailsSchema = z.looseObject({
    InstanceId: z.string().optional(),
    PublicIp: z.string().optional(),
    AllocationId: z.string().optional(),
    AssociationId: z.string().optional(),
    Domain: z.string().optional(),
    PublicIpv4Pool: z.string().optional(),
    NetworkBorderGroup: z.string().optional(),
    NetworkInterfaceId: z.string().optional(),
    NetworkInterfaceOwnerId: z.string().optional(),
    PrivateIpAddress: z.string().optional(),
  });
  return AwsEc2EipDetailsSchema;
}

/**
 * Details about an Elastic IP address: `Resources[].Details.AwsEc2Eip` of a finding whose resource `Type` is
 * `AwsEc2Eip`.
 *
 * Field names and types follow `AwsEc2EipDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2EipDetails.html | AwsEc2EipDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsEc2EipDetailsSchema.parse({
 *   PublicIp: '198.51.100.24',
 *   AllocationId: 'eipalloc-0a1b2c3d4e5f67890',
 *   Domain: 'vpc',
 *   PublicIpv4Pool: 'amazon',
 *   NetworkBorderGroup: 'us-east-1',
 * });
 * details.AllocationId; // 'eipalloc-0a1b2c3d4e5f67890'
 * ```
 */
export const AwsEc2EipDetailsSchema = z.lazy(awsEc2EipDetails);

/** Details about an Elastic IP address; inferred from {@link AwsEc2EipDetailsSchema}. */
export type AwsEc2EipDetails = z.infer<typeof AwsEc2EipDetailsSchema>;
