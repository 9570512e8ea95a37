import type { S3Client } from '@aws-sdk/client-s3';
import { errorName } from '../../engine/classify';
import type { FindingResource, PlanContext } from '../../engine/control';
import { arnIdPattern } from '../../engine/resource-id';
import { sdk } from '../sdk';

/**
 * `arn:<partition>:s3:::<bucket>`: the Id Security Hub gives an `AwsS3Bucket` resource. Bucket names
 * are 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
 */
export const BUCKET_ID = arnIdPattern({
  service: 's3',
  scope: 'none',
  resource: '(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])',
  resourceShape: '<bucket>',
  parts: ['bucket'],
  examples: {
    valid: ['arn:aws:s3:::my-bucket', 'arn:aws:s3:::logs.example.com'],
    invalid: [
      'my-bucket',
      'arn:aws:s3:::my-bucket/key',
      'arn:aws:s3:::My_Bucket',
      'arn:aws:s3:eu-west-1:111122223333:my-bucket',
      'arn:aws:s3:::ab',
    ],
  },
});

/**
 * The bucket name of an `AwsS3Bucket` finding resource (the text after `:::` of its ARN).
 *
 * @throws `ResourceIdError` when the Id is not a bucket ARN (the engine refuses such a resource before).
 *
 * @example
 * ```ts
 * bucketName({ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::my-bucket' }); // 'my-bucket'
 * ```
 */
export function bucketName(resource: Pick<FindingResource, 'Id'>): string {
  return BUCKET_ID.partsOf(resource.Id).bucket;
}

/**
 * The bucket name of an `AwsS3Bucket` finding resource, or `undefined` when the Id is not a bucket ARN.
 *
 * @example
 * ```ts
 * bucketNameFrom({ Id: 'arn:aws:s3:::my-bucket' }); // 'my-bucket'
 * bucketNameFrom({ Id: 'my-bucket' }); // undefined
 * ```
 */
export function bucketNameFrom(resource: Pick<FindingResource, 'Id'>): string | undefined {
  return BUCKET_ID.match(resource.Id)?.bucket;
}

/**
 * The resources part of a session policy statement for the finding's bucket: its ARN, and the
 * condition that the bucket belongs to the finding's account (bucket ARNs name no account, so without
 * it a finding could point SOAR's session at a same-named bucket another account lets it touch).
 *
 * @example
 * ```ts
 * bucketPermission(context);
 * // { resources: ['arn:aws:s3:::my-bucket'],
 * //   conditions: { StringEquals: { 's3:ResourceAccount': '111122223333' } } }
 * ```
 */
export function bucketPermission(context: Pick<PlanContext, 'resource' | 'partition' | 'accountId'>): {
  readonly resources: readonly string[];
  readonly conditions: { readonly StringEquals: { readonly 's3:ResourceAccount': string } };
} {
  return {
    resources: [`arn:${context.partition}:s3:::${bucketName(context.resource)}`],
    conditions: { StringEquals: { 's3:ResourceAccount': context.accountId } },
  };
}

/** The S3 Details Security Hub gives an `AwsS3Bucket` resource. */
type BucketDetails = NonNullable<NonNullable<FindingResource['Details']>['AwsS3Bucket']>;

/**
 * The bucket a finding resource names and the Details Security Hub gives it, or `unknown` with the
 * reason when the finding says too little (`checked`: what SOAR would read live instead).
 *
 * @example
 * ```ts
 * const found = bucketFromFinding(resource, 'its Block Public Access settings');
 * if (found.kind === 'unknown') return found;
 * found.details.PublicAccessBlockConfiguration;
 * ```
 */
export function bucketFromFinding(
  resource: FindingResource,
  checked: string,
):
  | { readonly kind: 'found'; readonly bucket: string; readonly details: BucketDetails }
  | { readonly kind: 'unknown'; readonly reason: string } {
  const bucket = bucketNameFrom(resource);
  if (bucket === undefined) {
    return { kind: 'unknown', reason: `${resource.Id} is not an S3 bucket ARN (arn:aws:s3:::<bucket>).` };
  }
  const details = resource.Details?.AwsS3Bucket;
  if (details === undefined) {
    return {
      kind: 'unknown',
      reason:
        `The finding does not describe the bucket ${bucket}. ` +
        `SOAR checks ${checked} on the live bucket before it changes anything.`,
    };
  }
  return { kind: 'found', bucket, details };
}

/**
 * Runs an S3 read that answers with an error when a setting is simply not there (`NoSuchTagSet`,
 * `NoSuchLifecycleConfiguration`, ...): that error gives `undefined`, every other error is thrown.
 *
 * @example
 * ```ts
 * const lifecycle = await unlessAbsent(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })), 'NoSuchLifecycleConfiguration');
 * ```
 */
export async function unlessAbsent<T>(request: Promise<T>, absentError: string): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (errorName(error) === absentError) return undefined;
    throw error;
  }
}

/**
 * The bucket's tags (`{}` when it has none), read with `ExpectedBucketOwner` so a same-named bucket
 * of another account is never read. IAM action: `s3:GetBucketTagging`.
 *
 * @example
 * ```ts
 * const tags = await readBucketTags(context.client(S3Client), 'my-bucket', context.accountId);
 * ```
 */
export async function readBucketTags(
  s3: S3Client,
  bucket: string,
  accountId: string,
): Promise<Record<string, string>> {
  const { GetBucketTaggingCommand } = await sdk.s3();
  const output = await unlessAbsent(
    s3.send(new GetBucketTaggingCommand({ Bucket: bucket, ExpectedBucketOwner: accountId })),
    'NoSuchTagSet',
  );
  const tags: Record<string, string> = {};
  for (const { Key, Value } of output?.TagSet ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
  return tags;
}

/**
 * `{ kind: 'gone' }` when the error says the bucket does not exist (`NoSuchBucket`), else `undefined`.
 *
 * @example
 * ```ts
 * catch (error) { const gone = bucketGone(error, bucket); if (gone) return gone; throw error; }
 * ```
 */
export function bucketGone(
  error: unknown,
  bucket: string,
): { readonly kind: 'gone'; readonly reason: string } | undefined {
  return errorName(error) === 'NoSuchBucket'
    ? { kind: 'gone', reason: `The bucket ${bucket} no longer exists.` }
    : undefined;
}
