import { SessionPolicyError, SessionPolicyTooLargeError } from './errors';

/**
 * Maximum length of an inline session policy, in characters of packed (whitespace-free) JSON.
 * STS rejects longer `Policy` values; it also applies a separate, opaque packed-binary limit
 * (`PackedPolicyTooLarge`), which surfaces as an {@link AssumeRoleError}.
 */
export const SESSION_POLICY_MAX_LENGTH = 2048;

/** Options of {@link buildSessionPolicy}. */
export interface SessionPolicyOptions {
  /**
   * Accept `*` and `?` in actions (`ec2:Describe*`, `s3:*`, `*`). Off by default: a session policy
   * exists to grant the exact actions a remediation needs, and wildcards silently grow with every new
   * API AWS adds to a service.
   */
  readonly allowWildcards?: boolean | undefined;
}

/** An IAM policy document with a single `Allow` statement, as sent to STS. */
export interface SessionPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly [
    {
      readonly Effect: 'Allow';
      readonly Action: readonly string[];
      readonly Resource: string | readonly string[];
    },
  ];
}

/** `service:Action`, service in lower case (`ec2`, `access-analyzer`), action alphanumeric. */
const ACTION = /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9]+$/;
/** The same, with `*` and `?` allowed in the action part, or the bare `*`. */
const WILDCARD_ACTION = /^(?:\*|[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+)$/;
/** A resource: `*` or an ARN (which may contain `*`/`?` wildcards and policy variables). */
const RESOURCE = /^(?:\*|arn:[^\s]+)$/;

/**
 * The packed JSON of an inline session policy that allows exactly `actions` on `resources`.
 *
 * The effective permissions of the assumed session are the intersection of the role's policies and
 * this policy, so even a full-admin role (`AWSControlTowerExecution`) can only do what the policy
 * lists. Actions and resources are de-duplicated and sorted, so that the same permission set always
 * yields the same policy string (and therefore shares cached credentials).
 *
 * @param actions - IAM actions, `service:Action`, e.g. `ec2:RevokeSecurityGroupIngress`. At least one.
 * @param resources - Resource ARNs to restrict the actions to; default `"*"` (any resource: the role's
 * own policies and the member account boundary still apply).
 * @param options - See {@link SessionPolicyOptions}.
 * @throws {@link SessionPolicyError} naming the bad element (e.g. field `actions[1]`), and
 * {@link SessionPolicyTooLargeError} if the JSON exceeds {@link SESSION_POLICY_MAX_LENGTH}.
 *
 * @example
 * ```ts
 * buildSessionPolicy(['ec2:RevokeSecurityGroupIngress', 'ec2:DescribeSecurityGroups']);
 * // '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
 * //   "Action":["ec2:DescribeSecurityGroups","ec2:RevokeSecurityGroupIngress"],"Resource":"*"}]}'
 * buildSessionPolicy(['s3:PutBucketPublicAccessBlock'], ['arn:aws:s3:::my-bucket']);
 * buildSessionPolicy(['ec2:Describe*'], undefined, { allowWildcards: true });
 * ```
 */
export function buildSessionPolicy(
  actions: readonly string[],
  resources?: readonly string[],
  options: SessionPolicyOptions = {},
): string {
  return sessionPolicy(actions, resources, options.allowWildcards === true, '');
}

/** {@link buildSessionPolicy}, reporting errors against fields under `prefix` (e.g. `scope.`). */
export function sessionPolicy(
  actions: readonly unknown[],
  resources: readonly unknown[] | undefined,
  allowWildcards: boolean,
  prefix: string,
): string {
  const document: SessionPolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: canonical(validActions(actions, allowWildcards, `${prefix}actions`)),
        Resource: resources === undefined ? '*' : canonical(validResources(resources, `${prefix}resources`)),
      },
    ],
  };
  const policy = JSON.stringify(document);
  if (policy.length > SESSION_POLICY_MAX_LENGTH) {
    throw new SessionPolicyTooLargeError(
      `${prefix}actions`,
      policy,
      policy.length,
      SESSION_POLICY_MAX_LENGTH,
    );
  }
  return policy;
}

function validActions(actions: readonly unknown[], allowWildcards: boolean, field: string): string[] {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw new SessionPolicyError(
      field,
      actions,
      'must be a non-empty array of IAM actions such as "ec2:DescribeVpcs"',
    );
  }
  return actions.map((action, index) => {
    const element = `${field}[${index}]`;
    if (typeof action !== 'string') throw new SessionPolicyError(element, action, 'must be a string');
    if (ACTION.test(action)) return action;
    if (WILDCARD_ACTION.test(action)) {
      if (allowWildcards) return action;
      throw new SessionPolicyError(
        element,
        action,
        'contains a wildcard; list the exact actions, or pass allowWildcards: true if you really mean it',
      );
    }
    throw new SessionPolicyError(element, action, 'must be an IAM action of the form "service:Action"');
  });
}

function validResources(resources: readonly unknown[], field: string): string[] {
  if (!Array.isArray(resources) || resources.length === 0) {
    throw new SessionPolicyError(field, resources, 'must be a non-empty array of ARNs (omit it for "*")');
  }
  return resources.map((resource, index) => {
    if (typeof resource !== 'string' || !RESOURCE.test(resource)) {
      throw new SessionPolicyError(`${field}[${index}]`, resource, 'must be "*" or an ARN');
    }
    return resource;
  });
}

function canonical(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
