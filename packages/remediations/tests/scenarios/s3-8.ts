import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { s3_8 } from '../../src/controls/s3/s3-2';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { createBucket, observePublicAccess } from '../s3-moto-fixtures';

/** S3.8: a bucket with only some Block Public Access settings on (public ACLs blocked, policies not). */
export const scenario: RemediationScenario = {
  control: registerControl(s3_8),
  async arrange(access) {
    const { s3, bucket, resource } = await createBucket(access, 'soar-s3-8');
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      }),
    );
    return resource;
  },
  observe: observePublicAccess,
};
