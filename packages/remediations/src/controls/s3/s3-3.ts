import { bucketPublicAccessControl, REQUEST_PUBLICLY_WRITABLE_TAG } from './s3-2';

/**
 * S3.3: S3 general purpose buckets should block public write access. The original fixed it exactly
 * like S3.2 (`PutPublicAccessBlock`, all four settings on: public ACL grants, including WRITE, are
 * ignored and public policies are restricted), so this reuses the S3.2 fix; only the request tag
 * differs ({@link REQUEST_PUBLICLY_WRITABLE_TAG}). The original handled errors for S3.2 only; here both
 * handle them alike: a missing bucket is `gone`, everything else is a ticket with the error.
 */
export const s3_3 = bucketPublicAccessControl({
  controlId: 'S3.3',
  title: 'S3 general purpose buckets should block public write access',
  requestTags: [REQUEST_PUBLICLY_WRITABLE_TAG],
});
