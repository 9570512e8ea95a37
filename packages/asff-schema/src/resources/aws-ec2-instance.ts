import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsEc2InstanceDetailsSchema}). */
function awsEc2InstanceDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2InstanceNetworkInterfacesDetails.html | AwsEc2InstanceNetworkInterfacesDetails} */
  const AwsEc2InstanceNetworkInterfacesDetailsSchema = z.looseObject({
    NetworkInterfaceId: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2InstanceMetadataOptions.html | AwsEc2InstanceMetadataOptions} */
  const AwsEc2InstanceMetadataOptionsSchema = z.looseObject({
    HttpEndpoint: z.string().optional(),
    HttpProtocolIpv6: z.string().optional(),
    HttpPutResponseHopLimit: z.number().optional(),
    HttpTokens: z.string().optional(),
    InstanceMetadataTags: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2InstanceMonitoringDetails.html | AwsEc2InstanceMonitoringDetails} */
  const AwsEc2InstanceMonitoringDetailsSchema = z.looseObject({
    State: z.string().optional(),
  });

  const AwsEc2InstanceDetailsSchema = z.looseObject({
    Type: z.string().optional(),
    ImageId: z.string().optional(),
    IpV4Addresses: z.array(z.string()).optional(),
    IpV6Addresses: z.array(z.string()).optional(),
    KeyName: z.string().optional(),
    IamInstanceProfileArn: z.string().optional(),
    VpcId: z.string().optional(),
    SubnetId: z.string().optional(),
    LaunchedAt: z.string().optional(),
    NetworkInterfaces: z.array(AwsEc2InstanceNetworkInterfacesDetailsSchema).optional(),
    VirtualizationType: z.string().optional(),
    MetadataOptions: AwsEc2InstanceMetadataOptionsSchema.optional(),
    Monitoring: AwsEc2InstanceMonitoringDetailsSchema.optional(),
  });
  return AwsEc2InstanceDetailsSchema;
}

/**
 * Details about an Amazon EC2 instance: `Resources[].Details.AwsEc2Instance` of a finding whose resource `Type` is
 * `AwsEc2Instance`.
 *
 * Field names and types follow `AwsEc2InstanceDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2InstanceDetails.html | AwsEc2InstanceDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsEc2InstanceDetailsSchema.parse({
 *   Type: 't3.large',
 *   ImageId: 'ami-0abcdef1234567890',
 *   IpV4Addresses: ['10.0.1.25', '203.0.113.17'],
 *   KeyName: 'ops-keypair',
 *   IamInstanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/web-server',
 *   VpcId: 'vpc-0f1e2d3c4b5a69788',
 *   SubnetId: 'subnet-0a1b2c3d4e5f67890',
 *   LaunchedAt: '2024-01-10T08:15:00.000Z',
 *   NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0123456789abcdef0' }],
 *   VirtualizationType: 'hvm',
 *   MetadataOptions: {
 *     HttpEndpoint: 'enabled',
 *     HttpProtocolIpv6: 'disabled',
 *     HttpPutResponseHopLimit: 1,
 *     HttpTokens: 'optional',
 *     InstanceMetadataTags: 'disabled',
 *   },
 *   Monitoring: { State: 'disabled' },
 * });
 * details.MetadataOptions?.HttpTokens; // 'optional' (IMDSv1 still allowed)
 * ```
 */
export const AwsEc2InstanceDetailsSchema = z.lazy(awsEc2InstanceDetails);

/** Details about an Amazon EC2 instance; inferred from {@link AwsEc2InstanceDetailsSchema}. */
export type AwsEc2InstanceDetails = z.infer<typeof AwsEc2InstanceDetailsSchema>;
