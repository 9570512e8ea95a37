import { PutBucketLifecycleConfigurationCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { s3_10 } from '../../src/controls/s3/s3-10';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { createBucket, observeLifecycle } from '../s3-moto-fixtures';

/** The team's own rule, disabled: the bucket fails S3.10, and the rule must survive the fix. */
export const EXISTING_RULE = {
  ID: 'team-expire-logs',
  Status: 'Disabled',
  Filter: { Prefix: 'logs/' },
  Expiration: { Days: 30 },
} as const;

/** S3.10: a versioned bucket whose only lifecycle rule is disabled. */
export const scenario: RemediationScenario = {
  control: registerControl(s3_10),
  async arrange(access) {
    const { s3, bucket, resource } = await createBucket(access, 'soar-s3-10');
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: { Rules: [{ ...EXISTING_RULE, Filter: { ...EXISTING_RULE.Filter } }] },
      }),
    );
    return resource;
  },
  observe: observeLifecycle,
};
