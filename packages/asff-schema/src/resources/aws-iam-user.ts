import * as z from 'zod';

/** Builds the schema, on its first use (see {@link AwsIamUserDetailsSchema}). */
function awsIamUserDetails() {
  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsIamAttachedManagedPolicy.html | AwsIamAttachedManagedPolicy} */
  const AwsIamAttachedManagedPolicySchema = z.looseObject({
    PolicyName: z.string().optional(),
    PolicyArn: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsIamPermissionsBoundary.html | AwsIamPermissionsBoundary} */
  const AwsIamPermissionsBoundarySchema = z.looseObject({
    PermissionsBoundaryArn: z.string().optional(),
    PermissionsBoundaryType: z.string().optional(),
  });

  /** {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsIamUserPolicy.html | AwsIamUserPolicy} */
  const AwsIamUserPolicySchema = z.looseObject({
    PolicyName: z.string().optional(),
  });

  const AwsIamUserDetailsSchema = z.looseObject({
    AttachedManagedPolicies: z.array(AwsIamAttachedManagedPolicySchema).optional(),
    CreateDate: z.string().optional(),
    GroupList: z.array(z.string()).optional(),
    Path: z.string().optional(),
    PermissionsBoundary: AwsIamPermissionsBoundarySchema.optional(),
    UserId: z.string().optional(),
    UserName: z.string().optional(),
    UserPolicyList: z.array(AwsIamUserPolicySchema).optional(),
  });
  return AwsIamUserDetailsSchema;
}

/**
 * Details about an AWS Identity and Access Management (IAM) user: `Resources[].Details.AwsIamUser` of a finding whose resource `Type` is
 * `AwsIamUser`.
 *
 * Field names and types follow `AwsIamUserDetails` in the AWS Security Hub API Reference. Every field is
 * optional, as in the API, and every object is loose: fields that AWS adds later are kept as they are.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsIamUserDetails.html | AwsIamUserDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = AwsIamUserDetailsSchema.parse({
 *   UserName: 'ci-deployer',
 *   UserId: 'AIDACKCEVSQ6C2EXAMPLE',
 *   Path: '/',
 *   CreateDate: '2022-11-03T15:40:12.000Z',
 *   AttachedManagedPolicies: [
 *     {
 *       PolicyName: 'AdministratorAccess',
 *       PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
 *     },
 *   ],
 *   UserPolicyList: [{ PolicyName: 'inline-s3-deploy' }],
 *   GroupList: ['deployers'],
 *   PermissionsBoundary: {
 *     PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/DeveloperBoundary',
 *     PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
 *   },
 * });
 * details.AttachedManagedPolicies?.[0]?.PolicyArn; // 'arn:aws:iam::aws:policy/AdministratorAccess'
 * ```
 */
export const AwsIamUserDetailsSchema = z.lazy(awsIamUserDetails);

/** Details about an AWS Identity and Access Management (IAM) user; inferred from {@link AwsIamUserDetailsSchema}. */
export type AwsIamUserDetails = z.infer<typeof AwsIamUserDetailsSchema>;
