import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsElbLoadBalancerDetailsSchema}). */
function awsElbLoadBalancerDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerBackendServerDescription.html | AwsElbLoadBalancerBackendServerDescription} */
  const AwsElbLoadBalancerBackendServerDescriptionSchema = z.looseObject({
    InstancePort: z.number().optional(),
    PolicyNames: z.array(z.string()).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerHealthCheck.html | AwsElbLoadBalancerHealthCheck} */
  const AwsElbLoadBalancerHealthCheckSchema = z.looseObject({
    HealthyThreshold: z.number().optional(),
    Interval: z.number().optional(),
    Target: z.string().optional(),
    Timeout: z.number().optional(),
    UnhealthyThreshold: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerInstance.html | AwsElbLoadBalancerInstance} */
  const AwsElbLoadBalancerInstanceSchema = z.looseObject({
    InstanceId: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerListener.html | AwsElbLoadBalancerListener} */
  const AwsElbLoadBalancerListenerSchema = z.looseObject({
    InstancePort: z.number().optional(),
    InstanceProtocol: z.string().optional(),
    LoadBalancerPort: z.number().optional(),
    Protocol: z.string().optional(),
    SslCertificateId: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerListenerDescription.html | AwsElbLoadBalancerListenerDescription} */
  const AwsElbLoadBalancerListenerDescriptionSchema = z.looseObject({
    Listener: AwsElbLoadBalancerListenerSchema.optional(),
    PolicyNames: z.array(z.string()).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerAccessLog.html | AwsElbLoadBalancerAccessLog} */
  const AwsElbLoadBalancerAccessLogSchema = z.looseObject({
    EmitInterval: z.number().optional(),
    Enabled: z.boolean().optional(),
    S3BucketName: z.string().optional(),
    S3BucketPrefix: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerConnectionDraining.html | AwsElbLoadBalancerConnectionDraining} */
  const AwsElbLoadBalancerConnectionDrainingSchema = z.looseObject({
    Enabled: z.boolean().optional(),
    Timeout: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerConnectionSettings.html | AwsElbLoadBalancerConnectionSettings} */
  const AwsElbLoadBalancerConnectionSettingsSchema = z.looseObject({
    IdleTimeout: z.number().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerCrossZoneLoadBalancing.html | AwsElbLoadBalancerCrossZoneLoadBalancing} */
  const AwsElbLoadBalancerCrossZoneLoadBalancingSchema = z.looseObject({
    Enabled: z.boolean().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerAdditionalAttribute.html | AwsElbLoadBalancerAdditionalAttribute} */
  const AwsElbLoadBalancerAdditionalAttributeSchema = z.looseObject({
    Key: z.string().optional(),
    Value: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerAttributes.html | AwsElbLoadBalancerAttributes} */
  const AwsElbLoadBalancerAttributesSchema = z.looseObject({
    AccessLog: AwsElbLoadBalancerAccessLogSchema.optional(),
    ConnectionDraining: AwsElbLoadBalancerConnectionDrainingSchema.optional(),
    ConnectionSettings: AwsElbLoadBalancerConnectionSettingsSchema.optional(),
    CrossZoneLoadBalancing: AwsElbLoadBalancerCrossZoneLoadBalancingSchema.optional(),
    AdditionalAttributes: z.array(AwsElbLoadBalancerAdditionalAttributeSchema).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbAppCookieStickinessPolicy.html | AwsElbAppCookieStickinessPolicy} */
  const AwsElbAppCookieStickinessPolicySchema = z.looseObject({
    CookieName: z.string().optional(),
    PolicyName: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLbCookieStickinessPolicy.html | AwsElbLbCookieStickinessPolicy} */
  const AwsElbLbCookieStickinessPolicySchema = z.looseObject({
    CookieExpirationPeriod: z.number().optional(),
    PolicyName: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerPolicies.html | AwsElbLoadBalancerPolicies} */
  const AwsElbLoadBalancerPoliciesSchema = z.looseObject({
    AppCookieStickinessPolicies: z.array(AwsElbAppCookieStickinessPolicySchema).optional(),
    LbCookieStickinessPolicies: z.array(AwsElbLbCookieStickinessPolicySchema).optional(),
    OtherPolicies: z.array(z.string()).optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerSourceSecurityGroup.html | AwsElbLoadBalancerSourceSecurityGroup} */
  const AwsElbLoadBalancerSourceSecurityGroupSchema = z.looseObject({
    GroupName: z.string().optional(),
    OwnerAlias: z.string().optional(),
  });

  const AwsElbLoadBalancerDetailsSchema = z.looseObject({
    AvailabilityZones: z.array(z.string()).optional(),
    BackendServerDescriptions: z.array(AwsElbLoadBalancerBackendServerDescriptionSchema).optional(),
    CanonicalHostedZoneName: z.string().optional(),
    CanonicalHostedZoneNameID: z.string().optional(),
    CreatedTime: z.string().optional(),
    DnsName: z.string().optional(),
    HealthCheck: AwsElbLoadBalancerHealthCheckSchema.optional(),
    Instances: z.array(AwsElbLoadBalancerInstanceSchema).optional(),
    ListenerDescriptions: z.array(AwsElbLoadBalancerListenerDescriptionSchema).optional(),
    LoadBalancerAttributes: AwsElbLoadBalancerAttributesSchema.optional(),
    LoadBalancerName: z.string().optional(),
    Policies: AwsElbLoadBalancerPoliciesSchema.optional(),
    Scheme: z.string().optional(),
    SecurityGroups: z.array(z.string()).optional(),
    SourceSecurityGroup: AwsElbLoadBalancerSourceSecurityGroupSchema.optional(),
    Subnets: z.array(z.string()).optional(),
    VpcId: z.string().optional(),
  });
  return AwsElbLoadBalancerDetailsSchema;
}

/**
 * Details about a Classic Load Balancer: `Resources[].Details.AwsElbLoadBalancer` of a finding whose resource `Type` is
 * `AwsElbLoadBalancer`.
 *
 * Field names and types follow `AwsElbLoadBalancerDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsElbLoadBalancerDetails.html | AwsElbLoadBalancerDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsElbLoadBalancerDetailsSchema.parse({
 *   LoadBalancerName: 'legacy-web-clb',
 *   DnsName: 'legacy-web-clb-1234567890.us-east-1.elb.amazonaws.com',
 *   CanonicalHostedZoneName: 'legacy-web-clb-1234567890.us-east-1.elb.amazonaws.com',
 *   CanonicalHostedZoneNameID: 'Z35SXDOTRQ7X7K',
 *   CreatedTime: '2021-06-09T12:00:00.000Z',
 *   Scheme: 'internet-facing',
 *   VpcId: 'vpc-0f1e2d3c4b5a69788',
 *   AvailabilityZones: ['us-east-1a', 'us-east-1b'],
 *   Subnets: ['subnet-0a1b2c3d4e5f67890', 'subnet-1b2c3d4e5f6a78901'],
 *   SecurityGroups: ['sg-0123456789abcdef0'],
 *   SourceSecurityGroup: { GroupName: 'legacy-web-clb-sg', OwnerAlias: '111122223333' },
 *   ListenerDescriptions: [
 *     {
 *       Listener: { LoadBalancerPort: 80, Protocol: 'HTTP', InstancePort: 80, InstanceProtocol: 'HTTP' },
 *       PolicyNames: [],
 *     },
 *   ],
 *   HealthCheck: {
 *     Target: 'HTTP:80/health',
 *     Interval: 30,
 *     Timeout: 5,
 *     HealthyThreshold: 10,
 *     UnhealthyThreshold: 2,
 *   },
 *   Instances: [{ InstanceId: 'i-0123456789abcdef0' }],
 *   LoadBalancerAttributes: {
 *     AccessLog: { Enabled: false },
 *     ConnectionDraining: { Enabled: true, Timeout: 300 },
 *     ConnectionSettings: { IdleTimeout: 60 },
 *     CrossZoneLoadBalancing: { Enabled: true },
 *     AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'defensive' }],
 *   },
 *   Policies: { OtherPolicies: ['ELBSecurityPolicy-2016-08'] },
 * });
 * details.ListenerDescriptions?.[0]?.Listener?.Protocol; // 'HTTP'
 * ```
 */
export const AwsElbLoadBalancerDetailsSchema = z.lazy(awsElbLoadBalancerDetails);

/** Details about a Classic Load Balancer; inferred from {@link AwsElbLoadBalancerDetailsSchema}. */
export type AwsElbLoadBalancerDetails = z.infer<typeof AwsElbLoadBalancerDetailsSchema>;
