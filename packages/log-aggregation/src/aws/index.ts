/**
 * `@soar/log-aggregation/aws`: the S3 steps of a day's aggregation (on their own entry, so the pure
 * planning loads without the AWS SDK).
 *
 * @packageDocumentation
 */
export {
  aggregateDay,
  deleteArchivedVersions,
  deleteKeys,
  listObjects,
  uploadArchive,
  verifyArchive,
  type AggregationResult,
  type DeleteFailure,
  type S3Port,
} from './s3-aggregator';
