import { isRecord } from '@soar/common';
import { redact } from '@soar/redaction';

/** An error as a log line shows it: name, message and stack (each redacted like any text). */
function errorAttributes(error: Error): Record<string, unknown> {
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  };
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
