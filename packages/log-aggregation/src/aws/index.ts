/**
 * `@soar/log-aggregation/aws`: the S3 steps of a day's aggregation (on their own entry, so the pure
 * planning loads without the AWS SDK).
 *
 * @packageDocumentation
 */
export {
  dayPrefixes,
  listAccountIds,
  listCommonPrefixes,
  type AccountListingInput,
  type DayPrefixesInput,
  type S3Port,
} from './discovery';
export {
  aggregateDay,
  deleteArchivedVersions,
  deleteKeys,
  listObjects,
  uploadArchive,
  verifyArchive,
  type AggregationHooks,
  type AggregationProgress,
  type AggregationResult,
  type DeleteFailure,
} from './s3-aggregator';
