import { PutBucketAclCommand } from '@aws-sdk/client-s3';
import { s3_2 } from '../../src/controls/s3/s3-2';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { createBucket, observePublicAccess } from '../s3-moto-fixtures';

/** S3.2: a bucket that is publicly readable: a public-read ACL and no Block Public Access settings. */
export const scenario: RemediationScenario = {
  control: registerControl(s3_2),
  async arrange(access) {
    const { s3, bucket, resource } = await createBucket(access, 'soar-s3-2');
    await s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
    return resource;
  },
  observe: observePublicAccess,
};
