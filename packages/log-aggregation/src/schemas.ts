import * as z from 'zod';
import { LogAggregationInputError } from './errors';

const MIB = 1024 * 1024;
/** S3's smallest part size for every part but the last. */
export const MIN_PART_SIZE_BYTES = 5 * MIB;
/** S3's largest part size. */
export const MAX_PART_SIZE_BYTES = 5 * 1024 * MIB;
/** DeleteObjects accepts at most this many keys per call. */
export const MAX_DELETE_BATCH = 1000;

const trimmed = (): z.ZodString => z.string().trim().min(1);
const isoDate = (): z.ZodString => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** The archive group a source belongs to: one account, region, log type and day. */
const groupShape = () => ({
  accountId: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
  region: trimmed(),
  logType: trimmed(),
  date: isoDate(),
});

/**
 * One source inside an archive: its full key (so sources that share a basename stay apart), its
 * size and ETag as listed, and the byte offset where its bytes start in the archive.
 */
export const ManifestEntrySchema = z.lazy(() =>
  z.strictObject({
    key: trimmed(),
    size: z.number().int().nonnegative(),
    etag: trimmed(),
    offset: z.number().int().nonnegative(),
  }),
);
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

/**
 * The manifest written beside an archive: every source, in archive order, with the totals that
 * verification compares the archive against.
 */
export const ManifestSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(1),
    sourceBucket: trimmed(),
    archiveBucket: trimmed(),
    archiveKey: trimmed(),
    group: z.strictObject(groupShape()),
    index: z.number().int().nonnegative(),
    partSizeBytes: z.number().int().min(MIN_PART_SIZE_BYTES).max(MAX_PART_SIZE_BYTES),
    totalBytes: z.number().int().nonnegative(),
    entries: z.array(ManifestEntrySchema).min(1),
  }),
);
export type Manifest = z.infer<typeof ManifestSchema>;
export type ArchiveGroup = Manifest['group'];

/** The marker written once an archive is verified: from then on its sources may be deleted. */
export const VerifiedMarkerSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(1),
    archiveKey: trimmed(),
    totalBytes: z.number().int().nonnegative(),
    entryCount: z.number().int().positive(),
    partCount: z.number().int().positive(),
  }),
);
export type VerifiedMarker = z.infer<typeof VerifiedMarkerSchema>;

/** Options of a day's aggregation. Unknown keys are errors. */
export const AggregationOptionsSchema = z.lazy(() =>
  z.strictObject({
    /** The Control Tower organization id, the root of the log keys (`o-…`). */
    orgId: z
      .string()
      .trim()
      .regex(/^o-[a-z0-9]{10,32}$/, 'expected an organization id such as o-abcdef1234'),
    sourceBucket: trimmed(),
    /** Where archives, manifests and markers go; may be the source bucket. */
    archiveBucket: trimmed(),
    /** Key prefix of archives, manifests and markers (no leading or trailing `/`). */
    archivePrefix: trimmed().regex(/^[^/](.*[^/])?$/, 'expected no leading or trailing /'),
    date: isoDate(),
    /**
     * Scopes the run to one account: its day prefixes are listed (unless `prefixes` is given), only
     * its sources are archived, and only its part of the day's archive state is read.
     */
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'expected a 12-digit account id')
      .optional(),
    /**
     * Key prefixes listed for the day's sources; by default each account's day prefixes are
     * discovered (every log type and region, both Control Tower layouts).
     */
    prefixes: z.array(trimmed()).min(1).optional(),
    partSizeBytes: z
      .number()
      .int()
      .min(MIN_PART_SIZE_BYTES)
      .max(MAX_PART_SIZE_BYTES)
      .default(8 * MIB),
    /** An archive is split before it would exceed this size (a single larger source gets its own). */
    maxArchiveBytes: z
      .number()
      .int()
      .positive()
      .default(1024 * MIB),
    deleteBatchSize: z.number().int().min(1).max(MAX_DELETE_BATCH).default(MAX_DELETE_BATCH),
    /**
     * On a versioned source bucket, deletes the archived version itself (by version id, matched on
     * its ETag) instead of adding a delete marker. Other versions of the key are kept.
     */
    deleteVersions: z.boolean().default(false),
  }),
);
export type AggregationOptionsInput = z.input<typeof AggregationOptionsSchema>;
export type AggregationOptions = z.output<typeof AggregationOptionsSchema>;

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue === undefined ? '' : issue.path.join('.'), message: issue?.message ?? 'invalid' };
}

/** Parses `value` with `schema`, throwing {@link LogAggregationInputError} naming the first bad field. */
export function parseWith<T>(what: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = firstIssue(result.error);
  throw new LogAggregationInputError(what, field, message);
}

/**
 * Validates aggregation options: lists trimmed, unknown keys rejected, the part size within S3's
 * limits (at least 5 MiB, since every part but the last must be).
 *
 * @example
 * ```ts
 * const options = parseAggregationOptions({ orgId: 'o-abcdef1234', sourceBucket, archiveBucket, archivePrefix: 'archives', date: '2026-06-19' });
 * ```
 */
export function parseAggregationOptions(input: unknown): AggregationOptions {
  return parseWith('aggregation options', AggregationOptionsSchema, input);
}
