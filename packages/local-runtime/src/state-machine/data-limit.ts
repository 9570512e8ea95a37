import { type AslState } from './asl';

/**
 * The most Step Functions accepts as an execution input, or as the input or output of a state:
 * 256 KiB of JSON, counted in UTF-8 bytes.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
 */
export const STATE_PAYLOAD_LIMIT_BYTES = 262_144;

/** The error name Step Functions gives a payload over {@link STATE_PAYLOAD_LIMIT_BYTES}. */
export const DATA_LIMIT_EXCEEDED = 'States.DataLimitExceeded';

/**
 * The size of a JSON value as Step Functions counts it: the UTF-8 bytes of its JSON text.
 * `undefined` counts as `null`, as it reaches the next state.
 *
 * @example
 * ```ts
 * payloadBytes({ a: 'é' }); // 10: {"a":"é"} is 9 characters, and "é" takes 2 bytes
 * ```
 */
export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

/** Writes a byte count for people: `300,000 bytes`. */
function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} bytes`;
}

/** What went over the limit, for the `Cause`. */
export type OversizePart = 'input' | 'output' | 'result';

/**
 * The failure for a payload over the limit, as aws-local-stepfunctions handles errors: its `name`
 * is the Step Functions `Error` that `Retry` and `Catch` compare, its `message` the `Cause`, and
 * `isRetryable` / `isCatchable` say whether a `Retry` or `Catch` may take it at all (the library
 * reads both). An internal carrier, like `TaskFailure`, not one of this package's errors.
 */
export class DataLimitExceeded extends Error {
  public readonly isRetryable: boolean;
  public readonly isCatchable: boolean;

  public constructor(
    message: string,
    handling: { readonly isRetryable: boolean; readonly isCatchable: boolean },
  ) {
    super(message);
    this.name = DATA_LIMIT_EXCEEDED;
    this.isRetryable = handling.isRetryable;
    this.isCatchable = handling.isCatchable;
  }
}

/**
 * Whether the first `Retry` or `Catch` entry that aws-local-stepfunctions would pick for a
 * `States.DataLimitExceeded` error names that error itself. The library picks the first entry with
 * the error's name, `States.ALL`, or (in a Task state) `States.TaskFailed`; Step Functions never
 * lets those two wildcards take this error, so it may only be taken when the library's pick is an
 * entry that names it.
 */
export function firstPickNamesDataLimit(entries: unknown, stateType: string): boolean {
  if (!Array.isArray(entries)) return false;
  for (const entry of entries) {
    const names: unknown =
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['ErrorEquals'] : [];
    const list = Array.isArray(names) ? names : [];
    if (list.includes(DATA_LIMIT_EXCEEDED)) return true;
    if (list.includes('States.ALL') || (stateType === 'Task' && list.includes('States.TaskFailed')))
      return false;
  }
  return false;
}

/**
 * The failure of a Task state whose integration (the Lambda function or the AWS API) returned more
 * than {@link STATE_PAYLOAD_LIMIT_BYTES}. Step Functions lets a `Retry` or `Catch` that names
 * `States.DataLimitExceeded` take it, never `States.ALL` nor `States.TaskFailed`.
 *
 * @example
 * ```ts
 * throw taskResultTooLarge('Enrich', state, 300_000);
 * ```
 */
export function taskResultTooLarge(stateName: string, state: AslState, size: number): DataLimitExceeded {
  return new DataLimitExceeded(
    `The task state "${stateName}" got a result of ${bytes(size)}; Step Functions accepts at most ` +
      `${bytes(STATE_PAYLOAD_LIMIT_BYTES)} (256 KiB). Return a reference (an S3 key, a table key) instead of the data.`,
    {
      isRetryable: firstPickNamesDataLimit(state['Retry'], state.Type),
      isCatchable: firstPickNamesDataLimit(state['Catch'], state.Type),
    },
  );
}

/**
 * The failure of a state whose input (after `InputPath` and `Parameters`) or output is over
 * {@link STATE_PAYLOAD_LIMIT_BYTES}. Step Functions ends the execution with it: it is a terminal
 * error, so no `Retry` or `Catch` takes it, not even one of an enclosing Map or Parallel state.
 *
 * @example
 * ```ts
 * throw statePayloadTooLarge('Merge', 'output', 300_000);
 * ```
 */
export function statePayloadTooLarge(stateName: string, part: OversizePart, size: number): DataLimitExceeded {
  return new DataLimitExceeded(
    `The ${part} of state "${stateName}" is ${bytes(size)} of JSON; Step Functions accepts at most ` +
      `${bytes(STATE_PAYLOAD_LIMIT_BYTES)} (256 KiB) per state input or output. ` +
      'Keep large data out of the state and pass a reference (an S3 key, a table key) instead.',
    { isRetryable: false, isCatchable: false },
  );
}
