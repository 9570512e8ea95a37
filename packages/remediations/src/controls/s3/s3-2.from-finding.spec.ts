import type { AwsS3BucketDetails } from '@soar/asff-schema/schemas';
import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext } from '../../../tests/finding-context';
import { REQUEST_PUBLICLY_READABLE_TAG, s3_2, s3_8 } from './s3-2';
import { s3_3 } from './s3-3';

const BUCKET = 'example-site-111122223333';

function bucket(details: AwsS3BucketDetails | undefined, tags?: Record<string, string>): FindingResource {
  return {
    Type: 'AwsS3Bucket',
    Id: `arn:aws:s3:::${BUCKET}`,
    Partition: 'aws',
    Region: 'eu-west-1',
    ...(details === undefined ? {} : { Details: { AwsS3Bucket: details } }),
    ...(tags === undefined ? {} : { Tags: tags }),
  };
}

const BASE: AwsS3BucketDetails = {
  Name: BUCKET,
  OwnerAccountId: ACCOUNT,
  OwnerId: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
  CreatedAt: '2023-05-17T09:12:44.000Z',
};
const ALL_OFF = {
  BlockPublicAcls: false,
  BlockPublicPolicy: false,
  IgnorePublicAcls: false,
  RestrictPublicBuckets: false,
};

describe.each([
  ['S3.2', s3_2],
  ['S3.3', s3_3],
  ['S3.8', s3_8],
] as const)('Control: %s fromFinding', (controlId, module) => {
  const control = registerControl(module);
  const planOf = (resource: FindingResource, status: 'FAILED' | 'PASSED' = 'FAILED') =>
    control.evaluateFromFinding(findingContext({ controlId, resource, status }));

  it('reads the Block Public Access settings from the details and plans to turn the missing ones on', () => {
    // Arrange
    const partial = { ...ALL_OFF, BlockPublicAcls: true, IgnorePublicAcls: true };

    // Act
    const derived = module.fromFinding?.(
      findingContext({ controlId, resource: bucket({ ...BASE, PublicAccessBlockConfiguration: partial }) }),
    );
    const evaluation = planOf(bucket({ ...BASE, PublicAccessBlockConfiguration: partial }));

    // Assert
    expect(derived).toEqual({
      kind: 'found',
      state: { bucket: BUCKET, publicAccessBlock: partial, tags: {} },
    });
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: {
        kind: 'changes',
        changes: [
          { action: 's3:PutBucketPublicAccessBlock', description: expect.stringContaining('stay on') },
        ],
        beforeImage: { bucket: BUCKET, publicAccessBlock: partial },
      },
    });
  });

  it('treats details without Block Public Access settings as none set (before-image null)', () => {
    expect(planOf(bucket(BASE))).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', beforeImage: { bucket: BUCKET, publicAccessBlock: null } },
    });
  });

  it('is compliant when all four settings are on', () => {
    // Arrange
    const allOn = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };

    // Act
    const evaluation = planOf(bucket({ ...BASE, PublicAccessBlockConfiguration: allOn }), 'PASSED');

    // Assert
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('takes the tags (opt-out and request tags) from the finding resource', () => {
    expect(
      planOf(
        bucket({ ...BASE, PublicAccessBlockConfiguration: ALL_OFF }, { 'soar:auto-remediation': 'off' }),
      ),
    ).toMatchObject({ kind: 'found', tags: { 'soar:auto-remediation': 'off' } });
  });

  it.each<[string, FindingResource]>([['carries no AwsS3Bucket details', bucket(undefined)]])(
    'is unknown when the finding %s',
    (_name, resource) => {
      expect(planOf(resource)).toMatchObject({ kind: 'unknown' });
    },
  );

  it('refuses, naming the id, a finding not about a bucket ARN', () => {
    expect(planOf({ Type: 'AwsS3Bucket', Id: BUCKET })).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining(BUCKET) },
    });
  });
});

describe('Control: S3.2 fromFinding and request tags', () => {
  it('refuses a bucket the finding shows tagged to stay publicly readable', () => {
    expect(
      registerControl(s3_2).evaluateFromFinding(
        findingContext({
          controlId: 'S3.2',
          resource: bucket(
            { ...BASE, PublicAccessBlockConfiguration: ALL_OFF },
            { [REQUEST_PUBLICLY_READABLE_TAG]: '' },
          ),
        }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind: 'refuse' } });
  });
});
