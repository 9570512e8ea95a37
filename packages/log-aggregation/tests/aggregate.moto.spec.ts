/**
 * A day's aggregation against moto's S3: seeded Control Tower logs for several accounts, regions,
 * types and days; a fault injected before and after each step (list, get, upload part, complete,
 * verify, delete) then a rerun; the day's sources all end up exactly once in verified archives,
 * byte for byte, and are deleted; other days are untouched; basename collisions stay apart.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { aggregateDay, listObjects, type S3Port } from '../src/aws';
import { ManifestSchema } from '../src';

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ORG = 'o-abcdef1234';
const ACCOUNTS = ['111122223333', '444455556666'];
const REGIONS = ['eu-west-1', 'us-east-1'];
const MIB = 1024 * 1024;

/** The seeded objects: key → bytes (gzip members). */
type Seed = Map<string, Buffer>;

function seedKeys(withBig: boolean): Seed {
  const seed: Seed = new Map();
  for (const [day, padded, unpadded] of [
    ['09', '2024/06/09', '2024/6/9'],
    ['10', '2024/06/10', '2024/6/10'],
  ] as const) {
    for (const acct of ACCOUNTS) {
      for (const region of REGIONS) {
        for (let i = 0; i < 2; i += 1) {
          const ct = `${ORG}/AWSLogs/${ORG}/${acct}/CloudTrail/${region}/${padded}/${acct}_CloudTrail_${region}_202406${day}T00${i}0Z_${i}.json.gz`;
          seed.set(
            ct,
            gzipSync(`{"Records":[{"i":${i},"acct":"${acct}","region":"${region}","day":"${day}"}]}\n`),
          );
        }
        // Two Config objects that share a basename under different prefixes.
        for (const kind of ['ConfigHistory', 'ConfigSnapshot']) {
          const key = `${ORG}/AWSLogs/${acct}/Config/${region}/${unpadded}/${kind}/same.json.gz`;
          seed.set(key, gzipSync(`{"kind":"${kind}","acct":"${acct}","region":"${region}"}\n`));
        }
      }
    }
  }
  if (withBig) {
    // Incompressible sources of 3 MiB: the group needs two 5 MiB parts.
    for (let i = 0; i < 2; i += 1) {
      const key = `${ORG}/AWSLogs/${ORG}/${ACCOUNTS[0]}/CloudTrail/ap-south-1/2024/06/09/big_${i}.json.gz`;
      seed.set(key, gzipSync(randomBytes(3 * MIB), { level: 0 }));
    }
  }
  return seed;
}

const isDay9 = (key: string): boolean => key.includes('/2024/06/09/') || key.includes('/2024/6/9/');

type Step =
  | 'ListObjectsV2Command'
  | 'GetObjectCommand'
  | 'UploadPartCommand'
  | 'CompleteMultipartUploadCommand'
  | 'HeadObjectCommand'
  | 'DeleteObjectsCommand';

class InjectedFault extends Error {}

/** A client whose `nth` call of `step` fails, before or after S3 carried it out. */
function faulty(s3: S3Client, step: Step, nth: number, when: 'before' | 'after'): S3Port {
  let calls = 0;
  const send = async (command: { constructor: { name: string } }): Promise<unknown> => {
    if (command.constructor.name === step) {
      calls += 1;
      if (calls === nth && when === 'before') throw new InjectedFault(`${step} #${nth} before`);
      if (calls === nth) {
        await s3.send(command as never);
        throw new InjectedFault(`${step} #${nth} after`);
      }
    }
    return s3.send(command as never);
  };
  return { send } as unknown as S3Port;
}

describe('aggregateDay against moto (S3)', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let buckets = 0;

  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({ endpoint: moto.endpoint, region: REGION, credentials, forcePathStyle: true });
  });
  afterAll(async () => {
    s3.destroy();
    await moto.stop();
  });

  async function seeded(withBig: boolean): Promise<{ source: string; archive: string; seed: Seed }> {
    buckets += 1;
    const source = `ct-logs-${buckets}`;
    const archive = `archive-${buckets}`;
    for (const bucket of [source, archive]) {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: REGION },
        }),
      );
    }
    const seed = seedKeys(withBig);
    for (const [key, body] of seed)
      await s3.send(new PutObjectCommand({ Bucket: source, Key: key, Body: body }));
    return { source, archive, seed };
  }

  const options = (source: string, archive: string) => ({
    orgId: ORG,
    sourceBucket: source,
    archiveBucket: archive,
    archivePrefix: 'control-tower',
    date: '2024-06-09',
    partSizeBytes: 5 * MIB,
  });

  async function body(bucket: string, key: string): Promise<Buffer> {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
  }

  /** Nothing lost, nothing duplicated: compares the buckets with the seed. */
  async function expectComplete(source: string, archive: string, seed: Seed): Promise<void> {
    const remaining = (await listObjects(s3, source, '')).map((o) => o.key).sort();
    expect(remaining).toEqual([...seed.keys()].filter((k) => !isDay9(k)).sort());
    const stored = await listObjects(s3, archive, '');
    const archives = stored.filter((o) => o.key.endsWith('.gz'));
    const markers = stored.filter((o) => o.key.endsWith('.verified.json'));
    const manifests = stored.filter((o) => o.key.endsWith('.manifest.json'));
    expect(markers).toHaveLength(archives.length);
    expect(manifests).toHaveLength(archives.length);
    const seen = new Map<string, number>();
    let archivedBytes = 0;
    for (const object of archives) {
      const bytes = await body(archive, object.key);
      archivedBytes += bytes.length;
      const manifest = ManifestSchema.parse(
        JSON.parse((await body(archive, object.key.replace(/\.gz$/, '.manifest.json'))).toString('utf-8')),
      );
      expect(manifest.totalBytes).toBe(bytes.length);
      const members: Buffer[] = [];
      for (const entry of manifest.entries) {
        seen.set(entry.key, (seen.get(entry.key) ?? 0) + 1);
        const original = seed.get(entry.key) as Buffer;
        expect(bytes.subarray(entry.offset, entry.offset + entry.size).equals(original)).toBe(true);
        members.push(gunzipSync(original));
      }
      // Concatenated gzip members are one valid gzip stream.
      expect(gunzipSync(bytes).equals(Buffer.concat(members))).toBe(true);
    }
    const day9 = [...seed.entries()].filter(([k]) => isDay9(k));
    expect([...seen.keys()].sort()).toEqual(day9.map(([k]) => k).sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(archivedBytes).toBe(day9.reduce((sum, [, b]) => sum + b.length, 0));
  }

  it('aggregates a day: one archive per account/type/region, parts of 5 MiB, basenames kept apart, idempotent', async () => {
    const { source, archive, seed } = await seeded(true);
    const result = await aggregateDay(s3, options(source, archive));
    expect(result.built).toHaveLength(ACCOUNTS.length * REGIONS.length * 2 + 1);
    expect(result.deleted).toBe([...seed.keys()].filter(isDay9).length);
    expect(result.deleteFailures).toEqual([]);
    // Only the day's prefixes are listed, so the other day's objects are not even seen.
    expect(result.skipped).toEqual([]);
    expect(result).toMatchObject({ complete: true, remainingArchives: 0 });
    await expectComplete(source, archive, seed);
    const again = await aggregateDay(s3, options(source, archive));
    expect(again).toMatchObject({ built: [], deleted: 0, alreadyVerified: result.built.length });
    await expectComplete(source, archive, seed);
  });

  it.each([
    ['ListObjectsV2Command', 1],
    ['GetObjectCommand', 3],
    ['UploadPartCommand', 2],
    ['CompleteMultipartUploadCommand', 2],
    ['HeadObjectCommand', 2],
    ['DeleteObjectsCommand', 2],
  ] as const)(
    'a fault at %s #%d, before or after S3 acts, then a rerun: nothing lost or duplicated',
    async (step, nth) => {
      for (const when of ['before', 'after'] as const) {
        const { source, archive, seed } = await seeded(true);
        await expect(
          aggregateDay(faulty(s3, step, nth, when), options(source, archive)),
        ).rejects.toBeInstanceOf(InjectedFault);
        const rerun = await aggregateDay(s3, options(source, archive));
        expect(rerun.deleteFailures).toEqual([]);
        await expectComplete(source, archive, seed);
      }
    },
  );
});
