import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsEc2VpcDetailsSchema}). */
function awsEc2VpcDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_CidrBlockAssociation.html | CidrBlockAssociation} */
  const CidrBlockAssociationSchema = z.looseObject({
    AssociationId: z.string().optional(),
    CidrBlock: z.string().optional(),
    CidrBlockState: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Ipv6CidrBlockAssociation.html | Ipv6CidrBlockAssociation} */
  const Ipv6CidrBlockAssociationSchema = z.looseObject({
    AssociationId: z.string().optional(),
    Ipv6CidrBlock: z.string().optional(),
    CidrBlockState: z.string().optional(),
  });

  const AwsEc2VpcDetailsSchema = z.looseObject({
    CidrBlockAssociationSet: z.array(CidrBlockAssociationSchema).optional(),
    Ipv6CidrBlockAssociationSet: z.array(Ipv6CidrBlockAssociationSchema).optional(),
    DhcpOptionsId: z.string().optional(),
    State: z.string().optional(),
  });
  return AwsEc2VpcDetailsSchema;
}

/**
 * Details about an Amazon VPC: `Resources[].Details.AwsEc2Vpc` of a finding whose resource `Type` is
 * `AwsEc2Vpc`.
 *
 * Field names and types follow `AwsEc2VpcDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsEc2VpcDetails.html | AwsEc2VpcDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsEc2VpcDetailsSchema.parse({
 *   CidrBlockAssociationSet: [
 *     {
 *       AssociationId: 'vpc-cidr-assoc-0a1b2c3d4e5f67890',
 *       CidrBlock: '10.0.0.0/16',
 *       CidrBlockState: 'associated',
 *     },
 *   ],
 *   Ipv6CidrBlockAssociationSet: [
 *     {
 *       AssociationId: 'vpc-cidr-assoc-0b1c2d3e4f5a67890',
 *       Ipv6CidrBlock: '2001:db8:1234:1a00::/56',
 *       CidrBlockState: 'associated',
 *     },
 *   ],
 *   DhcpOptionsId: 'dopt-0a1b2c3d4e5f67890',
 *   State: 'available',
 * });
 * details.CidrBlockAssociationSet?.[0]?.CidrBlock; // '10.0.0.0/16'
 * ```
 */
export const AwsEc2VpcDetailsSchema = z.lazy(awsEc2VpcDetails);

/** Details about an Amazon VPC; inferred from {@link AwsEc2VpcDetailsSchema}. */
export type AwsEc2VpcDetails = z.infer<typeof AwsEc2VpcDetailsSchema>;
