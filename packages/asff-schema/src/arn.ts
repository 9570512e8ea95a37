/**
 * The AWS partitions known when this version was published. ARNs and the `Partition` of a resource
 * may name others; this package accepts them.
 */
export const AWS_PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;

/** A partition from {@link AWS_PARTITIONS}. */
export type AwsPartition = (typeof AWS_PARTITIONS)[number];

/** The parts of an Amazon Resource Name: `arn:partition:service:region:account-id:resource`. */
export interface Arn {
  /** Such as `'aws'` or `'aws-us-gov'`. */
  readonly partition: string;
  /** The service namespace, such as `'ec2'` or `'securityhub'`. */
  readonly service: string;
  /** Such as `'us-east-1'`; `''` for global resources (IAM users, S3 buckets). */
  readonly region: string;
  /** The 12-digit account id; `''` when the ARN has none (S3 buckets), `'aws'` for AWS managed IAM policies. */
  readonly accountId: string;
  /** Everything after the fifth colon, such as `'security-group/sg-0a1b2c3d4e5f67890'`; may hold colons. */
  readonly resource: string;
}

const PARTITION = /^aws(?:-[a-z0-9]+)*$/;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const REGION = /^[a-z0-9-]*$/;
const ACCOUNT = /^[A-Za-z0-9-]*$/;

/**
 * Splits an ARN into its parts. Returns `undefined` for anything that is not an ARN; never throws.
 *
 * @example
 * ```ts
 * parseArn('arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f67890');
 * // { partition: 'aws', service: 'ec2', region: 'us-east-1', accountId: '111122223333',
 * //   resource: 'security-group/sg-0a1b2c3d4e5f67890' }
 * parseArn('arn:aws:s3:::example-logs-111122223333')?.resource; // 'example-logs-111122223333'
 * parseArn('sg-0a1b2c3d4e5f67890'); // undefined
 * ```
 */
export function parseArn(arn: string): Arn | undefined {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  const [, partition, service, region, accountId] = parts;
  const resource = parts.slice(5).join(':');
  if (
    partition === undefined ||
    service === undefined ||
    region === undefined ||
    accountId === undefined ||
    resource.length === 0 ||
    !PARTITION.test(partition) ||
    !SERVICE.test(service) ||
    !REGION.test(region) ||
    !ACCOUNT.test(accountId)
  ) {
    return undefined;
  }
  return { partition, service, region, accountId, resource };
}
