import { InvalidTargetError } from './errors';
import { classifyRegion, isPartition, PARTITIONS, type Partition } from './partition';
import { ACCOUNT_ID, assertAccountId, assertPartition, assertRoleName } from './validation';

/** The parts of a resource ARN that say where the resource lives. */
export interface ParsedArn {
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: Partition;
  /** The service namespace, e.g. `ec2`, `iam`, `s3`. */
  readonly service: string;
  /** The region, or `undefined` for global resources (IAM, S3 buckets, CloudFront, ...). */
  readonly region: string | undefined;
  /** The 12-digit owner account, or `undefined` when the ARN has none (S3 buckets). */
  readonly accountId: string | undefined;
  /** Everything after the account field, e.g. `security-group/sg-0123` (may contain `:` and `/`). */
  readonly resource: string;
}

/**
 * Splits a resource ARN into partition, service, region, account and resource, validating each part.
 *
 * ARN format: `arn:<partition>:<service>:<region>:<account-id>:<resource>`. Region and account are
 * empty for global resources (`arn:aws:iam::111122223333:role/x` has no region,
 * `arn:aws:s3:::my-bucket` has neither): they come back as `undefined`.
 *
 * @param arn - A resource ARN, e.g. the `Id` of a Security Hub finding resource.
 * @throws {@link InvalidTargetError} (field `arn`) if the ARN is malformed, its partition is not
 * supported, its region is not a region of that partition, or its account is not 12 digits.
 *
 * @example
 * ```ts
 * parseTargetFromArn('arn:aws-cn:ec2:cn-north-1:111122223333:security-group/sg-1');
 * // { partition: 'aws-cn', service: 'ec2', region: 'cn-north-1', accountId: '111122223333',
 * //   resource: 'security-group/sg-1' }
 * parseTargetFromArn('arn:aws:s3:::my-bucket');
 * // { partition: 'aws', service: 's3', region: undefined, accountId: undefined, resource: 'my-bucket' }
 * ```
 */
export function parseTargetFromArn(arn: string): ParsedArn {
  return parseArn(arn, 'arn');
}

/** {@link parseTargetFromArn}, reporting errors against `field` (e.g. `target.arn`). */
export function parseArn(arn: unknown, field: string): ParsedArn {
  const invalid = (reason: string): InvalidTargetError => new InvalidTargetError(field, arn, reason);
  if (typeof arn !== 'string') throw invalid('must be a string');

  const match = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (match === null) {
    throw invalid('is not an ARN of the form arn:<partition>:<service>:<region>:<account-id>:<resource>');
  }
  // The regex has exactly five groups, and all of them take part in every match.
  const [, partition = '', service = '', region = '', accountId = '', resource = ''] = match;

  if (!isPartition(partition)) {
    throw invalid(`has partition "${partition}"; supported partitions are ${PARTITIONS.join(', ')}`);
  }
  if (!/^[a-z0-9-]+$/.test(service)) {
    throw invalid(`has an invalid service namespace "${service}"`);
  }
  if (region !== '') {
    const regionPartition = classifyRegion(region);
    if (regionPartition === 'invalid') throw invalid(`has "${region}" where a region code belongs`);
    if (regionPartition !== partition) {
      throw invalid(`has region ${region}, which is not in partition ${partition}`);
    }
  }
  if (accountId !== '' && !ACCOUNT_ID.test(accountId)) {
    throw invalid(`has account "${accountId}", which is not a 12-digit AWS account id`);
  }
  return {
    partition,
    service,
    region: region === '' ? undefined : region,
    accountId: accountId === '' ? undefined : accountId,
    resource,
  };
}

/**
 * The ARN of a role, `arn:<partition>:iam::<accountId>:role/<roleName>`, with every part validated.
 *
 * @param partition - `aws`, `aws-cn` or `aws-us-gov`.
 * @param accountId - The 12-digit account that owns the role.
 * @param roleName - The role name, without path (`AWSControlTowerExecution`,
 * `OrganizationAccountAccessRole`, or your own least-privilege role).
 * @throws {@link InvalidTargetError} for a bad partition or account id (fields `partition`,
 * `accountId`); {@link ValidationError} for a bad role name (field `roleName`).
 *
 * @example
 * ```ts
 * roleArn('aws-us-gov', '111122223333', 'OrganizationAccountAccessRole');
 * // 'arn:aws-us-gov:iam::111122223333:role/OrganizationAccountAccessRole'
 * ```
 */
export function roleArn(partition: Partition, accountId: string, roleName: string): string {
  assertPartition(partition, 'partition');
  assertAccountId(accountId, 'accountId');
  assertRoleName(roleName, 'roleName');
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}
