/**
 * `@soar/log-aggregation`: Control Tower log aggregation without data loss: a day's log objects per
 * account, region and type streamed into multipart archives with a manifest, verified, and only then
 * deleted; resumable after a crash at any step. This entry is the pure planning; the S3 steps are
 * behind `@soar/log-aggregation/aws`.
 *
 * @packageDocumentation
 */
export {
  LogAggregationError,
  LogAggregationInputError,
  SourceMismatchError,
  ArchiveVerificationError,
} from './errors';
export {
  AggregationOptionsSchema,
  ManifestEntrySchema,
  ManifestSchema,
  VerifiedMarkerSchema,
  MIN_PART_SIZE_BYTES,
  MAX_PART_SIZE_BYTES,
  MAX_DELETE_BATCH,
  parseAggregationOptions,
  type AggregationOptions,
  type AggregationOptionsInput,
  type ArchiveGroup,
  type Manifest,
  type ManifestEntry,
  type VerifiedMarker,
} from './schemas';
export {
  accountRoots,
  archiveKeys,
  dayKeyPrefixes,
  deleteBatches,
  groupId,
  parseSourceKey,
  partCount,
  planArchives,
  type ArchiveKeys,
  type ArchivePlan,
  type Plan,
  type PlanInput,
  type SkippedSource,
  type SourceObject,
} from './plan';
