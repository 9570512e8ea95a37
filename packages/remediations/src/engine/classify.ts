/** What kind of failure an AWS error is, as far as remediation outcomes go. */
export type FailureKind =
  'resource_not_found' | 'throttled' | 'access_denied' | 'timeout' | 'internal' | 'other';

/**
 * Error names that mean the resource itself no longer exists (not "a setting of it is absent":
 * `NoSuchBucketPolicy`, `NoSuchLifecycleConfiguration` and the like are normal states that controls
 * read, not signs that the resource is gone).
 */
export const RESOURCE_NOT_FOUND_ERRORS: ReadonlySet<string> = new Set([
  'InvalidGroup.NotFound',
  'InvalidGroupId.NotFound',
  'InvalidInstanceID.NotFound',
  'InvalidAllocationID.NotFound',
  'InvalidVpcID.NotFound',
  'InvalidSubnetID.NotFound',
  'InvalidNetworkInterfaceID.NotFound',
  'InvalidVolume.NotFound',
  'NoSuchBucket',
  'NotFound',
  'ResourceNotFoundException',
  'TableNotFoundException',
  'NotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
  'DBClusterNotFoundFault',
  'DBSnapshotNotFound',
  'DBSnapshotNotFoundFault',
  'DBClusterSnapshotNotFoundFault',
  // Elastic Load Balancing: the wire code, and the SDK v3 names of ALB/NLB and Classic.
  'LoadBalancerNotFound',
  'LoadBalancerNotFoundException',
  'AccessPointNotFoundException',
  'RepositoryNotFoundException',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
]);

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthFailure',
  'AccessDeniedError',
  'AssumeRoleError',
  'KMSAccessDeniedException',
]);
const TIMEOUT = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
  'ETIMEDOUT',
]);
const INTERNAL = new Set([
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'KMSInternalException',
]);

/** The error's name (SDK errors carry the AWS error code there), or its `code`. */
export function errorName(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.name !== 'Error' ? error.name : typeof code === 'string' ? code : 'Error';
  }
  return typeof error;
}

/**
 * Sorts an error into a {@link FailureKind}.
 *
 * @example
 * ```ts
 * classifyError(Object.assign(new Error('x'), { name: 'InvalidGroup.NotFound' })); // 'resource_not_found'
 * ```
 */
export function classifyError(error: unknown): FailureKind {
  const name = errorName(error);
  if (RESOURCE_NOT_FOUND_ERRORS.has(name)) return 'resource_not_found';
  if (THROTTLED.has(name)) return 'throttled';
  if (ACCESS_DENIED.has(name)) return 'access_denied';
  if (TIMEOUT.has(name)) return 'timeout';
  if (INTERNAL.has(name)) return 'internal';
  return 'other';
}

/** A short, safe description of an error for tickets: name and first line of the message. */
export function describeError(error: unknown): string {
  const name = errorName(error);
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const short = message.length > 300 ? `${message.slice(0, 299)}…` : message;
  return short === '' || short === name ? name : `${name}: ${short}`;
}
