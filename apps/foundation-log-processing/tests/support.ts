/**
 * Seeded Control Tower logs in moto's S3 and the check that nothing was lost or duplicated, shared
 * by the handler and workflow tests.
 */
import { gzipSync } from 'node:zlib';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ManifestSchema } from '@soar/log-aggregation';

import type { RuntimeConfig } from '../src/functions/runtime-config';

export const REGION = 'eu-west-1';
export const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
export const ORG = 'o-abcdef1234';
export const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
export const LOG_REGIONS = ['eu-west-1', 'us-east-1'];
/** The days seeded: the first two are processed, the third (today in the tests' clock) must stay. */
export const DAYS = ['2024-06-09', '2024-06-10', '2024-06-11'] as const;
export const MIB = 1024 * 1024;

/** key → bytes (gzip members). */
export type Seed = Map<string, Buffer>;

/**
 * For each account, region and day: two CloudTrail objects in the Control Tower 3.0 layout
 * (`{org}/AWSLogs/{org}/{acct}/…`, padded dates) and two Config objects in the older layout
 * (`{org}/AWSLogs/{acct}/…`, unpadded dates) that share a basename under different prefixes.
 */
export function seedLogs(): Seed {
  const seed: Seed = new Map();
  for (const day of DAYS) {
    const [year, month, date] = day.split('-');
    const padded = `${year}/${month}/${date}`;
    const unpadded = `${year}/${Number(month)}/${Number(date)}`;
    const stamp = day.replaceAll('-', '');
    for (const acct of ACCOUNTS) {
      for (const region of LOG_REGIONS) {
        for (let i = 0; i < 2; i += 1) {
          const key = `${ORG}/AWSLogs/${ORG}/${acct}/CloudTrail/${region}/${padded}/${acct}_CloudTrail_${region}_${stamp}T00${i}0Z_${i}.json.gz`;
          seed.set(
            key,
            gzipSync(`{"Records":[{"i":${i},"acct":"${acct}","region":"${region}","day":"${day}"}]}\n`),
          );
        }
        for (const kind of ['ConfigHistory', 'ConfigSnapshot']) {
          const key = `${ORG}/AWSLogs/${acct}/Config/${region}/${unpadded}/${kind}/same.json.gz`;
          seed.set(
            key,
            gzipSync(`{"kind":"${kind}","acct":"${acct}","region":"${region}","day":"${day}"}\n`),
          );
        }
      }
    }
  }
  return seed;
}

export const dayOf = (key: string): string | undefined =>
  DAYS.find((day) => {
    const [year, month, date] = day.split('-');
    return (
      key.includes(`/${year}/${month}/${date}/`) || key.includes(`/${year}/${Number(month)}/${Number(date)}/`)
    );
  });

let buckets = 0;

/** A Control Tower bucket with the seed and an empty archive bucket. */
export async function seededBuckets(s3: S3Client, seed: Seed): Promise<{ source: string; archive: string }> {
  buckets += 1;
  const source = `aws-controltower-logs-${buckets}`;
  const archive = `log-archives-${buckets}`;
  for (const bucket of [source, archive]) {
    await s3.send(
      new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
    );
  }
  for (const [key, body] of seed)
    await s3.send(new PutObjectCommand({ Bucket: source, Key: key, Body: body }));
  return { source, archive };
}

export function runtimeConfig(
  source: string,
  archive: string,
  overrides: Partial<RuntimeConfig> = {},
): RuntimeConfig {
  return {
    orgId: ORG,
    sourceBucket: source,
    archiveBucket: archive,
    archivePrefix: 'control-tower',
    partSizeBytes: 5 * MIB,
    deleteVersions: false,
    catchUpDays: 1,
    accountsPerBatch: 2,
    maxRoundsPerDay: 4,
    maxHistoricalDays: 31,
    stopMarginSeconds: 120,
    ...overrides,
  };
}

export async function keysOf(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        ...(token === undefined ? {} : { ContinuationToken: token }),
      }),
    );
    for (const item of page.Contents ?? []) if (item.Key !== undefined) keys.push(item.Key);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys.sort();
}

async function body(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
}

/**
 * Nothing lost, nothing duplicated: the processed days' sources are gone from the Control Tower
 * bucket, every other key is still there, and each processed source is in exactly one archive,
 * whose bytes at the manifest's offset are the source's bytes.
 */
export async function expectArchived(
  s3: S3Client,
  buckets: { source: string; archive: string },
  seed: Seed,
  processed: readonly string[],
): Promise<{ archives: number }> {
  const isProcessed = (key: string) => processed.includes(dayOf(key) ?? '');
  const remaining = await keysOf(s3, buckets.source);
  if (JSON.stringify(remaining) !== JSON.stringify([...seed.keys()].filter((k) => !isProcessed(k)).sort())) {
    const wanted = [...seed.keys()].filter((k) => !isProcessed(k));
    throw new Error(
      `the Control Tower bucket holds ${remaining.length} keys, not the ${wanted.length} unprocessed ones: extra ${remaining
        .filter((k) => !wanted.includes(k))
        .slice(0, 3)
        .join(', ')}; missing ${wanted
        .filter((k) => !remaining.includes(k))
        .slice(0, 3)
        .join(', ')}`,
    );
  }
  const stored = await keysOf(s3, buckets.archive);
  const manifests = stored.filter((key) => key.endsWith('.manifest.json'));
  const seen = new Map<string, number>();
  for (const manifestKey of manifests) {
    if (!stored.includes(manifestKey.replace(/\.manifest\.json$/, '.verified.json'))) {
      throw new Error(`${manifestKey} has no verified marker`);
    }
    const manifest = ManifestSchema.parse(
      JSON.parse((await body(s3, buckets.archive, manifestKey)).toString('utf8')),
    );
    const archive = await body(s3, buckets.archive, manifest.archiveKey);
    for (const entry of manifest.entries) {
      seen.set(entry.key, (seen.get(entry.key) ?? 0) + 1);
      const expected = seed.get(entry.key);
      const actual = archive.subarray(entry.offset, entry.offset + entry.size);
      if (expected === undefined || !actual.equals(expected))
        throw new Error(`${entry.key} differs in its archive`);
    }
  }
  const wanted = [...seed.keys()].filter(isProcessed).sort();
  const archived = [...seen.keys()].sort();
  if (JSON.stringify(archived) !== JSON.stringify(wanted)) {
    throw new Error(`${archived.length} sources archived where ${wanted.length} were seeded for the days`);
  }
  const duplicated = [...seen.entries()].filter(([, count]) => count > 1);
  if (duplicated.length > 0)
    throw new Error(`duplicated in archives: ${duplicated.map(([key]) => key).join(', ')}`);
  return { archives: manifests.length };
}
