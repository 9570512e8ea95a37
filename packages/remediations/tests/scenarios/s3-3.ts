import { PutBucketAclCommand } from '@aws-sdk/client-s3';
import { s3_3 } from '../../src/controls/s3/s3-3';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { createBucket, observePublicAccess } from '../s3-moto-fixtures';

/** S3.3: a bucket that is publicly writable: a public-read-write ACL and no Block Public Access settings. */
export const scenario: RemediationScenario = {
  control: registerControl(s3_3),
  async arrange(access) {
    const { s3, bucket, resource } = await createBucket(access, 'soar-s3-3');
    await s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read-write' }));
    return resource;
  },
  observe: observePublicAccess,
};
