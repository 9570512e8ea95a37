/**
 * `@soar/log-aggregation`: Control Tower log aggregation without data loss: a day's log objects per account, region and type streamed into multipart archives with a manifest, verified, and only then deleted; resumable after a crash at any step.
 *
 * @packageDocumentation
 */
export {};
