/**
 * Input validators shared by the pure helpers and the factory. Internal: not exported from the package.
 * Each takes the `field` path to name in the error, so the same rule reports `accountId` when called
 * from {@link roleArn} and `target.accountId` when called from the factory.
 */
import { InvalidTargetError, ValidationError } from './errors';
import { isPartition, PARTITIONS, type Partition } from './partition';

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** IAM role names: 1..64 of `[\w+=,.@-]` (IAM `CreateRole` `RoleName` pattern). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** STS `ExternalId`: 2..1224 of `[\w+=,.@:/-]`. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** Asserts a 12-digit AWS account id. */
export function assertAccountId(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !ACCOUNT_ID.test(value)) {
    throw new InvalidTargetError(field, value, 'must be a 12-digit AWS account id');
  }
}

/** Asserts one of the supported partitions. */
export function assertPartition(value: unknown, field: string): asserts value is Partition {
  if (!isPartition(value)) {
    throw new InvalidTargetError(field, value, `must be one of ${PARTITIONS.join(', ')}`);
  }
}

/** Asserts a valid IAM role name (no path). */
export function assertRoleName(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !ROLE_NAME.test(value)) {
    throw new ValidationError(
      field,
      value,
      'must be an IAM role name: 1-64 characters of [A-Za-z0-9_+=,.@-]',
    );
  }
}

/** Asserts a valid STS external id. */
export function assertExternalId(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !EXTERNAL_ID.test(value)) {
    // Some teams treat the external id as a secret: keep it out of error messages and logs.
    throw new ValidationError(field, '<redacted>', 'must be 2-1224 characters of [A-Za-z0-9_+=,.@:/-]');
  }
}

/** Asserts an integer in `[min, max]`. */
export function assertInteger(
  value: unknown,
  field: string,
  min: number,
  max: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, value, `must be an integer from ${min} to ${max}`);
  }
}
