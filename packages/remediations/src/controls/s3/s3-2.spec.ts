import {
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AccessClientConfig } from '@soar/aws-access';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { registerControl, type PlanContext, type RemediationControl } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { remediate } from '../../engine/runner';
import { bucketName } from './bucket';
import {
  planBucketPublicAccess,
  REQUEST_PUBLICLY_READABLE_TAG,
  REQUEST_PUBLICLY_WRITABLE_TAG,
  s3_2,
  s3_8,
  type BucketPublicAccessState,
  type PublicAccessBlockParams,
} from './s3-2';
import { s3_3 } from './s3-3';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const BUCKET = 'team-reports';
const RESOURCE = {
  Type: 'AwsS3Bucket',
  Id: `arn:aws:s3:::${BUCKET}`,
  Partition: 'aws' as const,
  Region: REGION,
};

function planContext(controlId: string): PlanContext {
  return {
    finding: aControlFinding({ controlId, accountId: ACCOUNT, region: REGION, resource: RESOURCE }),
    resource: RESOURCE,
    accountId: ACCOUNT,
    region: REGION,
    partition: 'aws',
    now: new Date('2026-11-20T10:00:00Z'),
  };
}

function state(overrides: Partial<BucketPublicAccessState> = {}): BucketPublicAccessState {
  return { bucket: BUCKET, publicAccessBlock: undefined, tags: {}, ...overrides };
}

const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

function clientFor<C>(ClientClass: new (config: AccessClientConfig) => C): C {
  return new ClientClass({
    region: REGION,
    credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
    retryMode: 'adaptive',
    maxAttempts: 1,
  });
}

function awsError(name: string): Error {
  return Object.assign(new Error(`${name} (test)`), { name, $metadata: {} });
}

function runControl(control: RemediationControl<BucketPublicAccessState, PublicAccessBlockParams>) {
  const pad = createScratchpad(
    aControlFinding({ controlId: control.controlId, accountId: ACCOUNT, region: REGION, resource: RESOURCE }),
  );
  return remediate(pad, {
    access: { client: clientFor },
    registry: new Registry([registerControl(control)]),
  });
}

describe('Function: planBucketPublicAccess (S3.2, S3.3, S3.8)', () => {
  it('turns on all four settings of a bucket that has none, with a null before-image', () => {
    // Act
    const plan = s3_2.plan(state(), planContext('S3.2'));

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 's3:PutBucketPublicAccessBlock',
          params: { bucket: BUCKET, configuration: ALL_ON },
          description: expect.stringContaining(`Blocked public access to the bucket ${BUCKET}`),
        },
      ],
      beforeImage: { bucket: BUCKET, publicAccessBlock: null },
    });
  });

  it('merges: settings already on stay on, only the ones that were off are described, before-image is the old settings', () => {
    // Arrange
    const before = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    };

    // Act
    const plan = s3_8.plan(state({ publicAccessBlock: before }), planContext('S3.8'));

    // Assert
    if (plan.kind !== 'changes') throw new Error(`expected changes, got ${plan.kind}`);
    expect(plan.changes[0]?.params.configuration).toEqual(ALL_ON);
    expect(plan.changes[0]?.description).toContain('public bucket policies are refused');
    expect(plan.changes[0]?.description).not.toContain('public ACLs');
    expect(plan.changes[0]?.description).toContain('already on stay on');
    expect(plan.beforeImage).toEqual({ bucket: BUCKET, publicAccessBlock: before });
  });

  it('is compliant when all four settings are on (the original re-put them and reported a fix)', () => {
    expect(s3_2.plan(state({ publicAccessBlock: ALL_ON }), planContext('S3.2')).kind).toBe('compliant');
    expect(s3_3.plan(state({ publicAccessBlock: ALL_ON }), planContext('S3.3')).kind).toBe('compliant');
  });

  it.each([
    { control: s3_2, tag: REQUEST_PUBLICLY_READABLE_TAG },
    { control: s3_3, tag: REQUEST_PUBLICLY_WRITABLE_TAG },
    { control: s3_8, tag: REQUEST_PUBLICLY_READABLE_TAG },
    { control: s3_8, tag: REQUEST_PUBLICLY_WRITABLE_TAG },
  ])(
    '$control.controlId refuses (ticket, not a silent suppression) a bucket tagged $tag',
    ({ control, tag }) => {
      // Act
      const plan = control.plan(state({ tags: { [tag]: '' } }), planContext(control.controlId));

      // Assert
      expect(plan).toMatchObject({ kind: 'refuse', reason: expect.stringContaining(tag) });
    },
  );

  it("ignores the other control's request tag: S3.2 blocks a bucket only tagged publicly writable", () => {
    const plan = planBucketPublicAccess(state({ tags: { [REQUEST_PUBLICLY_WRITABLE_TAG]: 'yes' } }), [
      REQUEST_PUBLICLY_READABLE_TAG,
    ]);
    expect(plan.kind).toBe('changes');
  });

  it('tells the team how to keep a bucket public with its own request tag', () => {
    const plan = s3_3.plan(state(), planContext('S3.3'));
    expect(plan).toMatchObject({ actionsRequired: expect.stringContaining(REQUEST_PUBLICLY_WRITABLE_TAG) });
  });

  it('declares the exact IAM actions, not destructive, reversible', () => {
    for (const control of [s3_2, s3_3, s3_8]) {
      expect(control.iamActions).toEqual([
        's3:GetBucketPublicAccessBlock',
        's3:GetBucketTagging',
        's3:PutBucketPublicAccessBlock',
      ]);
      expect(Object.keys(control.resourceIds)).toEqual(['AwsS3Bucket']);
      expect(control).toMatchObject({ destructive: false, reversible: true });
    }
  });
});

describe('Function: bucketName', () => {
  it('takes the text after ":::" of the ARN, in any partition', () => {
    expect(bucketName({ Id: 'arn:aws:s3:::my-bucket' })).toBe('my-bucket');
    expect(bucketName({ Id: 'arn:aws-cn:s3:::my.bucket' })).toBe('my.bucket');
  });

  it('rejects an Id that is not a bucket ARN', () => {
    expect(() => bucketName({ Id: 'arn:aws:s3:::my-bucket/key' })).toThrow(
      'is not of the shape arn:<partition>:s3:::<bucket>',
    );
    expect(() => bucketName({ Id: 'my-bucket' })).toThrow(
      'is not of the shape arn:<partition>:s3:::<bucket>',
    );
  });
});

describe('Control: S3.2 / S3.3 error handling (aws-sdk-client-mock: moto does not enforce IAM)', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    s3.reset();
    s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet'));
  });

  it('AccessDenied reading the bucket is a ticket with the error, never a suppression', async () => {
    // Arrange
    s3.on(GetPublicAccessBlockCommand).rejects(awsError('AccessDenied'));

    // Act
    const { scratchpad, result } = await runControl(s3_2);

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', error: expect.stringContaining('AccessDenied') });
    expect(scratchpad.actions).toMatchObject({ suppress_finding: false, autoremediation_not_done: true });
  });

  it('AccessDenied on PutPublicAccessBlock is a ticket, never a suppression', async () => {
    // Arrange
    s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration'));
    s3.on(PutPublicAccessBlockCommand).rejects(awsError('AccessDenied'));

    // Act
    const { scratchpad, result } = await runControl(s3_2);

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('could not change') });
    expect(scratchpad.actions).toMatchObject({ suppress_finding: false, autoremediation_not_done: true });
  });

  it('bug 26: S3.3 treats a deleted bucket like S3.2 does (resource gone), not as a crash/ticket', async () => {
    // Arrange
    s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchBucket'));

    // Act
    const { scratchpad, result } = await runControl(s3_3);

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone', reason: expect.stringContaining(BUCKET) });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });

  it('sends ExpectedBucketOwner on every call, so a same-named bucket in another account is never changed', async () => {
    // Arrange
    s3.on(GetPublicAccessBlockCommand)
      .rejectsOnce(awsError('NoSuchPublicAccessBlockConfiguration'))
      .resolves({
        PublicAccessBlockConfiguration: ALL_ON,
      });
    s3.on(PutPublicAccessBlockCommand).resolves({});

    // Act
    const { result } = await runControl(s3_8);

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', controlId: 'S3.8' });
    for (const call of s3.calls()) {
      expect(call.args[0].input).toMatchObject({ Bucket: BUCKET, ExpectedBucketOwner: ACCOUNT });
    }
    expect(s3.commandCalls(PutPublicAccessBlockCommand)).toHaveLength(1);
  });
});
