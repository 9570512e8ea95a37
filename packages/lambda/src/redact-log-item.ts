import { isRecord } from '@soar/common';
import { redact } from '@soar/redaction';

/** How deep a chain of causes is written: deeper causes are left out, and the line says so. */
const MAX_CAUSE_DEPTH = 5;

/**
 * An error as a log line shows it: name, message, stack, its own fields (a `SoarError`'s context:
 * control id, resource ARN) and its cause, itself an error or a value (each redacted like any text).
 */
function errorAttributes(error: Error, depth = 0): Record<string, unknown> {
  const { name, message, stack, cause } = error;
  const own = Object.fromEntries(
    Object.entries(error).filter(([key]) => !['name', 'message', 'stack', 'cause'].includes(key)),
  );
  const causeAttributes =
    cause === undefined
      ? {}
      : {
          cause:
            cause instanceof Error
              ? depth + 1 < MAX_CAUSE_DEPTH
                ? errorAttributes(cause, depth + 1)
                : `${cause.name}: ${cause.message} (deeper causes left out)`
              : cause,
        };
  return { ...own, name, message, ...(stack === undefined ? {} : { stack }), ...causeAttributes };
}

/**
 * A Powertools `jsonReplacerFn` that redacts a whole log line before it is written: the message and
 * every attribute pass through `redact` of `@soar/redaction` (environment variable values, values
 * under secret-looking keys, private keys and tokens in text become `[redacted]`), and a line that
 * lost values says how many in `redacted_values`. Only the line itself (the key `''` of
 * `JSON.stringify`) is redacted, once; the values inside it are already safe when the serialiser
 * reaches them.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * const logger = new Logger({ serviceName: 'soar', jsonReplacerFn: redactLogItem });
 * logger.info('Read the task definition', { Environment: [{ Name: 'DB_PASSWORD', Value: 'hunter2' }] });
 * // {"level":"INFO","message":"Read the task definition",...,
 * //  "Environment":[{"Name":"DB_PASSWORD","Value":"[redacted]"}],"redacted_values":1}
 * ```
 */
export function redactLogItem(key: string, value: unknown): unknown {
  if (key !== '' || !isRecord(value)) return value;
  const spelled = Object.fromEntries(
    Object.entries(value).map(([name, entry]) => [
      name,
      entry instanceof Error ? errorAttributes(entry) : entry,
    ]),
  );
  const { value: safe, redacted } = redact(spelled);
  return redacted === 0 || !isRecord(safe) ? safe : { ...safe, redacted_values: redacted };
}
