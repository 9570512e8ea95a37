import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { ArchiveVerificationError, SourceMismatchError } from '../errors';
import { dayPrefixes, listAccountIds, type S3Port } from './discovery';
import {
  deleteBatches,
  groupId,
  partCount,
  planArchives,
  type ArchivePlan,
  type SkippedSource,
  type SourceObject,
} from '../plan';
import {
  ManifestSchema,
  parseAggregationOptions,
  parseWith,
  VerifiedMarkerSchema,
  type AggregationOptions,
  type ArchiveGroup,
  type Manifest,
  type VerifiedMarker,
} from '../schemas';

/** A key DeleteObjects did not delete, with S3's code and message. */
export interface DeleteFailure {
  readonly key: string;
  readonly code: string;
  readonly message: string;
}

/** What {@link aggregateDay} did. */
export interface AggregationResult {
  /** Archives built, verified and marked in this run. */
  readonly built: readonly { archiveKey: string; entries: number; totalBytes: number }[];
  /** Archives found already verified (from an earlier run), not rebuilt. */
  readonly alreadyVerified: number;
  /** Sources deleted (each only after its archive was verified). */
  readonly deleted: number;
  /** Keys DeleteObjects refused; a rerun retries them. */
  readonly deleteFailures: readonly DeleteFailure[];
  /**
   * Listed keys (and, for `not-an-account-prefix`, account-level prefixes) neither archived nor
   * deleted, and why.
   */
  readonly skipped: readonly (SkippedSource | { key: string; reason: 'changed-since-archived' })[];
  /** False when `shouldStop` ended the run early; a rerun continues with the remaining archives. */
  readonly complete: boolean;
  /** Planned archives not started because the run stopped early (0 when complete). */
  readonly remainingArchives: number;
}

/** What {@link aggregateDay} reports while it runs (`type` tells the kind). */
export type AggregationProgress =
  | {
      /** The day is listed and planned. */
      readonly type: 'listed';
      /** Source objects listed. */
      readonly sources: number;
      /** Archives planned in this run. */
      readonly archives: number;
      /** Archives already verified by an earlier run. */
      readonly alreadyVerified: number;
    }
  | {
      /** One archive uploaded, verified, marked, and its sources deleted. */
      readonly type: 'archive-built';
      readonly archiveKey: string;
      readonly group: ArchiveGroup;
      readonly entries: number;
      readonly bytes: number;
      /** 1-based position among this run's planned archives. */
      readonly index: number;
      readonly of: number;
    }
  | {
      /** Sources deleted in one step (an archive's, or the leftovers of earlier verified archives). */
      readonly type: 'deleted';
      readonly count: number;
      readonly failures: number;
    };

/** Callbacks of {@link aggregateDay}. */
export interface AggregationHooks {
  /** Called with each progress event; it must not throw. */
  readonly onProgress?: (event: AggregationProgress) => void;
  /**
   * Checked before each archive is started; when it returns true the run returns early with
   * `complete: false`. An archive is either finished through its deletes or not started, so a Lambda
   * can stop well before its time limit and be invoked again.
   */
  readonly shouldStop?: () => boolean;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Lists every object under `prefix`, following continuation tokens (1,000 keys per call).
 *
 * @example
 * ```ts
 * const sources = await listObjects(s3, 'ct-logs', 'o-abcdef1234/AWSLogs/');
 * ```
 */
export async function listObjects(s3: S3Port, bucket: string, prefix: string): Promise<SourceObject[]> {
  const objects: SourceObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(token === undefined ? {} : { ContinuationToken: token }),
      }),
    );
    for (const item of page.Contents ?? []) {
      if (item.Key !== undefined)
        objects.push({ key: item.Key, size: item.Size ?? 0, etag: item.ETag ?? '' });
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return objects;
}

async function getJson<T>(
  s3: S3Port,
  bucket: string,
  key: string,
  what: string,
  schema: Parameters<typeof parseWith<T>>[1],
): Promise<T> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = (await object.Body?.transformToString('utf-8')) ?? '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  return parseWith(`${what} ${key}`, schema, value);
}

async function putJson(s3: S3Port, bucket: string, key: string, value: unknown): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: 'application/json',
    }),
  );
}

/**
 * Streams an archive's sources, in manifest order, into one multipart upload. Every part but the
 * last is exactly `partSizeBytes`, so memory stays bounded by the part size whatever the day's
 * volume. Each source is read with `IfMatch` on its listed ETag, its byte count checked against its
 * listed size and its first bytes against the gzip magic: concatenated gzip members form a valid
 * gzip stream, anything else would corrupt the archive. On any failure the upload is aborted.
 */
export async function uploadArchive(s3: S3Port, plan: ArchivePlan): Promise<{ parts: number }> {
  const { manifest } = plan;
  const created = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket: manifest.archiveBucket,
      Key: plan.archiveKey,
      ContentType: 'application/gzip',
    }),
  );
  const uploadId = created.UploadId as string;
  const parts: CompletedPart[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (bytes: number): Promise<void> => {
    // The part is copied out of the pending chunks, and the remainder of a split chunk is copied on
    // its own: a view would keep the whole chunk (or a concatenation of all of them) alive while the
    // next part accumulates, so memory stays at about twice the part size at the moment of a cut.
    const body = Buffer.allocUnsafe(bytes);
    let filled = 0;
    const rest: Buffer[] = [];
    for (const chunk of pending) {
      if (filled >= bytes) {
        rest.push(chunk);
        continue;
      }
      const take = Math.min(chunk.length, bytes - filled);
      chunk.copy(body, filled, 0, take);
      filled += take;
      if (take < chunk.length) rest.push(Buffer.from(chunk.subarray(take)));
    }
    pending = rest;
    pendingBytes -= bytes;
    const partNumber = parts.length + 1;
    const uploaded = await s3.send(
      new UploadPartCommand({
        Bucket: manifest.archiveBucket,
        Key: plan.archiveKey,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
        ContentLength: body.length,
      }),
    );
    parts.push({ PartNumber: partNumber, ETag: uploaded.ETag });
  };
  try {
    for (const entry of manifest.entries) {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: manifest.sourceBucket, Key: entry.key, IfMatch: entry.etag }),
      );
      let read = 0;
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
        if (read === 0 && chunk.length > 0 && chunk[0] !== GZIP_MAGIC_0) {
          throw new SourceMismatchError(entry.key, 'is not gzip');
        }
        if (read === 0 && chunk.length > 1 && chunk[1] !== GZIP_MAGIC_1) {
          throw new SourceMismatchError(entry.key, 'is not gzip');
        }
        read += chunk.length;
        pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
        pendingBytes += chunk.length;
        while (pendingBytes >= manifest.partSizeBytes) await flush(manifest.partSizeBytes);
      }
      if (read !== entry.size) {
        throw new SourceMismatchError(entry.key, `has ${read} bytes where ${entry.size} were listed`);
      }
    }
    if (pendingBytes > 0 || parts.length === 0) await flush(pendingBytes);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: manifest.archiveBucket,
        Key: plan.archiveKey,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return { parts: parts.length };
  } catch (error) {
    // The upload would otherwise linger (and be billed) until the bucket's lifecycle aborts it.
    await s3
      .send(
        new AbortMultipartUploadCommand({
          Bucket: manifest.archiveBucket,
          Key: plan.archiveKey,
          UploadId: uploadId,
        }),
      )
      .catch(() => undefined);
    throw error;
  }
}

/**
 * Verifies an archive against its manifest without re-reading its bytes: the manifest is read back
 * from S3 and must equal the plan, the archive's object size (HeadObject) must equal the manifest's
 * total, and its part count (the `-N` suffix of a multipart ETag) must equal the count the part size
 * implies. Returns the marker to write; throws {@link ArchiveVerificationError} otherwise.
 */
export async function verifyArchive(s3: S3Port, plan: ArchivePlan): Promise<VerifiedMarker> {
  const { manifest } = plan;
  const stored = await getJson(s3, manifest.archiveBucket, plan.manifestKey, 'manifest', ManifestSchema);
  if (JSON.stringify(stored) !== JSON.stringify(ManifestSchema.parse(manifest))) {
    throw new ArchiveVerificationError(plan.archiveKey, 'the stored manifest differs from the plan');
  }
  const head = await s3.send(new HeadObjectCommand({ Bucket: manifest.archiveBucket, Key: plan.archiveKey }));
  if (head.ContentLength !== manifest.totalBytes) {
    throw new ArchiveVerificationError(
      plan.archiveKey,
      `size ${String(head.ContentLength)} differs from the manifest's total ${manifest.totalBytes}`,
    );
  }
  const expectedParts = partCount(manifest.totalBytes, manifest.partSizeBytes);
  const suffix = /-(\d+)"?$/.exec(head.ETag ?? '');
  const parts = suffix === null ? 1 : Number(suffix[1]);
  if (parts !== expectedParts) {
    throw new ArchiveVerificationError(
      plan.archiveKey,
      `has ${parts} parts where ${expectedParts} were written`,
    );
  }
  return {
    version: 1,
    archiveKey: plan.archiveKey,
    totalBytes: manifest.totalBytes,
    entryCount: manifest.entries.length,
    partCount: parts,
  };
}

/**
 * Deletes exactly `keys` in DeleteObjects batches (at most 1,000 keys each); per-key failures are
 * returned, never dropped. Keys already gone count as deleted (S3 answers so), which is what a rerun
 * after a crash mid-delete needs.
 */
export async function deleteKeys(
  s3: S3Port,
  bucket: string,
  keys: readonly string[],
  batchSize: number,
): Promise<{ deleted: number; failures: DeleteFailure[] }> {
  let deleted = 0;
  const failures: DeleteFailure[] = [];
  for (const batch of deleteBatches(keys, batchSize)) {
    const answer = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    const errors = answer.Errors ?? [];
    for (const error of errors) {
      failures.push({ key: error.Key ?? '', code: error.Code ?? 'Unknown', message: error.Message ?? '' });
    }
    deleted += batch.length - errors.length;
  }
  return { deleted, failures };
}

function commonPrefix(keys: readonly string[]): string {
  let prefix = keys[0] ?? '';
  for (const key of keys) {
    let i = 0;
    while (i < prefix.length && i < key.length && prefix[i] === key[i]) i += 1;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * On a versioned bucket, deletes exactly the archived versions: one paginated ListObjectVersions
 * under the sources' common prefix, the versions whose key and ETag match an archived source, then
 * DeleteObjects by version id. Other versions of the same keys (never archived) are kept, and no
 * delete marker is added. A source with no matching version left counts as already deleted.
 */
export async function deleteArchivedVersions(
  s3: S3Port,
  bucket: string,
  sources: readonly { key: string; etag: string }[],
  batchSize: number,
): Promise<{ deleted: number; failures: DeleteFailure[] }> {
  if (sources.length === 0) return { deleted: 0, failures: [] };
  const wanted = new Map(sources.map((s) => [s.key, s.etag]));
  const targets: { Key: string; VersionId: string }[] = [];
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        Prefix: commonPrefix([...wanted.keys()]),
        ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
        ...(versionMarker === undefined ? {} : { VersionIdMarker: versionMarker }),
      }),
    );
    for (const version of page.Versions ?? []) {
      if (version.Key === undefined || version.VersionId === undefined) continue;
      if (wanted.get(version.Key) === version.ETag)
        targets.push({ Key: version.Key, VersionId: version.VersionId });
    }
    const more = page.IsTruncated === true;
    keyMarker = more ? page.NextKeyMarker : undefined;
    versionMarker = more ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  const failures: DeleteFailure[] = [];
  for (const batch of deleteBatches(targets, batchSize)) {
    const answer = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }),
    );
    for (const error of answer.Errors ?? []) {
      failures.push({ key: error.Key ?? '', code: error.Code ?? 'Unknown', message: error.Message ?? '' });
    }
  }
  return { deleted: sources.length - failures.length, failures };
}

interface VerifiedState {
  readonly manifests: Manifest[];
  readonly unverifiedManifestKeys: string[];
}

async function readState(s3: S3Port, options: AggregationOptions): Promise<VerifiedState> {
  const day = options.date.replaceAll('-', '/');
  // A per-account run reads only its account's archives, not the whole organization's day.
  const scope = options.accountId === undefined ? '' : `${options.accountId}/`;
  const listed = await listObjects(s3, options.archiveBucket, `${options.archivePrefix}/${day}/${scope}`);
  const keys = new Set(listed.map((o) => o.key));
  const manifests: Manifest[] = [];
  const unverifiedManifestKeys: string[] = [];
  for (const key of [...keys].sort()) {
    if (!key.endsWith('.manifest.json')) continue;
    const markerKey = key.replace(/\.manifest\.json$/, '.verified.json');
    if (!keys.has(markerKey)) {
      unverifiedManifestKeys.push(key);
      continue;
    }
    const manifest = await getJson(s3, options.archiveBucket, key, 'manifest', ManifestSchema);
    const marker = await getJson(s3, options.archiveBucket, markerKey, 'marker', VerifiedMarkerSchema);
    if (marker.archiveKey !== manifest.archiveKey || marker.entryCount !== manifest.entries.length) {
      throw new ArchiveVerificationError(manifest.archiveKey, 'its marker does not match its manifest');
    }
    manifests.push(manifest);
  }
  return { manifests, unverifiedManifestKeys };
}

/**
 * The day's sources: the given prefixes; or one account's day prefixes; or, for the whole
 * organization, the accounts found under `{org}/AWSLogs/` and each one's day prefixes (never the
 * whole tree). Account-level prefixes that are not account ids are returned as skipped. A key listed
 * under two overlapping prefixes is kept once.
 */
async function listSources(
  s3: S3Port,
  options: AggregationOptions,
): Promise<{ sources: SourceObject[]; skipped: SkippedSource[] }> {
  const bucket = options.sourceBucket;
  const skipped: SkippedSource[] = [];
  let prefixes = options.prefixes;
  if (prefixes === undefined) {
    let accountIds: string[];
    if (options.accountId === undefined) {
      const accounts = await listAccountIds(s3, { bucket, orgId: options.orgId });
      accountIds = accounts.accountIds;
      for (const key of accounts.skipped) skipped.push({ key, reason: 'not-an-account-prefix' });
    } else accountIds = [options.accountId];
    prefixes = [];
    for (const accountId of accountIds) {
      prefixes.push(
        ...(await dayPrefixes(s3, { bucket, orgId: options.orgId, accountId, date: options.date })),
      );
    }
  }
  const sources = new Map<string, SourceObject>();
  for (const prefix of prefixes) {
    for (const source of await listObjects(s3, bucket, prefix)) sources.set(source.key, source);
  }
  return { sources: [...sources.values()], skipped };
}

/**
 * Aggregates one day of Control Tower logs: lists the sources (paginated; per account and region
 * unless `prefixes` is given), reads the state earlier runs left in S3 (manifests and verified
 * markers; only the account's when `accountId` is set), deletes the remaining sources of archives
 * already verified, plans the rest, and for each new archive streams the sources into a multipart
 * upload, writes the manifest beside it, verifies it, writes the verified marker and only then
 * deletes exactly its sources. A rerun after a crash at any step finishes the work: a verified
 * archive is never rebuilt, an unverified one is rebuilt under the same key (its sources were never
 * deleted), and sources already deleted are not expected. `hooks.shouldStop` ends the run between
 * archives (`complete: false`); a rerun continues.
 *
 * @example
 * ```ts
 * const result = await aggregateDay(
 *   new S3Client({}),
 *   { orgId: 'o-abcdef1234', sourceBucket: 'aws-controltower-logs-…', archiveBucket: 'all-aggregated-logs-…',
 *     archivePrefix: 'control-tower', date: '2026-06-19', accountId: '111122223333' },
 *   { shouldStop: () => context.getRemainingTimeInMillis() < 120_000 },
 * );
 * if (!result.complete) return { again: true };
 * if (result.deleteFailures.length > 0) throw new Error('rerun to finish deleting');
 * ```
 */
export async function aggregateDay(
  s3: S3Port,
  input: unknown,
  hooks: AggregationHooks = {},
): Promise<AggregationResult> {
  const options = parseAggregationOptions(input);
  const listing = await listSources(s3, options);
  const sources = listing.sources;

  const state = await readState(s3, options);
  const archived = new Map<string, string>();
  const firstIndex = new Map<string, number>();
  for (const manifest of state.manifests) {
    for (const entry of manifest.entries) archived.set(entry.key, entry.etag);
    const id = groupId(manifest.group);
    firstIndex.set(id, Math.max(firstIndex.get(id) ?? 0, manifest.index + 1));
  }
  const removeSources = (items: readonly { key: string; etag: string }[]) =>
    options.deleteVersions
      ? deleteArchivedVersions(s3, options.sourceBucket, items, options.deleteBatchSize)
      : deleteKeys(
          s3,
          options.sourceBucket,
          items.map((item) => item.key),
          options.deleteBatchSize,
        );
  const leftovers: { key: string; etag: string }[] = [];
  const changed: { key: string; reason: 'changed-since-archived' }[] = [];
  const fresh: SourceObject[] = [];
  for (const source of sources) {
    const etag = archived.get(source.key);
    if (etag === undefined) fresh.push(source);
    else if (etag === source.etag) leftovers.push(source);
    // Same key, other content: it is neither the archived object (so not deleted) nor new.
    else changed.push({ key: source.key, reason: 'changed-since-archived' });
  }

  let deleted = 0;
  const deleteFailures: DeleteFailure[] = [];
  const record = (outcome: { deleted: number; failures: DeleteFailure[] }): void => {
    deleted += outcome.deleted;
    deleteFailures.push(...outcome.failures);
    if (outcome.deleted > 0 || outcome.failures.length > 0) {
      hooks.onProgress?.({ type: 'deleted', count: outcome.deleted, failures: outcome.failures.length });
    }
  };

  const plan = planArchives({ ...options, sources: fresh, firstIndex });
  hooks.onProgress?.({
    type: 'listed',
    sources: sources.length,
    archives: plan.archives.length,
    alreadyVerified: state.manifests.length,
  });
  record(await removeSources(leftovers));
  const planned = new Set(plan.archives.map((a) => a.manifestKey));
  // Unverified leftovers of a crashed run that the new plan does not overwrite: their sources are
  // all still in place (deletion needs a marker), so the partial archive and manifest can go.
  const stale = state.unverifiedManifestKeys.filter((key) => !planned.has(key));
  if (stale.length > 0) {
    await deleteKeys(
      s3,
      options.archiveBucket,
      stale.flatMap((key) => [key, key.replace(/\.manifest\.json$/, '.gz')]),
      options.deleteBatchSize,
    );
  }

  const built: { archiveKey: string; entries: number; totalBytes: number }[] = [];
  for (const archive of plan.archives) {
    if (hooks.shouldStop?.() === true) break;
    await uploadArchive(s3, archive);
    await putJson(s3, options.archiveBucket, archive.manifestKey, archive.manifest);
    const marker = await verifyArchive(s3, archive);
    await putJson(s3, options.archiveBucket, archive.markerKey, marker);
    record(await removeSources(archive.manifest.entries));
    const { entries, totalBytes, group } = archive.manifest;
    built.push({ archiveKey: archive.archiveKey, entries: entries.length, totalBytes });
    hooks.onProgress?.({
      type: 'archive-built',
      archiveKey: archive.archiveKey,
      group,
      entries: entries.length,
      bytes: totalBytes,
      index: built.length,
      of: plan.archives.length,
    });
  }
  const remainingArchives = plan.archives.length - built.length;
  return {
    built,
    alreadyVerified: state.manifests.length,
    deleted,
    deleteFailures,
    skipped: [...listing.skipped, ...plan.skipped, ...changed],
    complete: remainingArchives === 0,
    remainingArchives,
  };
}
