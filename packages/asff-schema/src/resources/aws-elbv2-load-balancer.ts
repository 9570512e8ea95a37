import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsElbv2LoadBalancerDetailsSchema}). */
function awsElbv2LoadBalancerDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AvailabilityZone.html | AvailabilityZone} */
  const AvailabilityZoneSchema = z.looseObject({
    ZoneName: z.string().optional(),
    SubnetId: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_LoadBalancerState.html | LoadBalancerState} */
  const LoadBalancerStateSchema = z.looseObject({
    Code: z.string().optional(),
    Reason: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbv2LoadBalancerAttribute.html | AwsElbv2LoadBalancerAttribute} */
  const AwsElbv2LoadBalancerAttributeSchema = z.looseObject({
    Key: z.string().optional(),
    Value: z.string().optional(),
  });

  const AwsElbv2LoadBalancerDetailsSchema = z.looseObject({
    AvailabilityZones: z.array(AvailabilityZoneSchema).optional(),
    CanonicalHostedZoneId: z.string().optional(),
    CreatedTime: z.string().optional(),
    DNSName: z.string().optional(),
    IpAddressType: z.string().optional(),
    Scheme: z.string().optional(),
    SecurityGroups: z.array(z.string()).optional(),
    State: LoadBalancerStateSchema.optional(),
    Type: z.string().optional(),
    VpcId: z.string().optional(),
    LoadBalancerAttributes: z.array(AwsElbv2LoadBalancerAttributeSchema).optional(),
  });
  return AwsElbv2LoadBalancerDetailsSchema;
}

/**
 * Details about an Application, Network or Gateway Load Balancer: `Resources[].Details.AwsElbv2LoadBalancer` of a finding whose resource `Type` is
 * `AwsElbv2LoadBalancer`.
 *
 * Field names and types follow `AwsElbv2LoadBalancerDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbv2LoadBalancerDetails.html | AwsElbv2LoadBalancerDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsElbv2LoadBalancerDetailsSchema.parse({
 *   DNSName: 'api-alb-1234567890.us-east-1.elb.amazonaws.com',
 *   CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
 *   CreatedTime: '2022-09-12T07:45:10.120Z',
 *   IpAddressType: 'ipv4',
 *   Scheme: 'internet-facing',
 *   Type: 'application',
 *   VpcId: 'vpc-0f1e2d3c4b5a69788',
 *   SecurityGroups: ['sg-0123456789abcdef0'],
 *   State: { Code: 'active' },
 *   AvailabilityZones: [
 *     { ZoneName: 'us-east-1a', SubnetId: 'subnet-0a1b2c3d4e5f67890' },
 *     { ZoneName: 'us-east-1b', SubnetId: 'subnet-1b2c3d4e5f6a78901' },
 *   ],
 *   LoadBalancerAttributes: [
 *     { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'false' },
 *     { Key: 'access_logs.s3.enabled', Value: 'false' },
 *     { Key: 'deletion_protection.enabled', Value: 'true' },
 *   ],
 * });
 * details.LoadBalancerAttributes?.find((a) => a.Key === 'routing.http.drop_invalid_header_fields.enabled')?.Value; // 'false'
 * ```
 */
export const AwsElbv2LoadBalancerDetailsSchema = z.lazy(awsElbv2LoadBalancerDetails);

/** Details about an Application, Network or Gateway Load Balancer; inferred from {@link AwsElbv2LoadBalancerDetailsSchema}. */
export type AwsElbv2LoadBalancerDetails = z.infer<typeof AwsElbv2LoadBalancerDetailsSchema>;
