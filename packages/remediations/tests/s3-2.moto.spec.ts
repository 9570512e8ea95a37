import {
  DeleteBucketCommand,
  GetBucketAclCommand,
  GetPublicAccessBlockCommand,
  PutBucketTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { REQUEST_PUBLICLY_READABLE_TAG, REQUEST_PUBLICLY_WRITABLE_TAG } from '../src/controls/s3/s3-2';
import { motoAccess, padFor, run, type RemediationScenario } from './remediation-harness';
import { memberS3 } from './s3-moto-fixtures';
import { scenario as s3_2 } from './scenarios/s3-2';
import { scenario as s3_3 } from './scenarios/s3-3';
import { scenario as s3_8 } from './scenarios/s3-8';

const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

async function publicAccessBlock(s3: S3Client, bucket: string) {
  try {
    return (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })))
      .PublicAccessBlockConfiguration;
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchPublicAccessBlockConfiguration') return undefined;
    throw error;
  }
}

function bucketOf(resource: { readonly Id: string }): string {
  return resource.Id.slice(resource.Id.indexOf(':::') + 3);
}

describe.each([
  { scenario: s3_2, requestTag: REQUEST_PUBLICLY_READABLE_TAG, before: null },
  { scenario: s3_3, requestTag: REQUEST_PUBLICLY_WRITABLE_TAG, before: null },
  {
    scenario: s3_8,
    requestTag: REQUEST_PUBLICLY_READABLE_TAG,
    before: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    },
  },
] as const)('Control: $scenario.control.controlId (moto)', ({ scenario, requestTag, before }) => {
  const controlId = scenario.control.controlId;
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 60_000);
  afterAll(() => moto.stop());

  async function arrange(target: RemediationScenario = scenario) {
    const access = motoAccess(moto);
    const resource = await target.arrange(access);
    return { access, resource, bucket: bucketOf(resource), s3: memberS3(access, 'assert') };
  }

  it('turns on all four Block Public Access settings (keeping those on), and a second run changes nothing', async () => {
    // Arrange
    const { access, resource, bucket, s3 } = await arrange();

    // Act
    const first = await run(scenario.control, padFor(controlId, resource), { access });
    const second = await run(scenario.control, padFor(controlId, resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining(`Blocked public access to the bucket ${bucket}`)],
      beforeImages: [{ bucket, publicAccessBlock: before }],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    expect(await publicAccessBlock(s3, bucket)).toEqual(ALL_ON);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('leaves the ACL itself alone (Block Public Access makes S3 ignore it; the before-image stays exact)', async () => {
    // Arrange
    const { access, resource, bucket, s3 } = await arrange();
    const aclBefore = await s3.send(new GetBucketAclCommand({ Bucket: bucket }));

    // Act
    await run(scenario.control, padFor(controlId, resource), { access });

    // Assert
    expect((await s3.send(new GetBucketAclCommand({ Bucket: bucket }))).Grants).toEqual(aclBefore.Grants);
  });

  it('ends in resource_gone and suppression when the bucket was deleted', async () => {
    // Arrange
    const { access, resource, bucket, s3 } = await arrange();
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor(controlId, resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone', reason: expect.stringContaining(bucket) });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });

  it('does not touch a bucket tagged with the opt-out tag (opted_out, the finding suppressed)', async () => {
    // Arrange
    const { access, resource, bucket, s3 } = await arrange();
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: bucket,
        Tagging: {
          TagSet: [
            { Key: 'soar:auto-remediation', Value: 'off' },
            { Key: 'team', Value: 'web' },
          ],
        },
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor(controlId, resource), { access });

    // Assert
    expect(result.kind).toBe('opted_out');
    expect(scratchpad.actions).toMatchObject({ suppress_finding: true, autoremediation_not_done: false });
    expect(scratchpad.messages.actions_taken).toContain('soar:auto-remediation');
    expect(await publicAccessBlock(s3, bucket)).toEqual(before ?? undefined);
  });

  it(`does not touch a bucket tagged ${requestTag} (ticket with the reason; the original suppressed silently)`, async () => {
    // Arrange
    const { access, resource, bucket, s3 } = await arrange();
    await s3.send(
      new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: [{ Key: requestTag, Value: '' }] } }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor(controlId, resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining(requestTag) });
    expect(scratchpad.actions).toMatchObject({ suppress_finding: false, autoremediation_not_done: true });
    expect(await publicAccessBlock(s3, bucket)).toEqual(before ?? undefined);
  });
});
