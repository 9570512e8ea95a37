import {
  CreateBucketCommand,
  GetBucketAclCommand,
  GetBucketLifecycleConfigurationCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsAccess } from '@soar/aws-access';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { canonical, MEMBER_ACCOUNT, REGION } from './remediation-harness';

let counter = 0;

/**
 * An S3 client in the member account for arranging and asserting. Path-style addressing is not needed
 * against moto on `127.0.0.1` (the SDK uses path style for IP endpoints), but is set anyway so a
 * hostname endpoint (`localhost`) works too.
 */
export function memberS3(access: Pick<AwsAccess, 'clientConfig'>, purpose: string): S3Client {
  return new S3Client({
    ...access.clientConfig({ accountId: MEMBER_ACCOUNT, region: REGION }, { purpose }),
    forcePathStyle: true,
  });
}

/** Creates a new, uniquely named bucket in the member account and returns it with its finding resource. */
export async function createBucket(
  access: Pick<AwsAccess, 'clientConfig'>,
  prefix: string,
): Promise<{
  readonly s3: S3Client;
  readonly bucket: string;
  readonly resource: AwsSecurityFinding['Resources'][number];
}> {
  counter += 1;
  const bucket = `${prefix}-${Date.now().toString(36)}-${counter}`;
  const s3 = memberS3(access, 'arrange');
  await s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
  return {
    s3,
    bucket,
    resource: { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${bucket}`, Partition: 'aws', Region: REGION },
  };
}

function bucketOf(resource: { readonly Id: string }): string {
  return resource.Id.slice(resource.Id.indexOf(':::') + 3);
}

async function unlessMissing<T>(request: Promise<T>, missing: string): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof Error && error.name === missing) return null;
    throw error;
  }
}

/** The bucket's Block Public Access settings (`null`: none) and ACL grants, as S3 reports them. */
export async function observePublicAccess(
  access: Pick<AwsAccess, 'clientConfig'>,
  resource: { readonly Id: string },
): Promise<unknown> {
  const s3 = memberS3(access, 'observe');
  const Bucket = bucketOf(resource);
  const block = await unlessMissing(
    s3.send(new GetPublicAccessBlockCommand({ Bucket })),
    'NoSuchPublicAccessBlockConfiguration',
  );
  const acl = await s3.send(new GetBucketAclCommand({ Bucket }));
  return canonical({
    publicAccessBlock: block === null ? null : block.PublicAccessBlockConfiguration,
    grants: acl.Grants,
  });
}

/** The bucket's lifecycle rules (`null`: no lifecycle configuration), as S3 reports them. */
export async function observeLifecycle(
  access: Pick<AwsAccess, 'clientConfig'>,
  resource: { readonly Id: string },
): Promise<unknown> {
  const s3 = memberS3(access, 'observe');
  const lifecycle = await unlessMissing(
    s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucketOf(resource) })),
    'NoSuchLifecycleConfiguration',
  );
  return canonical(lifecycle === null ? null : lifecycle.Rules);
}
