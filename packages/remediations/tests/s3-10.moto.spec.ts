import {
  DeleteBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { SOAR_LIFECYCLE_RULE_ID } from '../src/controls/s3/s3-10';
import { motoAccess, padFor, run } from './remediation-harness';
import { createBucket, memberS3 } from './s3-moto-fixtures';
import { EXISTING_RULE, scenario } from './scenarios/s3-10';

describe('Control: S3.10 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 60_000);
  afterAll(() => moto.stop());

  async function arrange() {
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const bucket = resource.Id.slice(resource.Id.indexOf(':::') + 3);
    return { access, resource, bucket, s3: memberS3(access, 'assert') };
  }

  it('adds the SOAR rule next to the existing one, and a second run changes nothing', async () => {
    // Arrange
    const { access, resource, bucket, s3 } = await arrange();

    // Act
    const first = await run(scenario.control, padFor('S3.10', resource), { access });
    const second = await run(scenario.control, padFor('S3.10', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining(`Added the lifecycle rule ${SOAR_LIFECYCLE_RULE_ID} to the bucket ${bucket}`),
      ],
      beforeImages: [{ bucket, lifecycleRules: [EXISTING_RULE] }],
    });
    const { Rules } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(Rules).toEqual([
      EXISTING_RULE,
      expect.objectContaining({
        ID: SOAR_LIFECYCLE_RULE_ID,
        Status: 'Enabled',
        // moto drops NewerNoncurrentVersions; the unit test checks what is sent
        NoncurrentVersionExpiration: expect.objectContaining({ NoncurrentDays: 365 }),
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      }),
    ]);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('adds the rule to a versioned bucket that has no lifecycle configuration at all', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { s3, bucket, resource } = await createBucket(access, 'soar-s3-10-bare');
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('S3.10', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', beforeImages: [{ bucket, lifecycleRules: null }] });
    const { Rules } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(Rules?.map((rule) => rule.ID)).toEqual([SOAR_LIFECYCLE_RULE_ID]);
  });

  it('changes nothing on a bucket without versioning (S3.10 does not apply)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { s3, bucket, resource } = await createBucket(access, 'soar-s3-10-unversioned');

    // Act
    const { result } = await run(scenario.control, padFor('S3.10', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    await expect(
      s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })),
    ).rejects.toMatchObject({
      name: 'NoSuchLifecycleConfiguration',
    });
  });

  it('ends in resource_gone and suppression when the bucket was deleted', async () => {
    // Arrange
    const { access, resource, bucket, s3 } = await arrange();
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('S3.10', resource), { access });

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
        Tagging: { TagSet: [{ Key: 'soar:auto-remediation', Value: 'Off' }] },
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('S3.10', resource), { access });

    // Assert
    expect(result.kind).toBe('opted_out');
    expect(scratchpad.actions).toMatchObject({ suppress_finding: true, autoremediation_not_done: false });
    expect(scratchpad.messages.actions_taken).toContain('soar:auto-remediation');
    const { Rules } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(Rules).toEqual([EXISTING_RULE]);
  });
});
