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

/**
 * Conditions of a statement, as IAM writes them: operator, then condition key, then value(s).
 *
 * @example
 * ```ts
 * const passOnlyToFlowLogs: PolicyConditions = {
 *   StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' },
 * };
 * ```
 */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/**
 * One `Allow` statement of a session policy: `actions` on `resources`, under optional `conditions`.
 * `resources: ['*']` is for actions that have no resource type in the Service Authorization Reference
 * (`ec2:DescribeVpcs`, `ec2:GetEbsEncryptionByDefault`); every other action should name its ARNs.
 *
 * @example
 * ```ts
 * const statement: SessionPolicyStatement = {
 *   actions: ['ec2:RevokeSecurityGroupIngress'],
 *   resources: ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0'],
 * };
 * ```
 */
export interface SessionPolicyStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: PolicyConditions | undefined;
}

/** An IAM policy document of `Allow` statements, as sent to STS. */
export interface SessionPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    readonly Effect: 'Allow';
    readonly Action: readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: PolicyConditions;
  }[];
}

/** `service:Action`, service in lower case (`ec2`, `access-analyzer`), action alphanumeric. */
const ACTION = /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9]+$/;
/** The same, with `*` and `?` allowed in the action part, or the bare `*`. */
const WILDCARD_ACTION = /^(?:\*|[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+)$/;
/** A resource: `*` or an ARN (which may contain `*`/`?` wildcards and policy variables). */
const RESOURCE = /^(?:\*|arn:[^\s]+)$/;
/** A condition operator (`StringEquals`, `ForAnyValue:StringLike`, `ArnLike`, ...). */
const CONDITION_OPERATOR = /^(?:(?:ForAnyValue|ForAllValues):)?[A-Za-z]+$/;
/** A condition key (`iam:PassedToService`, `aws:ResourceTag/team`). */
const CONDITION_KEY = /^[A-Za-z0-9-]+:[A-Za-z0-9_./:-]+$/;

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
  return checkedSize(JSON.stringify(document), `${prefix}actions`);
}

/**
 * The packed JSON of an inline session policy made of `statements`, each allowing its actions on its
 * resources (under its conditions): what a session that touches several resource types needs, e.g.
 * `ec2:DescribeVpcs` on `*` (it has no resource type), `ec2:CreateFlowLogs` on one VPC, and
 * `iam:PassRole` on one role, only to the VPC Flow Logs service.
 *
 * Statements keep their order; actions and resources inside each are de-duplicated and sorted, so the
 * same permission set always yields the same string (and shares cached credentials).
 *
 * @param statements - At least one; each with at least one exact action and one resource.
 * @param options - See {@link SessionPolicyOptions}.
 * @throws {@link SessionPolicyError} naming the bad element (e.g. `statements[1].resources[0]`), and
 * {@link SessionPolicyTooLargeError} if the JSON exceeds {@link SESSION_POLICY_MAX_LENGTH}.
 *
 * @example
 * ```ts
 * buildStatementsPolicy([
 *   { actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] },
 *   {
 *     actions: ['ec2:RevokeSecurityGroupIngress'],
 *     resources: ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0'],
 *   },
 *   {
 *     actions: ['iam:PassRole'],
 *     resources: ['arn:aws:iam::111122223333:role/soar-vpc-flow-logs-eu-west-1'],
 *     conditions: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
 *   },
 * ]);
 * ```
 */
export function buildStatementsPolicy(
  statements: readonly SessionPolicyStatement[],
  options: SessionPolicyOptions = {},
): string {
  return statementsPolicy(statements, options.allowWildcards === true, '');
}

/** {@link buildStatementsPolicy}, reporting errors against fields under `prefix` (e.g. `scope.`). */
export function statementsPolicy(
  statements: readonly unknown[],
  allowWildcards: boolean,
  prefix: string,
): string {
  const field = `${prefix}statements`;
  if (!Array.isArray(statements) || statements.length === 0) {
    throw new SessionPolicyError(
      field,
      statements,
      'must be a non-empty array of { actions, resources } statements',
    );
  }
  const document: SessionPolicyDocument = {
    Version: '2012-10-17',
    Statement: statements.map((statement: unknown, index) => {
      const at = `${field}[${index}]`;
      if (typeof statement !== 'object' || statement === null) {
        throw new SessionPolicyError(at, statement, 'must be an object with actions and resources');
      }
      const { actions, resources, conditions } = statement as Record<string, unknown>;
      if (!Array.isArray(actions)) {
        throw new SessionPolicyError(`${at}.actions`, actions, 'must be a non-empty array of IAM actions');
      }
      if (!Array.isArray(resources)) {
        throw new SessionPolicyError(
          `${at}.resources`,
          resources,
          'must be a non-empty array of ARNs, or ["*"]',
        );
      }
      const valid = canonical(validResources(resources, `${at}.resources`));
      return {
        Effect: 'Allow' as const,
        Action: canonical(validActions(actions, allowWildcards, `${at}.actions`)),
        Resource: valid.length === 1 && valid[0] === '*' ? '*' : valid,
        ...(conditions === undefined ? {} : { Condition: validConditions(conditions, `${at}.conditions`) }),
      };
    }),
  };
  return checkedSize(JSON.stringify(document), field);
}

function validConditions(conditions: unknown, field: string): PolicyConditions {
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    throw new SessionPolicyError(
      field,
      conditions,
      'must be an object such as { StringEquals: { key: value } }',
    );
  }
  const entries = Object.entries(conditions);
  if (entries.length === 0)
    throw new SessionPolicyError(field, conditions, 'must name at least one operator');
  for (const [operator, keys] of entries) {
    if (!CONDITION_OPERATOR.test(operator)) {
      throw new SessionPolicyError(
        `${field}.${operator}`,
        operator,
        'must be an IAM condition operator such as StringEquals',
      );
    }
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys) || Object.keys(keys).length === 0) {
      throw new SessionPolicyError(`${field}.${operator}`, keys, 'must map condition keys to values');
    }
    for (const [key, value] of Object.entries(keys)) {
      const at = `${field}.${operator}.${key}`;
      if (!CONDITION_KEY.test(key)) {
        throw new SessionPolicyError(at, key, 'must be a condition key such as "iam:PassedToService"');
      }
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
        throw new SessionPolicyError(at, value, 'must be a non-empty string or array of strings');
      }
    }
  }
  return conditions as PolicyConditions;
}

function checkedSize(policy: string, field: string): string {
  if (policy.length > SESSION_POLICY_MAX_LENGTH) {
    throw new SessionPolicyTooLargeError(field, policy, policy.length, SESSION_POLICY_MAX_LENGTH);
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
