import type { SessionPolicyStatement } from '@soar/aws-access';
import { RemediationError } from '../errors';
import type { PlanContext } from './control';

/**
 * Where a control acts, as its ARNs need it: the partition, region and account of the session (the
 * finding's account, the resource's region, the finding's partition).
 */
export type ArnContext = Pick<PlanContext, 'partition' | 'region' | 'accountId'>;

/**
 * The ARN of a regional resource in the session's account and region, e.g. a security group.
 *
 * @example
 * ```ts
 * regionalArn({ partition: 'aws-us-gov', region: 'us-gov-west-1', accountId: '111122223333' }, 'ec2', 'security-group/sg-0123');
 * // 'arn:aws-us-gov:ec2:us-gov-west-1:111122223333:security-group/sg-0123'
 * ```
 */
export function regionalArn(context: ArnContext, service: string, resource: string): string {
  return `arn:${context.partition}:${service}:${context.region}:${context.accountId}:${resource}`;
}

/**
 * The ARN of a global resource of the session's account (IAM has no region), e.g. a role.
 *
 * @example
 * ```ts
 * globalArn({ partition: 'aws', region: 'eu-west-1', accountId: '111122223333' }, 'iam', 'role/soar-x');
 * // 'arn:aws:iam::111122223333:role/soar-x'
 * ```
 */
export function globalArn(context: ArnContext, service: string, resource: string): string {
  return `arn:${context.partition}:${service}::${context.accountId}:${resource}`;
}

/**
 * The session policy statements for one session: those of `permissions` that name one of `actions`,
 * each narrowed to those actions. Every one of `actions` must be in some statement.
 *
 * @throws {@link RemediationError} naming the control and the actions no statement covers (a control
 *   whose `permissions` forgot an action: the session would be refused it, so none is started).
 *
 * @example
 * ```ts
 * sessionStatements('EC2.2', control.permissions(context), control.iamActions);
 * // [{ actions: ['ec2:DescribeSecurityGroups', ...], resources: ['*'] },
 * //  { actions: ['ec2:RevokeSecurityGroupIngress', ...], resources: ['arn:aws:ec2:...:security-group/sg-0123'] }]
 * ```
 */
export function sessionStatements(
  controlId: string,
  permissions: readonly SessionPolicyStatement[],
  actions: readonly string[],
): SessionPolicyStatement[] {
  const wanted = new Set(actions);
  const statements = permissions.flatMap((statement) => {
    const kept = statement.actions.filter((action) => wanted.has(action));
    return kept.length === 0 ? [] : [{ ...statement, actions: kept }];
  });
  const covered = new Set(statements.flatMap((statement) => statement.actions));
  const missing = actions.filter((action) => !covered.has(action));
  if (missing.length > 0) {
    throw new RemediationError(
      `${controlId} names no resources for ${missing.join(', ')} in its permissions, so SOAR started no session for it.`,
      { context: { controlId } },
    );
  }
  return statements;
}
