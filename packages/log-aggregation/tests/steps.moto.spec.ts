/**
 * The steps' refusals against moto's S3: a `.gz` source that is not gzip, an archive whose size
 * does not match its manifest, and per-key delete failures each leave the sources in place and say
 * why; listing follows continuation tokens.
 */
import { gzipSync } from 'node:zlib';
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { aggregateDay, listObjects, type S3Port } from '../src/aws';
import { ArchiveVerificationError, SourceMismatchError } from '../src';

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ORG = 'o-abcdef1234';
const KEY_A = `${ORG}/AWSLogs/${ORG}/111122223333/CloudTrail/eu-west-1/2024/06/09/a.json.gz`;
const KEY_B = `${ORG}/AWSLogs/${ORG}/111122223333/CloudTrail/eu-west-1/2024/06/09/b.json.gz`;

/** A client that rewrites the answers of one command. */
function rewriting(
  s3: S3Client,
  name: string,
  rewrite: (answer: Record<string, unknown>) => unknown,
): S3Port {
  const send = async (command: { constructor: { name: string } }): Promise<unknown> => {
    const answer = (await s3.send(command as never)) as unknown as Record<string, unknown>;
    return command.constructor.name === name ? rewrite(answer) : answer;
  };
  return { send } as unknown as S3Port;
}

describe('aggregation steps against moto (S3)', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let n = 0;

  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({ endpoint: moto.endpoint, region: REGION, credentials, forcePathStyle: true });
  });
  afterAll(async () => {
    s3.destroy();
    await moto.stop();
  });

  async function buckets(
    bodies: readonly Buffer[],
  ): Promise<{ source: string; archive: string; options: object }> {
    n += 1;
    const source = `src-${n}`;
    const archive = `arc-${n}`;
    for (const bucket of [source, archive]) {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: REGION },
        }),
      );
    }
    const keys = [KEY_A, KEY_B];
    for (const [i, body] of bodies.entries()) {
      await s3.send(new PutObjectCommand({ Bucket: source, Key: keys[i], Body: body }));
    }
    const options = {
      orgId: ORG,
      sourceBucket: source,
      archiveBucket: archive,
      archivePrefix: 'ct',
      date: '2024-06-09',
    };
    return { source, archive, options };
  }

  const keysIn = async (bucket: string): Promise<string[]> =>
    (await listObjects(s3, bucket, '')).map((o) => o.key);

  it('refuses a .gz source that is not gzip and deletes nothing', async () => {
    const { source, archive, options } = await buckets([gzipSync('a'), Buffer.from('plain text')]);
    await expect(aggregateDay(s3, options)).rejects.toBeInstanceOf(SourceMismatchError);
    expect(await keysIn(source)).toEqual([KEY_A, KEY_B]);
    expect((await keysIn(archive)).filter((k) => k.endsWith('.verified.json'))).toEqual([]);
  });

  it('refuses an archive whose size differs from its manifest and deletes nothing', async () => {
    const { source, options } = await buckets([gzipSync('a'), gzipSync('b')]);
    const lying = rewriting(s3, HeadObjectCommand.name, (answer) => ({ ...answer, ContentLength: 1 }));
    const error: unknown = await aggregateDay(lying, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveVerificationError);
    expect((error as ArchiveVerificationError).message).toContain('differs from the manifest');
    expect(await keysIn(source)).toEqual([KEY_A, KEY_B]);
  });

  it('reports per-key delete failures; a rerun deletes them', async () => {
    const { source, options } = await buckets([gzipSync('a'), gzipSync('b')]);
    const refusing = rewriting(s3, DeleteObjectsCommand.name, (answer) => ({
      ...answer,
      Errors: [{ Key: KEY_B, Code: 'AccessDenied', Message: 'Access Denied' }],
    }));
    // The rewrite only changes the answer; put B back to model S3 having refused it.
    const result = await aggregateDay(refusing, options);
    expect(result.deleteFailures).toEqual([{ key: KEY_B, code: 'AccessDenied', message: 'Access Denied' }]);
    expect(result.deleted).toBe(1);
    await s3.send(new PutObjectCommand({ Bucket: source, Key: KEY_B, Body: gzipSync('b') }));
    const rerun = await aggregateDay(s3, options);
    expect(rerun).toMatchObject({ built: [], alreadyVerified: 1, deleted: 1, deleteFailures: [] });
    expect(await keysIn(source)).toEqual([]);
  });

  it('follows continuation tokens when listing', async () => {
    const { source } = await buckets([gzipSync('a'), gzipSync('b')]);
    const calls: (string | undefined)[] = [];
    const paging: S3Port = {
      send: (async (command: ListObjectsV2Command) => {
        calls.push(command.input.ContinuationToken);
        return s3.send(new ListObjectsV2Command({ ...command.input, MaxKeys: 1 }));
      }) as unknown as S3Port['send'],
    };
    expect((await listObjects(paging, source, '')).map((o) => o.key)).toEqual([KEY_A, KEY_B]);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBeUndefined();
  });

  it('on a versioned bucket, deletes exactly the archived versions when configured', async () => {
    const { source, options } = await buckets([gzipSync('old a'), gzipSync('b')]);
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: source, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await s3.send(new PutObjectCommand({ Bucket: source, Key: KEY_A, Body: gzipSync('a, v2') }));
    const result = await aggregateDay(s3, { ...options, deleteVersions: true });
    expect(result).toMatchObject({ deleted: 2, deleteFailures: [] });
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: source }));
    expect(versions.DeleteMarkers ?? []).toEqual([]);
    // The version written before versioning was enabled was never archived: it is kept, and current again.
    expect((versions.Versions ?? []).map((v) => v.Key)).toEqual([KEY_A]);
    const rerun = await aggregateDay(s3, { ...options, deleteVersions: true });
    expect(rerun).toMatchObject({
      built: [],
      deleted: 0,
      skipped: [{ key: KEY_A, reason: 'changed-since-archived' }],
    });
  });
});
