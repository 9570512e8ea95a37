import { DeletePublicAccessBlockCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import {
  planBucketPublicAccess,
  planPublicAccessRollback,
  s3_2,
  s3_8,
  type BucketPublicAccessState,
  type PublicAccessBlockFlags,
} from './s3-2';
import { s3_3 } from './s3-3';

const ACCOUNT = '111122223333';
const BUCKET = 'example-site';
const context = unitContext({
  controlId: 'S3.2',
  resource: { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${BUCKET}`, Partition: 'aws', Region: 'eu-west-1' },
  accountId: ACCOUNT,
  region: 'eu-west-1',
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});

const ALL_ON: PublicAccessBlockFlags = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ACLS_ONLY: PublicAccessBlockFlags = {
  ...ALL_ON,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const ALL_OFF: PublicAccessBlockFlags = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};

function bucket(publicAccessBlock: PublicAccessBlockFlags | undefined): BucketPublicAccessState {
  return { bucket: BUCKET, publicAccessBlock, tags: {} };
}

const none = parsedBeforeImage(s3_2, { bucket: BUCKET, publicAccessBlock: null });
const some = parsedBeforeImage(s3_2, { bucket: BUCKET, publicAccessBlock: ACLS_ONLY });

describe('Controls: S3.2, S3.3 and S3.8 rollback plan (pure)', () => {
  it('share one rollback, with PutBucketPublicAccessBlock (which DeletePublicAccessBlock needs too)', () => {
    // Act / Assert
    for (const control of [s3_2, s3_3, s3_8]) {
      expect(rollbackOf(control)).toMatchObject({
        iamActions: ['s3:PutBucketPublicAccessBlock'],
        plan: planPublicAccessRollback,
      });
    }
  });

  it.each([
    ['no settings', undefined, none],
    ['some settings', ACLS_ONLY, some],
  ])('records a before-image its rollback can parse: %s', (_name, settings, expected) => {
    // Act
    const plan = planBucketPublicAccess(bucket(settings), []);

    // Assert
    expect(plan.kind === 'changes' ? parsedBeforeImage(s3_8, stored(plan.beforeImage)) : undefined).toEqual(
      expected,
    );
  });

  it('deletes the configuration when the bucket had none before the fix', () => {
    // Act
    const plan = planPublicAccessRollback(none, bucket(ALL_ON));

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 's3:PutBucketPublicAccessBlock',
          description: `Removed the Block Public Access settings of the bucket ${BUCKET}, which had none before SOAR's fix.`,
          params: { bucket: BUCKET, restore: null },
        },
      ],
    });
  });

  it('puts back the earlier settings when the bucket had some', () => {
    // Act
    const plan = planPublicAccessRollback(some, bucket(ALL_ON));

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          description: expect.stringContaining('only BlockPublicAcls and IgnorePublicAcls on'),
          params: { bucket: BUCKET, restore: ACLS_ONLY },
        },
      ],
    });
  });

  it.each([
    ['no settings, as before', none, undefined],
    ['all settings off, which blocks as little as none', none, ALL_OFF],
    ['the earlier settings', some, ACLS_ONLY],
  ])('is already as before with %s', (_name, before, live) => {
    // Act / Assert
    expect(planPublicAccessRollback(before, bucket(live)).kind).toBe('already_as_before');
  });

  it.each([
    ['settings changed since the fix', none, { ...ALL_ON, BlockPublicPolicy: false }],
    ['settings deleted since the fix, when the bucket had some', some, undefined],
  ])('refuses with %s', (_name, before, live) => {
    // Act
    const plan = planPublicAccessRollback(before, bucket(live));

    // Assert
    expect(plan).toEqual({ kind: 'refuse', reason: expect.stringContaining('changed since SOAR') });
  });

  it('refuses a before-image of another bucket', () => {
    // Act
    const plan = planPublicAccessRollback({ ...none, bucket: 'other' }, bucket(ALL_ON));

    // Assert
    expect(plan).toEqual({ kind: 'refuse', reason: expect.stringContaining('other') });
  });

  it.each([
    ['settings left out', { bucket: BUCKET }, 'publicAccessBlock'],
    [
      'a setting that is not a boolean',
      { bucket: BUCKET, publicAccessBlock: { ...ACLS_ONLY, BlockPublicAcls: 'yes' } },
      'publicAccessBlock.BlockPublicAcls',
    ],
    ['no bucket', { bucket: '', publicAccessBlock: null }, 'bucket'],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(s3_2, value).field).toBe(field);
  });
});

describe('Controls: S3.2, S3.3 and S3.8 rollback apply', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());

  it('deletes the configuration, or puts back the earlier settings, for the bucket owner only', async () => {
    // Arrange
    s3.on(DeletePublicAccessBlockCommand).resolves({});
    s3.on(PutPublicAccessBlockCommand).resolves({});
    const changes = [none, some].flatMap((before) => {
      const plan = planPublicAccessRollback(before, bucket(ALL_ON));
      return plan.kind === 'changes' ? plan.changes : [];
    });

    // Act
    await rollbackOf(s3_2).apply(changes, context);

    // Assert
    expect(s3.commandCalls(DeletePublicAccessBlockCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: BUCKET, ExpectedBucketOwner: ACCOUNT },
    ]);
    expect(s3.commandCalls(PutPublicAccessBlockCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: BUCKET, ExpectedBucketOwner: ACCOUNT, PublicAccessBlockConfiguration: ACLS_ONLY },
    ]);
  });
});
