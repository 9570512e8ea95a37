import { SoarError, type SoarErrorContext } from '@soar/common';

/** Base class of every error `@soar/sentinel` throws. */
export class SentinelError extends SoarError {
  public override name = 'SentinelError';
}

/**
 * A Sentinel request would exceed the Logs Ingestion API's 1 MB limit even after the record's
 * large fields were capped.
 *
 * @example
 * ```ts
 * if (error instanceof SentinelPayloadTooLargeError) console.error(error.bytes, error.limit);
 * ```
 */
export class SentinelPayloadTooLargeError extends SentinelError {
  public override name = 'SentinelPayloadTooLargeError';

  public constructor(
    public readonly bytes: number,
    public readonly limit: number,
    context: SoarErrorContext = {},
  ) {
    super(`sentinel payload of ${String(bytes)} bytes exceeds the ${String(limit)}-byte limit`, {
      context: { ...context, channel: 'sentinel' },
    });
  }
}
