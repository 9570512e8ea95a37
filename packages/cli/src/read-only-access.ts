import type { AwsAccess } from '@soar/aws-access';

/** IAM actions that only read: `Describe*`, `Get*`, `List*`, `Head*`. */
const READ_ACTION = /^[a-z0-9-]+:(?:Describe|Get|List|Head)[A-Za-z0-9]*$/;

/** Whether an IAM action only reads (`ec2:DescribeSecurityGroups` yes, `ec2:RevokeSecurityGroupIngress` no). */
export function isReadOnlyAction(action: string): boolean {
  return READ_ACTION.test(action);
}

/**
 * A client factory whose sessions may only read: every session policy keeps just the read actions
 * of the scope it is asked for (and a scope without actions gets none, so nothing at all is allowed),
 * and the session is named `plan-…`, visible as such in the member account's CloudTrail. `soar plan`
 * uses it, so that planning against real AWS can never change a resource, whatever a control does.
 *
 * @example
 * ```ts
 * const { resources } = await planRemediation(pad, { access: readOnlyAccess(createAwsAccess()), registry });
 * ```
 */
export function readOnlyAccess(access: Pick<AwsAccess, 'client'>): Pick<AwsAccess, 'client'> {
  return {
    client(ClientClass, target, scope) {
      const purpose = scope.purpose.replace(/^remediate-/, 'plan-');
      if (scope.statements !== undefined) {
        // Each statement keeps its read actions on its own resources; one left with none is dropped.
        const statements = scope.statements.flatMap((statement) => {
          const reads = statement.actions.filter(isReadOnlyAction);
          return reads.length === 0 ? [] : [{ ...statement, actions: reads }];
        });
        return access.client(ClientClass, target, {
          ...scope,
          purpose,
          statements:
            statements.length > 0 ? statements : [{ actions: ['sts:GetCallerIdentity'], resources: ['*'] }],
        });
      }
      const actions = (scope.actions ?? []).filter(isReadOnlyAction);
      return access.client(ClientClass, target, {
        ...scope,
        purpose,
        actions: actions.length > 0 ? actions : ['sts:GetCallerIdentity'],
      });
    },
  };
}
