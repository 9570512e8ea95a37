#!/usr/bin/env node
// S3 requests per source object and peak memory of `aggregateDay` (@soar/log-aggregation), measured
// against an in-process counting S3 so the figures are those of our code, not of an emulator.
//
//   node tools/bench/log-aggregation.mjs            # measure and rewrite BENCHMARKS.md
//   node tools/bench/log-aggregation.mjs --no-write # measure and print only
//   node tools/bench/log-aggregation.mjs --objects 2000 --bytes 200000000 --no-write   # a smaller day
//
// The library is bundled from its TypeScript source with esbuild (the `@soar/source` condition,
// the AWS SDK external). Each run is its own child process, so its peak memory is its own:
//   - "spread": 10,000 objects, 1 GB, over 20 accounts × 3 log types × 4 regions (CloudTrail and
//     digests in the Control Tower 3.0 layout, zero-padded; Config in the account layout, unpadded),
//     the whole organization discovered as aggregateDay does it (accounts, types, regions, day);
//   - "one archive": the same 10,000 objects / 1 GB in one account, type and region: a single 1 GB
//     archive, so memory can only stay flat if it is bounded by the part size, not the archive.
// Each at part sizes of 8 MiB and 64 MiB. The counting S3 answers the commands aggregateDay sends:
// ListObjectsV2 (prefix, delimiter, pages of 1,000), GetObject (source bodies generated on the fly in
// fresh 64 KiB chunks starting with the gzip magic; manifests and markers as stored), multipart
// uploads (bytes counted and discarded), PutObject, HeadObject, DeleteObjects. Memory is sampled
// every 20 ms (rss, heap, array buffers) and the process's maxRSS read at the end; no
// --max-old-space-size is set.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, 'tmp');
const BUNDLE = path.join(OUT, 'log-aggregation-bench-lib.mjs');
const MIB = 1024 * 1024;
const ORG = 'o-abcdef1234';
const DATE = '2024-06-19';
const SOURCE = 'aws-controltower-logs-111122223333-eu-west-1';
const ARCHIVE = 'all-aggregated-logs-111122223333-eu-west-1';
const CHUNK = 64 * 1024;
const TARGET_MEMORY = 256 * MIB;

function flag(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const OBJECTS = flag('--objects', 10_000);
const BYTES = flag('--bytes', 1_000_000_000);

// ---------------------------------------------------------------------------------------------
// The day: deterministic keys and sizes.

/** A small deterministic generator, so every run sees the same sizes. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function accounts(n) {
  return Array.from({ length: n }, (_, i) => String(100000000000 + i * 1111));
}

/** `spread`: 20 accounts × 3 types × 4 regions; `single`: one account, type and region. */
function dayObjects(shape, count, totalBytes) {
  const [year, month, day] = DATE.split('-');
  const groups = [];
  const accountIds = shape === 'spread' ? accounts(20) : accounts(1);
  const regions = shape === 'spread' ? ['eu-west-1', 'eu-north-1', 'us-east-1', 'ap-south-1'] : ['eu-west-1'];
  const types = shape === 'spread' ? ['CloudTrail', 'CloudTrail-Digest', 'Config'] : ['CloudTrail'];
  for (const acct of accountIds) {
    for (const type of types) {
      for (const region of regions) {
        const prefix =
          type === 'Config'
            ? `${ORG}/AWSLogs/${acct}/Config/${region}/${year}/${Number(month)}/${Number(day)}/ConfigHistory/`
            : `${ORG}/AWSLogs/${ORG}/${acct}/${type}/${region}/${year}/${month}/${day}/`;
        groups.push({ acct, type, region, prefix });
      }
    }
  }
  const next = random(42);
  const weights = Array.from({ length: count }, () => 0.02 + next() * 1.96);
  const scale = totalBytes / weights.reduce((a, b) => a + b, 0);
  const objects = weights.map((w, i) => {
    const g = groups[i % groups.length];
    const stamp = String(i).padStart(6, '0');
    return {
      key: `${g.prefix}${g.acct}_${g.type}_${g.region}_${year}${month}${day}T${stamp}Z_${i}.json.gz`,
      size: Math.max(2, Math.round(w * scale)),
      etag: `"e${i}"`,
      group: `${g.acct}/${g.type}`,
    };
  });
  return objects.sort((a, b) => (a.key < b.key ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// The counting S3.

class FakeS3Error extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

function lowerBound(keys, key) {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class CountingS3 {
  constructor(sources) {
    this.requests = new Map();
    this.uploadedBytes = 0;
    this.readBytes = 0;
    this.buckets = new Map([
      [SOURCE, new Map(sources.map((o) => [o.key, { size: o.size, etag: o.etag }]))],
      [ARCHIVE, new Map()],
    ]);
    this.sorted = new Map();
    this.uploads = new Map();
    this.nextUpload = 0;
  }

  count(bucket, name) {
    const id = `${bucket === SOURCE ? 'source' : 'archive'} ${name.replace(/Command$/, '')}`;
    this.requests.set(id, (this.requests.get(id) ?? 0) + 1);
  }

  keys(bucket) {
    let keys = this.sorted.get(bucket);
    if (keys === undefined) {
      keys = [...this.buckets.get(bucket).keys()].sort();
      this.sorted.set(bucket, keys);
    }
    return keys;
  }

  changed(bucket) {
    this.sorted.delete(bucket);
  }

  async send(command) {
    const name = command.constructor.name;
    const input = command.input;
    this.count(input.Bucket, name);
    const objects = this.buckets.get(input.Bucket);
    if (objects === undefined) throw new FakeS3Error('NoSuchBucket', input.Bucket);
    switch (name) {
      case 'ListObjectsV2Command':
        return this.list(input);
      case 'GetObjectCommand':
        return this.get(input, objects);
      case 'HeadObjectCommand': {
        const object = objects.get(input.Key);
        if (object === undefined) throw new FakeS3Error('NotFound', input.Key);
        return { ContentLength: object.size, ETag: object.etag };
      }
      case 'PutObjectCommand': {
        const body = String(input.Body);
        objects.set(input.Key, { size: Buffer.byteLength(body), etag: `"put"`, body });
        this.changed(input.Bucket);
        return { ETag: '"put"' };
      }
      case 'CreateMultipartUploadCommand': {
        const id = `u${(this.nextUpload += 1)}`;
        this.uploads.set(id, { parts: 0, bytes: 0 });
        return { UploadId: id };
      }
      case 'UploadPartCommand': {
        const upload = this.uploads.get(input.UploadId);
        upload.parts += 1;
        upload.bytes += input.Body.length;
        this.uploadedBytes += input.Body.length;
        return { ETag: `"p${input.PartNumber}"` };
      }
      case 'CompleteMultipartUploadCommand': {
        const upload = this.uploads.get(input.UploadId);
        this.uploads.delete(input.UploadId);
        objects.set(input.Key, { size: upload.bytes, etag: `"m-${upload.parts}"` });
        this.changed(input.Bucket);
        return {};
      }
      case 'AbortMultipartUploadCommand':
        this.uploads.delete(input.UploadId);
        return {};
      case 'DeleteObjectsCommand':
        for (const { Key } of input.Delete.Objects) objects.delete(Key);
        this.changed(input.Bucket);
        return { Errors: [] };
      default:
        throw new FakeS3Error('NotImplemented', name);
    }
  }

  list({ Bucket, Prefix = '', Delimiter, ContinuationToken, MaxKeys = 1000 }) {
    const keys = this.keys(Bucket);
    const objects = this.buckets.get(Bucket);
    let i = lowerBound(keys, ContinuationToken ?? Prefix);
    const Contents = [];
    const CommonPrefixes = [];
    let last;
    while (i < keys.length && keys[i].startsWith(Prefix)) {
      const key = keys[i];
      if (ContinuationToken !== undefined && key.startsWith(ContinuationToken) && key !== ContinuationToken) {
        i += 1; // inside a common prefix already returned
        continue;
      }
      if (ContinuationToken !== undefined && key === ContinuationToken) {
        i += 1;
        continue;
      }
      if (Contents.length + CommonPrefixes.length === MaxKeys) {
        return { Contents, CommonPrefixes, IsTruncated: true, NextContinuationToken: last };
      }
      const cut = Delimiter === undefined ? -1 : key.indexOf(Delimiter, Prefix.length);
      if (cut >= 0) {
        const common = key.slice(0, cut + 1);
        CommonPrefixes.push({ Prefix: common });
        last = common;
        i = lowerBound(keys, `${common}\uffff`);
      } else {
        const object = objects.get(key);
        Contents.push({ Key: key, Size: object.size, ETag: object.etag });
        last = key;
        i += 1;
      }
    }
    return { Contents, CommonPrefixes, IsTruncated: false };
  }

  get({ Key, IfMatch }, objects) {
    const object = objects.get(Key);
    if (object === undefined) throw new FakeS3Error('NoSuchKey', Key);
    if (IfMatch !== undefined && IfMatch !== object.etag) throw new FakeS3Error('PreconditionFailed', Key);
    if (object.body !== undefined) {
      const body = object.body;
      return { Body: { transformToString: async () => body }, ContentLength: object.size, ETag: object.etag };
    }
    const counted = (n) => {
      this.readBytes += n;
    };
    async function* chunks() {
      // Fresh memory per chunk, as a socket delivers it; a reused buffer would hide what is retained.
      for (let sent = 0; sent < object.size;) {
        const chunk = Buffer.alloc(Math.min(CHUNK, object.size - sent));
        if (sent === 0) {
          chunk[0] = 0x1f;
          if (chunk.length > 1) chunk[1] = 0x8b;
        }
        sent += chunk.length;
        counted(chunk.length);
        yield chunk;
      }
    }
    return { Body: chunks(), ContentLength: object.size, ETag: object.etag };
  }
}

// ---------------------------------------------------------------------------------------------
// One run, in a child process.

async function child(shape, partMib) {
  const { aggregateDay } = await import(pathToFileURL(BUNDLE).href);
  const sources = dayObjects(shape, OBJECTS, BYTES);
  const s3 = new CountingS3(sources);
  global.gc?.();
  const baseline = process.memoryUsage();
  const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed, arrayBuffers: baseline.arrayBuffers };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
  };
  const sampler = setInterval(sample, 20);
  const label = `${shape}, part ${partMib} MiB`;
  const started = performance.now();
  let lastTick = started;
  const ticker = setInterval(() => {
    process.stderr.write(
      `  ${label}: ${(s3.uploadedBytes / MIB).toFixed(0)} MiB uploaded, rss ${(process.memoryUsage().rss / MIB).toFixed(0)} MiB\n`,
    );
  }, 2000);
  let archives = 0;
  const result = await aggregateDay(
    s3,
    {
      orgId: ORG,
      sourceBucket: SOURCE,
      archiveBucket: ARCHIVE,
      archivePrefix: 'control-tower',
      date: DATE,
      partSizeBytes: partMib * MIB,
    },
    {
      onProgress: (event) => {
        sample();
        if (event.type === 'listed') {
          archives = event.archives;
          process.stderr.write(
            `  ${label}: ${event.sources} sources listed, ${event.archives} archives planned\n`,
          );
        } else if (event.type === 'archive-built' && performance.now() - lastTick > 1000) {
          lastTick = performance.now();
          process.stderr.write(
            `  ${label}: [${event.index}/${event.of}] ${event.archiveKey.split('/').pop()}\n`,
          );
        }
      },
    },
  );
  clearInterval(sampler);
  clearInterval(ticker);
  sample();
  const seconds = (performance.now() - started) / 1000;
  const requests = Object.fromEntries([...s3.requests].sort());
  process.stdout.write(
    `${JSON.stringify({
      shape,
      partMib,
      sources: sources.length,
      bytes: sources.reduce((sum, o) => sum + o.size, 0),
      archives,
      built: result.built.length,
      deleted: result.deleted,
      complete: result.complete,
      skipped: result.skipped.length,
      requests,
      readBytes: s3.readBytes,
      uploadedBytes: s3.uploadedBytes,
      baseline: { rss: baseline.rss, heapUsed: baseline.heapUsed, arrayBuffers: baseline.arrayBuffers },
      peak,
      maxRss: process.resourceUsage().maxRSS * 1024,
      seconds,
    })}\n`,
  );
}

// ---------------------------------------------------------------------------------------------
// The original's figures, from its documented algorithm (one output per account and log type, all
// regions appended one file at a time onto a 5 MiB filler accumulator).

function original(shape) {
  const sources = dayObjects(shape, OBJECTS, BYTES);
  const outputs = new Map();
  for (const o of sources) outputs.set(o.group, [...(outputs.get(o.group) ?? []), o.size]);
  let copied = 0;
  let requests = 0;
  for (const sizes of outputs.values()) {
    let accumulator = 5 * MIB;
    for (const size of sizes) {
      copied += accumulator + size; // part 1 = the whole accumulator, part 2 = the file
      accumulator += size;
      requests += 4 + 1; // Create, 2 × UploadPartCopy, Complete; one ListObjectVersions to delete it
    }
    copied += accumulator - 5 * MIB; // the final copy without the filler
    requests += 6 + Math.ceil(sizes.length / 1000);
  }
  return { outputs: outputs.size, copied, requestsPerFile: requests / sources.length };
}

// ---------------------------------------------------------------------------------------------

function bundle() {
  const esbuild = require('esbuild');
  fs.mkdirSync(OUT, { recursive: true });
  const entry = path.join(OUT, 'log-aggregation-bench-entry.mjs');
  fs.writeFileSync(entry, "export { aggregateDay } from '@soar/log-aggregation/aws';\n");
  esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: BUNDLE,
    conditions: ['@soar/source'],
    external: ['@aws-sdk/*'],
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
}

const gib = (n) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
const gb = (n) => `${(n / 1e9).toFixed(2)} GB`;
const mib = (n) => `${(n / MIB).toFixed(0)} MiB`;

async function parent() {
  bundle();
  const runs = [];
  const plan = [
    ['spread', 8, BYTES],
    ['spread', 64, BYTES],
    ['single', 8, BYTES],
    ['single', 64, BYTES],
    // Three times the day: if memory followed the day, this row would show it.
    ['single', 8, 3 * BYTES],
  ];
  for (const [shape, partMib, bytes] of plan) {
    process.stderr.write(
      `${shape === 'spread' ? 'spread over 240 archives' : 'one account, type and region'}, ${(bytes / 1e9).toFixed(1)} GB, part size ${partMib} MiB:\n`,
    );
    const run = spawnSync(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        '--child',
        shape,
        String(partMib),
        '--objects',
        String(OBJECTS),
        '--bytes',
        String(bytes),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * MIB },
    );
    if (run.status !== 0)
      throw new Error(`the ${shape} run with ${partMib} MiB parts failed (status ${run.status})`);
    runs.push(JSON.parse(run.stdout.trim().split('\n').pop()));
  }

  const spread = runs[0];
  const sourceCommands = Object.entries(spread.requests).filter(([id]) => id.startsWith('source '));
  const archiveCommands = Object.entries(spread.requests).filter(([id]) => id.startsWith('archive '));
  const sum = (entries) => entries.reduce((s, [, n]) => s + n, 0);
  const perSource = sum(sourceCommands) / spread.sources;
  const perArchive = sum(archiveCommands) / spread.built;
  const originalSpread = original('spread');
  const originalSingle = original('single');
  const label = `${OBJECTS.toLocaleString('en')} objects / ${gb(BYTES)}`;
  const allPerSource = (sum(sourceCommands) + sum(archiveCommands)) / spread.sources;

  const rows = [
    ...sourceCommands.map(([id, n]) => `| ${id} | ${n} | ${(n / spread.sources).toFixed(3)} | |`),
    ...archiveCommands.map(([id, n]) => `| ${id} | ${n} | | ${(n / spread.built).toFixed(2)} |`),
  ];
  const memoryRows = runs.map(
    (r) =>
      `| ${gb(r.bytes)}, ${r.sources.toLocaleString('en')} objects, ${r.shape === 'spread' ? `${r.built} archives` : `one account/type/region (${r.built} ${r.built === 1 ? 'archive' : 'archives of ≤ 1 GiB'})`} | ${r.partMib} MiB | ${mib(r.baseline.rss)} | ${mib(r.peak.rss)} | ${mib(r.maxRss)} | ${mib(r.peak.heapUsed)} | ${mib(r.peak.arrayBuffers)} | ${r.seconds.toFixed(1)} s | ${r.maxRss < TARGET_MEMORY ? 'yes' : 'no'} |`,
  );
  const markdown = `## Log aggregation: S3 requests per source object and peak memory

\`node tools/bench/log-aggregation.mjs\` (Node ${process.version}; measured ${new Date().toISOString().slice(0, 10)}):
\`aggregateDay\` of \`@soar/log-aggregation\` over an in-process counting S3 (generated gzip-headed
bodies streamed in 64 KiB chunks, uploaded parts counted and discarded), so the figures are those of
our code. A day of ${spread.sources.toLocaleString('en')} objects, ${(spread.bytes / 1e9).toFixed(1)} GB, over 20 accounts × 3 log types × 4
regions, discovered as the library does it (accounts, log types, regions, then the day's padded and
unpadded prefixes); then the same objects in one account, log type and region (one 1 GB archive),
and three times that volume.

**Requests** (the spread day, 8 MiB parts): **${perSource.toFixed(3)} per source object** (target ≤ 2) plus
**${perArchive.toFixed(2)} per archive** (${spread.built} archives); ${allPerSource.toFixed(2)} per object all told. The original, by its
documented algorithm on the same day: **${originalSpread.requestsPerFile.toFixed(2)} per file** (spec: about 5–6 per file, plus listing).

| Requests | Count | Per source object | Per archive |
| --- | --- | --- | --- |
${rows.join('\n')}

**Bytes moved**: each source read once (${gb(spread.readBytes)}) and uploaded once (${gb(spread.uploadedBytes)}). The original
copies server-side about N × 5 MiB + N × S / 2 per output: **${gib(originalSpread.copied)}** for this day
(${originalSpread.outputs} outputs, one per account and log type), **${gib(originalSingle.copied)}** for the same ${label} in one account, type and region
(its accumulator would also pass the 5 GiB part limit long before that and fail).

**Peak memory** (no \`--max-old-space-size\`; baseline: after loading the SDK and the day's listing
of ${spread.sources.toLocaleString('en')} keys; maxRSS from the OS, the others sampled every 20 ms; target < 256 MB, bounded
by the part size, not the day):

| Day | Part size | RSS before | RSS peak (sampled) | maxRSS | Heap peak | ArrayBuffers peak | Wall time | < 256 MB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${memoryRows.join('\n')}
`;
  const { writeSection } = await import('./benchmarks-md.mjs');
  await writeSection('log-aggregation', markdown);
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]));
else await parent();
