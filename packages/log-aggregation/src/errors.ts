import { SoarError, type SoarErrorOptions } from '@soar/common';

/**
 * The base of this package's errors. Aggregation never deletes a source after any of them: deletion
 * happens only once an archive has been verified against its manifest.
 *
 * @example
 * ```ts
 * try {
 *   await aggregateDay(s3, options);
 * } catch (error) {
 *   if (error instanceof LogAggregationError) logger.error(error.message); // sources untouched
 *   throw error;
 * }
 * ```
 */
export class LogAggregationError extends SoarError {
  public override name = 'LogAggregationError';
}

/**
 * The aggregation options, a manifest or a marker are invalid. `field` is the path of the first bad
 * field, such as `partSizeBytes` or `entries.3.size`; the message never quotes the value.
 *
 * @example
 * ```ts
 * try {
 *   parseAggregationOptions({ ...options, partSizeBytes: 1024 });
 * } catch (error) {
 *   if (error instanceof LogAggregationInputError) error.field; // 'partSizeBytes'
 * }
 * ```
 */
export class LogAggregationInputError extends LogAggregationError {
  public override name = 'LogAggregationInputError';
  /** Path of the first problem, such as `partSizeBytes`. */
  public readonly field: string;

  public constructor(what: string, field: string, problem: string, options: SoarErrorOptions = {}) {
    super(`Invalid ${what} at ${field === '' ? '(root)' : field}: ${problem}`, options);
    this.field = field;
  }
}

/**
 * A source changed or did not match its listing while it was being archived (its ETag, its size, or
 * a `.gz` source that is not gzip). The archive is abandoned and no source is deleted.
 *
 * @example
 * ```ts
 * if (error instanceof SourceMismatchError) logger.warn(`${error.key} changed; rerun later`);
 * ```
 */
export class SourceMismatchError extends LogAggregationError {
  public override name = 'SourceMismatchError';
  /** The source key that did not match. */
  public readonly key: string;

  public constructor(key: string, problem: string, options: SoarErrorOptions = {}) {
    super(`Source ${key} ${problem}`, options);
    this.key = key;
  }
}

/**
 * An archive did not match its manifest after upload (size or part count). Its sources are kept.
 *
 * @example
 * ```ts
 * if (error instanceof ArchiveVerificationError) logger.error(error.archiveKey);
 * ```
 */
export class ArchiveVerificationError extends LogAggregationError {
  public override name = 'ArchiveVerificationError';
  /** The archive that failed verification. */
  public readonly archiveKey: string;

  public constructor(archiveKey: string, problem: string) {
    super(`Archive ${archiveKey} failed verification: ${problem}`);
    this.archiveKey = archiveKey;
  }
}
