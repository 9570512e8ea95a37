import { InvalidTargetError } from './errors';

/** The AWS partitions this package can act in. */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/** An AWS partition: `aws` (commercial), `aws-cn` (China) or `aws-us-gov` (GovCloud US). */
export type Partition = (typeof PARTITIONS)[number];

/**
 * The region used for a partition when nothing more specific is known: for targets without a region
 * (IAM, S3 bucket ARNs) outside the default region's partition, and for that partition's STS client.
 */
export const PARTITION_DEFAULT_REGIONS: Readonly<Record<Partition, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

/** Syntax of a region code: `us-east-1`, `cn-northwest-1`, `us-gov-west-1`, `ap-southeast-5`. */
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * Type guard for {@link Partition}.
 *
 * @example
 * ```ts
 * isPartition('aws-cn'); // true
 * isPartition('aws-iso'); // false: not supported
 * ```
 */
export function isPartition(value: unknown): value is Partition {
  return typeof value === 'string' && (PARTITIONS as readonly string[]).includes(value);
}

/**
 * The partition a region belongs to.
 *
 * @param region - A region code such as `eu-west-1`.
 * @param field - Name of the input, used in the error.
 * @throws {@link InvalidTargetError} if `region` is not a region code, or belongs to a partition
 * this package does not support (ISO, European Sovereign Cloud).
 *
 * @example
 * ```ts
 * partitionOfRegion('eu-west-1'); // 'aws'
 * partitionOfRegion('cn-north-1'); // 'aws-cn'
 * partitionOfRegion('us-gov-west-1'); // 'aws-us-gov'
 * ```
 */
export function partitionOfRegion(region: string, field = 'region'): Partition {
  const partition = classifyRegion(region);
  if (partition === 'invalid') {
    throw new InvalidTargetError(field, region, 'is not an AWS region code such as "us-east-1"');
  }
  if (partition === 'unsupported') {
    throw new InvalidTargetError(field, region, `is in a partition other than ${PARTITIONS.join(', ')}`);
  }
  return partition;
}

/** Non-throwing core of {@link partitionOfRegion}. */
export function classifyRegion(region: string): Partition | 'unsupported' | 'invalid' {
  if (!REGION.test(region)) return 'invalid';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (/-iso[a-z]*-/.test(region) || region.startsWith('eusc-')) return 'unsupported';
  return 'aws';
}
