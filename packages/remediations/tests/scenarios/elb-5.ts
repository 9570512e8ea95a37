import { DescribeLoadBalancerAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateBucketCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import type { AwsAccess } from '@soar/aws-access';
import { accessLogBucket, elb_5 } from '../../src/controls/elb/elb-5';
import { registerControl } from '../../src/engine/control';
import { createAlb, memberElbv2 } from '../elb-moto-fixtures';
import { canonical, MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';
import { memberS3 } from '../s3-moto-fixtures';

/** The account's SOAR log bucket, created once, with a policy statement of its own. */
export async function createLogBucket(access: AwsAccess): Promise<string> {
  const bucket = accessLogBucket({ accountId: MEMBER_ACCOUNT, region: REGION });
  const s3 = memberS3(access, 'arrange');
  try {
    await s3.send(
      new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'BucketAlreadyOwnedByYou')) throw error;
    return bucket;
  }
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
  );
  return bucket;
}

/** ELB.5: an Application Load Balancer without access logs, and the account's log bucket. */
export const scenario: RemediationScenario = {
  control: registerControl(elb_5),
  async arrange(access) {
    await createLogBucket(access);
    return (await createAlb(access)).resource;
  },
  async observe(access, resource) {
    const { Attributes } = await memberElbv2(access, 'observe').send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: resource.Id }),
    );
    // moto lists the access-log attributes only once they are set; AWS lists them off and empty.
    const value = (key: string, absent: string) => Attributes?.find((a) => a.Key === key)?.Value ?? absent;
    return canonical({
      enabled: value('access_logs.s3.enabled', 'false'),
      bucket: value('access_logs.s3.bucket', ''),
      prefix: value('access_logs.s3.prefix', ''),
    });
  },
};
