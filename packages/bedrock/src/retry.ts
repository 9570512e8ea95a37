import { redact } from '@soar/redaction';
import { truncateChars } from '@soar/common';

import type { AiFailure } from './model';

/** What one failed attempt means: the failure it reports, and whether another attempt may help. */
export interface AttemptVerdict {
  readonly failure: AiFailure;
  readonly retryable: boolean;
}

/**
 * Bedrock Runtime's error names and what each means for SOAR. Throttling and short unavailability
 * are retried; a model that took too long is not (the same prompt would be as slow, and the Lambda's
 * budget must hold); refusals (access, missing model, a malformed request) never change on retry.
 */
const VERDICTS: Readonly<Record<string, AttemptVerdict>> = {
  ThrottlingException: { failure: 'throttled', retryable: true },
  ServiceUnavailableException: { failure: 'error', retryable: true },
  ModelNotReadyException: { failure: 'error', retryable: true },
  InternalServerException: { failure: 'error', retryable: true },
  ServiceQuotaExceededException: { failure: 'throttled', retryable: false },
  AccessDeniedException: { failure: 'access_denied', retryable: false },
  ResourceNotFoundException: { failure: 'model_not_found', retryable: false },
  ValidationException: { failure: 'validation', retryable: false },
  ModelTimeoutException: { failure: 'timeout', retryable: false },
  // The SDK's own socket timeout, when the client was built with one.
  TimeoutError: { failure: 'timeout', retryable: false },
};

const OTHER: AttemptVerdict = { failure: 'error', retryable: false };

/** The name of an error as the SDK sets it (`ThrottlingException`), or `''`. */
export function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const name: unknown = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}

/**
 * Classifies an error thrown by `client.send(ConverseCommand)`.
 *
 * @example
 * ```ts
 * verdictOf(new ThrottlingException({ message: 'Too many requests', $metadata: {} }));
 * // { failure: 'throttled', retryable: true }
 * ```
 */
export function verdictOf(error: unknown): AttemptVerdict {
  return VERDICTS[errorName(error)] ?? OTHER;
}

/**
 * The wait before attempt `attempt + 1`, in milliseconds: exponential from `baseMs`, capped at
 * `maxMs`, half of it random (so the functions throttled together do not retry together).
 *
 * @example
 * ```ts
 * backoffMs(1, () => 0.5, 1_000, 10_000); // 750
 * backoffMs(2, () => 0.5, 1_000, 10_000); // 1500
 * ```
 */
export function backoffMs(attempt: number, random: () => number, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * A one-line description of an error for `AiResult.detail`: name and message, secrets replaced, cut
 * to 300 characters (an SDK message may echo a part of the request).
 *
 * @example
 * ```ts
 * describeFailure(new Error('boom')); // 'Error: boom'
 * ```
 */
export function describeFailure(error: unknown): string {
  const name = errorName(error);
  const message: unknown =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  const line = (name === '' ? text : `${name}: ${text}`).replace(/\s+/g, ' ').trim();
  return truncateChars(redact(line).value, 300);
}
