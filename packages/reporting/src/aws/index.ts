/**
 * `@soar/reporting/aws`: the AWS adapters of the weekly report (on their own entry, so the pure
 * assembly and rendering load without the AWS SDK).
 *
 * @packageDocumentation
 */
export { s3ReportStore, type S3ReportStoreOptions } from './s3-store';
