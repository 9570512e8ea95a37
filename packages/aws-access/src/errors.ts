/**
 * Error hierarchy of `@soar/aws-access`.
 *
 * Every error thrown by this package is an {@link AwsAccessError}, so callers can tell "our" failures
 * from anything else with one `instanceof`. Subclasses carry the context needed to act on the error
 * (the offending field, the account and role ARN) as typed, readonly fields, and the underlying AWS
 * SDK error, when there is one, as the standard `cause`.
 *
 * ```
 * AwsAccessError
 * ├── ValidationError              bad input: `field`, `value`, `reason`
 * │   ├── InvalidTargetError       bad account id / ARN / region / partition of a target
 * │   └── SessionPolicyError       bad action or resource in a session policy
 * │       └── SessionPolicyTooLargeError   `size` > `limit`
 * ├── AssumeRoleError              sts:AssumeRole failed: `accountId`, `roleArn`, `sessionName`, `awsErrorName`
 * │   └── AccessDeniedError        ... because the caller may not assume the role
 * └── CallerIdentityError          sts:GetCallerIdentity failed (own-account detection)
 * ```
 */

/**
 * Base class of every error thrown by `@soar/aws-access`.
 *
 * @example
 * ```ts
 * try {
 *   await ec2.send(new DescribeSecurityGroupsCommand({}));
 * } catch (error) {
 *   if (error instanceof AwsAccessError) logger.error('cross-account access failed', { error });
 *   throw error;
 * }
 * ```
 */
export class AwsAccessError extends Error {
  override readonly name: string = 'AwsAccessError';
}

/**
 * An argument or option is invalid. Thrown synchronously, before any network call.
 *
 * @example
 * ```ts
 * try {
 *   roleArn('aws', '1234', 'AWSControlTowerExecution');
 * } catch (error) {
 *   if (error instanceof ValidationError) console.error(error.field); // 'accountId'
 * }
 * ```
 */
export class ValidationError extends AwsAccessError {
  override readonly name: string = 'ValidationError';

  /**
   * @param field - Path of the offending input, e.g. `target.accountId` or `scope.actions[1]`.
   * @param value - The rejected value (`'<redacted>'` for an invalid `externalId`).
   * @param reason - What is wrong with it, phrased to complete "`field` ...".
   */
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`Invalid ${field}: ${reason} (got ${show(value)})`);
  }
}

/**
 * The target of a request (account id, ARN, region or partition) is invalid or self-contradictory.
 *
 * @example
 * ```ts
 * expect(() => parseTargetFromArn('arn:aws:ec2:us-east-1:12345:vpc/vpc-1')).toThrow(InvalidTargetError);
 * ```
 */
export class InvalidTargetError extends ValidationError {
  override readonly name: string = 'InvalidTargetError';
}

/**
 * An action or resource of a session policy is invalid (malformed, or a wildcard that was not allowed).
 *
 * @example
 * ```ts
 * expect(() => buildSessionPolicy(['ec2:*'])).toThrow(SessionPolicyError);
 * ```
 */
export class SessionPolicyError extends ValidationError {
  override readonly name: string = 'SessionPolicyError';
}

/**
 * The packed session policy JSON exceeds what STS accepts
 * ({@link SESSION_POLICY_MAX_LENGTH | 2048 characters}).
 *
 * @example
 * ```ts
 * try {
 *   buildSessionPolicy(manyActions);
 * } catch (error) {
 *   if (error instanceof SessionPolicyTooLargeError) console.error(`${error.size} > ${error.limit}`);
 * }
 * ```
 */
export class SessionPolicyTooLargeError extends SessionPolicyError {
  override readonly name: string = 'SessionPolicyTooLargeError';

  constructor(
    field: string,
    policy: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      field,
      `${policy.slice(0, 80)}...`,
      `session policy is ${size} characters packed, more than the STS limit of ${limit}; ` +
        'split the work into narrower scopes or list fewer actions/resources',
    );
  }
}

/** Context of a failed `sts:AssumeRole` call. */
export interface AssumeRoleErrorContext {
  /** The 12-digit account the role lives in. */
  readonly accountId: string;
  /** The ARN of the role that could not be assumed. */
  readonly roleArn: string;
  /** The role session name that was requested. */
  readonly sessionName: string;
  /** The `name` of the AWS SDK error (the STS error code, e.g. `AccessDenied`), if any. */
  readonly awsErrorName?: string | undefined;
}

/**
 * `sts:AssumeRole` into a member account failed. The SDK error is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await access.credentials({ accountId: '111122223333' }, { purpose: 'triage' });
 * } catch (error) {
 *   if (error instanceof AssumeRoleError) {
 *     logger.warn('cannot act in member account', { accountId: error.accountId, roleArn: error.roleArn });
 *   }
 * }
 * ```
 */
export class AssumeRoleError extends AwsAccessError implements AssumeRoleErrorContext {
  override readonly name: string = 'AssumeRoleError';
  readonly accountId: string;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly awsErrorName: string | undefined;

  constructor(message: string, context: AssumeRoleErrorContext, options?: ErrorOptions) {
    super(`${message} (role ${context.roleArn}, session ${context.sessionName})`, options);
    this.accountId = context.accountId;
    this.roleArn = context.roleArn;
    this.sessionName = context.sessionName;
    this.awsErrorName = context.awsErrorName;
  }
}

/**
 * `sts:AssumeRole` was denied: the role does not exist, its trust policy does not trust the caller,
 * the `ExternalId` is wrong, or an SCP blocks the call. Usually permanent: do not retry blindly.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof AccessDeniedError) return { status: 'skipped', reason: 'account not enrolled' };
 *   throw error;
 * }
 * ```
 */
export class AccessDeniedError extends AssumeRoleError {
  override readonly name: string = 'AccessDeniedError';
}

/**
 * `sts:GetCallerIdentity` failed while finding out the caller's own account (only used with
 * `ownAccount: 'base-credentials'` and no `callerAccountId`). The SDK error is the `cause`.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof CallerIdentityError) logger.error('base credentials are unusable', { error });
 * }
 * ```
 */
export class CallerIdentityError extends AwsAccessError {
  override readonly name: string = 'CallerIdentityError';
}

/** A short, printable rendering of a rejected value for error messages. */
function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value);
  }
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
