import type { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Permission to assume a role of the given name in any account, and, when the organization is known,
 * only in accounts of that organization: a role of the same name in an account outside it is never
 * assumed. The accounts SOAR acts in are not known at deploy time; the role name is.
 *
 * @example
 * ```ts
 * fn.addToRolePolicy(assumeMemberRoleStatement(this, 'AWSControlTowerExecution', 'o-abcdefghij'));
 * ```
 */
export function assumeMemberRoleStatement(
  stack: Stack,
  roleName: string,
  organizationId: string | undefined,
  sid?: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    ...(sid === undefined ? {} : { sid }),
    actions: ['sts:AssumeRole'],
    resources: [`arn:${stack.partition}:iam::*:role/${roleName}`],
    ...(organizationId === undefined
      ? {}
      : { conditions: { StringEquals: { 'aws:ResourceOrgID': organizationId } } }),
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
