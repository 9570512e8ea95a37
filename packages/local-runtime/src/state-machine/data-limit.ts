/** Step Functions' limit on an execution input and on each state input or output: 256 KiB of JSON in UTF-8. */
export const STATE_PAYLOAD_LIMIT_BYTES = 262_144;

/** The size of a JSON value as Step Functions counts it: the UTF-8 bytes of its JSON text. */
export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

/**
 * `States.DataLimitExceeded` for `value` (`what`: `output of state "Merge"`) when it is over the limit.
 * A terminal error on AWS: `isRetryable` and `isCatchable` (read by aws-local-stepfunctions) keep every
 * Retry and Catch from it, `States.ALL` and those of enclosing Map and Parallel states included.
 */
export function overLimit(value: unknown, what: string): Error | undefined {
  const size = payloadBytes(value);
  if (size <= STATE_PAYLOAD_LIMIT_BYTES) return undefined;
  const error = new Error(
    `The ${what} is ${size.toLocaleString('en-US')} bytes of JSON; Step Functions accepts at most 262,144 ` +
      'bytes (256 KiB). Pass a reference to large data (an S3 key, a table key) instead of the data.',
  );
  return Object.assign(error, { name: 'States.DataLimitExceeded', isRetryable: false, isCatchable: false });
}
