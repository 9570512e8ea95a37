/**
 * Discovery and progress against moto's S3: accounts found in both Control Tower layouts (paginated,
 * other prefixes reported), a day's prefixes per type and region (padded and unpadded, day 1 never
 * taking in day 10), per-account runs that read only their account's state, progress events, and a
 * run stopped between archives then rerun: nothing lost, nothing duplicated.
 */
import { gzipSync } from 'node:zlib';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandInput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { startMotoServer, type MotoServer } from '@soar/testing';
import {
  aggregateDay,
  dayPrefixes,
  listAccountIds,
  listObjects,
  type AggregationProgress,
  type S3Port,
} from '../src/aws';
import { ManifestSchema } from '../src';

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ORG = 'o-abcdef1234';
const A = '111122223333';
const B = '444455556666';
const C = '777788889999';
const MIB = 1024 * 1024;

/** Day 2024-06-01 and day 2024-06-10 of three accounts: CloudTrail (v3 layout, and B also the old one) and Config. */
function seedKeys(): string[] {
  const keys: string[] = [];
  for (const acct of [A, B, C]) {
    for (const region of ['eu-west-1', 'us-east-1']) {
      for (const [padded, unpadded] of [
        ['2024/06/01', '2024/6/1'],
        ['2024/06/10', '2024/6/10'],
      ] as const) {
        keys.push(
          `${ORG}/AWSLogs/${ORG}/${acct}/CloudTrail/${region}/${padded}/${acct}_ct_${region}.json.gz`,
        );
        keys.push(`${ORG}/AWSLogs/${ORG}/${acct}/CloudTrail-Digest/${region}/${padded}/${acct}_d.json.gz`);
        keys.push(`${ORG}/AWSLogs/${acct}/Config/${region}/${unpadded}/ConfigHistory/${acct}_h.json.gz`);
      }
    }
  }
  // Older CloudTrail, zero-padded, under the account root without the organization level.
  keys.push(`${ORG}/AWSLogs/${B}/CloudTrail/eu-west-1/2024/06/01/${B}_old.json.gz`);
  keys.push(`${ORG}/AWSLogs/${B}/CloudTrail/eu-west-1/2024/06/10/${B}_old.json.gz`);
  // Not an account: reported, never archived.
  keys.push(`${ORG}/AWSLogs/not-an-account/x.json.gz`);
  return keys;
}

const isDay1 = (key: string): boolean => key.includes('/2024/06/01/') || key.includes('/2024/6/1/');

/** A client that records every ListObjectsV2 request it forwards. */
function recording(s3: S3Client): { port: S3Port; lists: ListObjectsV2CommandInput[] } {
  const lists: ListObjectsV2CommandInput[] = [];
  const send = async (command: { input: unknown }): Promise<unknown> => {
    if (command instanceof ListObjectsV2Command) lists.push(command.input);
    return s3.send(command as never);
  };
  return { port: { send } as unknown as S3Port, lists };
}

describe('discovery and progress against moto (S3)', () => {
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

  async function seeded(keys: readonly string[]): Promise<{ source: string; archive: string }> {
    n += 1;
    const source = `disc-src-${n}`;
    const archive = `disc-arc-${n}`;
    for (const bucket of [source, archive]) {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: REGION },
        }),
      );
    }
    for (const key of keys) {
      await s3.send(new PutObjectCommand({ Bucket: source, Key: key, Body: gzipSync(`{"key":"${key}"}\n`) }));
    }
    return { source, archive };
  }

  const options = (source: string, archive: string, extra: object = {}) => ({
    orgId: ORG,
    sourceBucket: source,
    archiveBucket: archive,
    archivePrefix: 'control-tower',
    date: '2024-06-01',
    partSizeBytes: 5 * MIB,
    ...extra,
  });

  /** Every day-1 key in exactly one verified archive, the day-1 sources gone, the rest in place. */
  async function expectComplete(source: string, archive: string, keys: readonly string[]): Promise<void> {
    const day1 = keys.filter((k) => isDay1(k) && !k.includes('not-an-account'));
    const remaining = (await listObjects(s3, source, '')).map((o) => o.key).sort();
    expect(remaining).toEqual(keys.filter((k) => !day1.includes(k)).sort());
    const stored = (await listObjects(s3, archive, '')).map((o) => o.key);
    const archived: string[] = [];
    for (const key of stored.filter((k) => k.endsWith('.manifest.json'))) {
      expect(stored).toContain(key.replace(/\.manifest\.json$/, '.verified.json'));
      const object = await s3.send(new GetObjectCommand({ Bucket: archive, Key: key }));
      const manifest = ManifestSchema.parse(JSON.parse((await object.Body?.transformToString()) ?? ''));
      archived.push(...manifest.entries.map((e) => e.key));
    }
    expect(archived.sort()).toEqual([...day1].sort());
  }

  describe('listAccountIds', () => {
    it('finds accounts in both layouts, once each, sorted, and reports other prefixes', async () => {
      const { source } = await seeded(seedKeys());
      expect(await listAccountIds(s3, { bucket: source, orgId: ORG })).toEqual({
        accountIds: [A, B, C],
        skipped: [`${ORG}/AWSLogs/not-an-account/`],
      });
    });

    it('follows continuation tokens (pages of 2 prefixes)', async () => {
      const { source } = await seeded(seedKeys());
      const { port, lists } = recording(s3);
      expect(await listAccountIds(port, { bucket: source, orgId: ORG, maxKeys: 2 })).toEqual({
        accountIds: [A, B, C],
        skipped: [`${ORG}/AWSLogs/not-an-account/`],
      });
      expect(lists.length).toBeGreaterThan(2);
      expect(lists.every((l) => l.Delimiter === '/')).toBe(true);
    });

    it('answers an empty bucket with no accounts', async () => {
      const { source } = await seeded([]);
      expect(await listAccountIds(s3, { bucket: source, orgId: ORG })).toEqual({
        accountIds: [],
        skipped: [],
      });
    });

    it('lists past 1,000 prefixes (S3 pages of 1,000)', async () => {
      const mock = mockClient(S3Client);
      const ids = Array.from({ length: 2500 }, (_, i) => String(100000000000 + i));
      const page = (from: number, to: number) => ({
        CommonPrefixes: ids.slice(from, to).map((id) => ({ Prefix: `${ORG}/AWSLogs/${ORG}/${id}/` })),
      });
      mock
        .on(ListObjectsV2Command, { Prefix: `${ORG}/AWSLogs/` })
        .resolves({ CommonPrefixes: [{ Prefix: `${ORG}/AWSLogs/${ORG}/` }] });
      mock
        .on(ListObjectsV2Command, { Prefix: `${ORG}/AWSLogs/${ORG}/` })
        .resolvesOnce({ ...page(0, 1000), IsTruncated: true, NextContinuationToken: 't1' })
        .resolvesOnce({ ...page(1000, 2000), IsTruncated: true, NextContinuationToken: 't2' })
        .resolvesOnce({ ...page(2000, 2500), IsTruncated: false });
      try {
        const client = new S3Client({ region: REGION, credentials });
        const result = await listAccountIds(client, { bucket: 'b', orgId: ORG });
        expect(result.accountIds).toEqual(ids);
        const tokens = mock
          .commandCalls(ListObjectsV2Command)
          .map((call) => call.args[0].input.ContinuationToken);
        expect(tokens).toEqual([undefined, undefined, 't1', 't2']);
      } finally {
        mock.restore();
      }
    });
  });

  describe('dayPrefixes', () => {
    it("gives every type and region of both layouts, padded and unpadded, never day 10's", async () => {
      const { source } = await seeded(seedKeys());
      const prefixes = await dayPrefixes(s3, {
        bucket: source,
        orgId: ORG,
        accountId: B,
        date: '2024-06-01',
      });
      const v3 = `${ORG}/AWSLogs/${ORG}/${B}`;
      const old = `${ORG}/AWSLogs/${B}`;
      expect(prefixes).toEqual(
        [
          ...['eu-west-1', 'us-east-1'].flatMap((r) => [
            `${v3}/CloudTrail/${r}/2024/06/01/`,
            `${v3}/CloudTrail/${r}/2024/6/1/`,
            `${v3}/CloudTrail-Digest/${r}/2024/06/01/`,
            `${v3}/CloudTrail-Digest/${r}/2024/6/1/`,
            `${old}/Config/${r}/2024/06/01/`,
            `${old}/Config/${r}/2024/6/1/`,
          ]),
          `${old}/CloudTrail/eu-west-1/2024/06/01/`,
          `${old}/CloudTrail/eu-west-1/2024/6/1/`,
        ].sort(),
      );
      const listed = (await Promise.all(prefixes.map((p) => listObjects(s3, source, p)))).flat();
      expect(listed.every((o) => isDay1(o.key))).toBe(true);
      expect(listed).toHaveLength(seedKeys().filter((k) => isDay1(k) && k.includes(B)).length);
    });
  });

  describe('aggregateDay', () => {
    it('discovers accounts and their day prefixes instead of listing the whole tree; reports other prefixes', async () => {
      const keys = seedKeys();
      const { source, archive } = await seeded(keys);
      const { port, lists } = recording(s3);
      const events: AggregationProgress[] = [];
      const result = await aggregateDay(port, options(source, archive), {
        onProgress: (e) => events.push(e),
      });
      expect(result).toMatchObject({ complete: true, remainingArchives: 0, deleteFailures: [] });
      expect(result.skipped).toEqual([
        { key: `${ORG}/AWSLogs/not-an-account/`, reason: 'not-an-account-prefix' },
      ]);
      // Every listing of the source bucket is a delimited level or a day's prefix.
      const sourceLists = lists.filter((l) => l.Bucket === source);
      expect(
        sourceLists.every((l) => l.Delimiter === '/' || /\/\d{4}\/\d{1,2}\/\d{1,2}\/$/.test(l.Prefix ?? '')),
      ).toBe(true);
      await expectComplete(source, archive, keys);
      expect(events[0]).toMatchObject({ type: 'listed', archives: result.built.length, alreadyVerified: 0 });
      const built = events.filter((e) => e.type === 'archive-built');
      expect(built.map((e) => [e.index, e.of])).toEqual(
        result.built.map((_, i) => [i + 1, result.built.length]),
      );
      const deletedEvents = events.filter((e) => e.type === 'deleted');
      expect(deletedEvents.reduce((sum, e) => sum + e.count, 0)).toBe(result.deleted);
    });

    it("scopes a run to one account: its sources only, and only its part of the day's state is read", async () => {
      const keys = seedKeys();
      const { source, archive } = await seeded(keys);
      await aggregateDay(s3, options(source, archive, { accountId: C }));
      const { port, lists } = recording(s3);
      const result = await aggregateDay(port, options(source, archive, { accountId: A }));
      expect(result.built.every((b) => b.archiveKey.includes(`/2024/06/01/${A}/`))).toBe(true);
      const archiveLists = lists.filter((l) => l.Bucket === archive);
      expect(archiveLists.map((l) => l.Prefix)).toEqual([`control-tower/2024/06/01/${A}/`]);
      expect(result.alreadyVerified).toBe(0);
      const left = (await listObjects(s3, source, '')).map((o) => o.key);
      expect(left.filter((k) => isDay1(k) && k.includes(B))).not.toHaveLength(0);
      expect(left.filter((k) => isDay1(k) && (k.includes(A) || k.includes(C)))).toEqual([]);
    });

    it('stops between archives when asked, then a rerun finishes: nothing lost or duplicated', async () => {
      const keys = seedKeys();
      const { source, archive } = await seeded(keys);
      let started = 0;
      const first = await aggregateDay(s3, options(source, archive), {
        shouldStop: () => {
          started += 1;
          return started > 2;
        },
      });
      expect(first.built).toHaveLength(2);
      expect(first.complete).toBe(false);
      expect(first.remainingArchives).toBeGreaterThan(0);
      const second = await aggregateDay(s3, options(source, archive), { shouldStop: () => false });
      expect(second).toMatchObject({
        complete: true,
        remainingArchives: 0,
        alreadyVerified: 2,
        deleted: expect.any(Number),
      });
      expect(second.built).toHaveLength(first.remainingArchives);
      await expectComplete(source, archive, keys);
    });
  });
});
