import * as z from 'zod';

// Shapes that several Amazon RDS details objects share. Internal: reach them through the parent schemas.

/** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbProcessorFeature.html | AwsRdsDbProcessorFeature} */
export const AwsRdsDbProcessorFeatureSchema = z.lazy(() =>
  z.looseObject({
    Name: z.string().optional(),
    Value: z.string().optional(),
  }),
);

/** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbInstanceVpcSecurityGroup.html | AwsRdsDbInstanceVpcSecurityGroup} */
export const AwsRdsDbInstanceVpcSecurityGroupSchema = z.lazy(() =>
  z.looseObject({
    VpcSecurityGroupId: z.string().optional(),
    Status: z.string().optional(),
  }),
);

/** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsRdsDbDomainMembership.html | AwsRdsDbDomainMembership} */
export const AwsRdsDbDomainMembershipSchema = z.lazy(() =>
  z.looseObject({
    Domain: z.string().optional(),
    Status: z.string().optional(),
    Fqdn: z.string().optional(),
    IamRoleName: z.string().optional(),
  }),
);
