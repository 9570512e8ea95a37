/**
 * `@soar/aws-access`: AWS SDK v3 clients that act in member accounts of an AWS Organization, with
 * cached assume-role credentials, least-privilege session policies, per-purpose session names and
 * partition/region taken from resource ARNs.
 *
 * @packageDocumentation
 */
export {
  createAwsAccess,
  DEFAULT_DURATION_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REFRESH_MARGIN_SECONDS,
  DEFAULT_ROLE_NAME,
  type AccessClientConfig,
  type AccessScope,
  type AccountTarget,
  type AwsAccess,
  type AwsAccessOptions,
  type AwsClientConstructor,
  type ResolvedAccess,
  type ResourceTarget,
  type Target,
} from './aws-access';
export { parseTargetFromArn, roleArn, type ParsedArn } from './arn';
export {
  AccessDeniedError,
  AssumeRoleError,
  AwsAccessError,
  CallerIdentityError,
  InvalidTargetError,
  SessionPolicyError,
  SessionPolicyTooLargeError,
  ValidationError,
  type AssumeRoleErrorContext,
} from './errors';
export {
  isPartition,
  PARTITION_DEFAULT_REGIONS,
  PARTITIONS,
  partitionOfRegion,
  type Partition,
} from './partition';
export { SESSION_NAME_MAX_LENGTH, SESSION_NAME_PREFIX, sessionName } from './session-name';
export {
  buildSessionPolicy,
  SESSION_POLICY_MAX_LENGTH,
  type SessionPolicyDocument,
  type SessionPolicyOptions,
  type SessionPolicyStatement,
} from './session-policy';
