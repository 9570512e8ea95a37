import { Annotations, Aws, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MISSING_ORGANIZATION } from './config';
import { OrganizationRequiredError } from './errors';

/**
 * The accounts the member role may be assumed in: those of one organization, or, explicitly opted
 * into, any account whose role trusts this one.
 */
export type MemberAccounts = { readonly organizationId: string } | { readonly anyOrganization: true };

/**
 * The {@link MemberAccounts} of an app configuration (`organizationId`, `allowAnyOrganization`).
 *
 * @throws {@link OrganizationRequiredError} naming both fields when neither is set.
 *
 * @example
 * ```ts
 * memberAccountsOf({ organizationId: 'o-abcdefghij', allowAnyOrganization: false }); // { organizationId: 'o-abcdefghij' }
 * memberAccountsOf({ allowAnyOrganization: true }); // { anyOrganization: true }
 * ```
 */
export function memberAccountsOf(config: {
  readonly organizationId?: string | undefined;
  readonly allowAnyOrganization?: boolean | undefined;
}): MemberAccounts {
  if (config.organizationId !== undefined) return { organizationId: config.organizationId };
  if (config.allowAnyOrganization === true) return { anyOrganization: true };
  throw new OrganizationRequiredError(`organizationId ${MISSING_ORGANIZATION}`);
}

/**
 * Permission to assume a role of the given name in the accounts of one organization: a role of the
 * same name in an account outside it is never assumed (`aws:ResourceOrgID`). The accounts SOAR acts
 * in are not known at deploy time; the role name and the organization are. Only with the explicit
 * opt-in `{ anyOrganization: true }` is there no condition, and the stack then carries a synth warning.
 *
 * @example
 * ```ts
 * fn.addToRolePolicy(assumeMemberRoleStatement(this, 'AWSControlTowerExecution', { organizationId: 'o-abcdefghij' }));
 * ```
 */
export function assumeMemberRoleStatement(
  stack: Stack,
  roleName: string,
  accounts: MemberAccounts,
  sid?: string,
): iam.PolicyStatement {
  if ('anyOrganization' in accounts) {
    Annotations.of(stack).addWarningV2(
      '@soar/constructs:any-organization',
      `allowAnyOrganization is true: the role ${roleName} may be assumed in any account whose role trusts this ` +
        'one, not only in your organization. Set organizationId (o-…) instead to limit it to your organization.',
    );
  }
  return new iam.PolicyStatement({
    ...(sid === undefined ? {} : { sid }),
    actions: ['sts:AssumeRole'],
    resources: [`arn:${Aws.PARTITION}:iam::*:role/${roleName}`],
    ...('organizationId' in accounts
      ? { conditions: { StringEquals: { 'aws:ResourceOrgID': accounts.organizationId } } }
      : {}),
  });
}

/**
 * Permission to send email as `from` through SES: on the identity of the address and on the identity
 * of its domain (SES accepts either as verified).
 *
 * @example
 * ```ts
 * fn.addToRolePolicy(sendEmailStatement(this, 'soar@example.com'));
 * ```
 */
export function sendEmailStatement(stack: Stack, from: string): iam.PolicyStatement {
  const at = from.lastIndexOf('@');
  const identities = at < 0 ? [from] : [from, from.slice(at + 1)];
  return new iam.PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: identities.map((identity) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
    ),
  });
}
