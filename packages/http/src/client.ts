import type * as z from 'zod';

import type { SoarErrorContext } from '@soar/common';
import { HttpError, type HttpFailureReason } from './errors';
import { bodyExcerpt, redactUrl } from './redact';

/** HTTP methods the channels use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP call. Exactly one of `json`, `form` or `body` may be given. */
export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL | string;
  /** Extra headers (e.g. `Authorization`). They are sent, never stored in errors or retry events. */
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; sets `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Form body; sets `Content-Type: application/x-www-form-urlencoded`. */
  readonly form?: Readonly<Record<string, string>>;
  /** Raw body with the caller's own `Content-Type`. */
  readonly body?: string;
  /** Per-attempt timeout in milliseconds (connect + response + body). Default: the client's. */
  readonly timeoutMs?: number;
  /** Attempts in total (1 = no retry). Default: the client's. */
  readonly maxAttempts?: number;
  /**
   * Whether repeating the request is harmless. Default `true` for GET, PUT, PATCH and DELETE,
   * `false` for POST. A non-idempotent request is retried only when it certainly did not reach the
   * server: 429 (rejected without processing) and connection failures (refused, DNS). Timeouts and
   * 5xx are not retried for it, since the server may have acted on it (a duplicate ticket).
   */
  readonly idempotent?: boolean;
  /** Hide the URL path in errors and events (for webhook URLs whose path is the secret). */
  readonly redactPath?: boolean;
  /** Statuses that count as success. Default: 200-299. */
  readonly acceptStatus?: (status: number) => boolean;
  /** Cancels the request (and its retries). */
  readonly signal?: AbortSignal;
  /** Attached to errors, so they can be routed without the request. */
  readonly context?: SoarErrorContext;
}

/** A response with an accepted status. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text (`''` when empty). */
  readonly body: string;
  /** How many attempts it took. */
  readonly attempts: number;
}

/** Emitted before each retry, for logging. Carries no header, body or secret. */
export interface HttpRetryEvent {
  readonly method: string;
  /** Redacted URL. */
  readonly url: string;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: HttpFailureReason;
  readonly status?: number | undefined;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** The `fetch` to use. Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Waits between attempts. Default: `setTimeout`. Tests inject an instant one. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Random number in [0, 1) for jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Current time in epoch ms, for `Retry-After` dates. Default `Date.now`. */
  readonly now?: () => number;
  /** Per-attempt timeout. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Makes the signal that ends one attempt after `ms` milliseconds. Default `AbortSignal.timeout`.
   * Tests inject signals they abort themselves, so no test waits for a real clock.
   */
  readonly timeoutSignal?: (ms: number) => AbortSignal;
  /** Attempts in total. Default 3. */
  readonly maxAttempts?: number;
  /** First backoff delay; doubles each retry. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** Largest backoff delay. Default 5 000 ms. */
  readonly maxDelayMs?: number;
  /** Largest wait taken from a `Retry-After` header. Default 20 000 ms. */
  readonly maxRetryAfterMs?: number;
  /** Called before each retry (for logs/metrics). */
  readonly onRetry?: (event: HttpRetryEvent) => void;
  /** `User-Agent` header. Default `soar-ticketing`. */
  readonly userAgent?: string;
}

/** A small typed HTTP client over `fetch` with timeouts and bounded retries. */
export interface HttpClient {
  /**
   * Sends the request, retrying transient failures; resolves with an accepted response.
   *
   * @throws {@link HttpError} on a rejected status, a timeout, a network error or an abort.
   *
   * @example
   * ```ts
   * const response = await http.request({ method: 'GET', url: 'https://api.example.com/health', timeoutMs: 2_000 });
   * response.status; // 200
   * ```
   */
  request(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Like {@link HttpClient.request}, then parses the body as JSON (an empty body as `undefined`)
   * with `schema`.
   *
   * @throws {@link HttpError} with reason `invalid-response` when the body does not match.
   *
   * @example
   * ```ts
   * const issue = await http.requestJson(
   *   { method: 'POST', url, headers: { authorization }, json: { fields } },
   *   z.object({ key: z.string() }),
   * );
   * ```
   */
  requestJson<T>(request: HttpRequest, schema: z.ZodType<T>): Promise<T>;
}

/** Defaults of {@link createHttpClient}. */
export const HTTP_DEFAULTS = {
  timeoutMs: 10_000,
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 20_000,
} as const;

/** Error codes of connection failures that happen before a request reaches the server. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

type Outcome =
  | { readonly kind: 'response'; readonly response: HttpResponse }
  | {
      readonly kind: 'failure';
      readonly reason: HttpFailureReason;
      readonly status?: number;
      readonly body?: string;
      readonly retryAfterMs?: number | undefined;
      readonly notSent?: boolean;
      readonly cause?: unknown;
    };

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/**
 * Parses a `Retry-After` header (delta seconds or an HTTP date) into milliseconds from `now`.
 *
 * @example
 * ```ts
 * parseRetryAfter('2', Date.now()); // 2000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:50 GMT')); // 10000
 * ```
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/u.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function requestBody(request: HttpRequest): { body?: string; contentType?: string } {
  if (request.json !== undefined)
    return { body: JSON.stringify(request.json), contentType: 'application/json' };
  if (request.form !== undefined) {
    return {
      body: new URLSearchParams(Object.entries(request.form)).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  return request.body === undefined ? {} : { body: request.body };
}

/**
 * Creates an {@link HttpClient}: per-attempt timeout (`AbortSignal.timeout`), bounded retries with
 * exponential backoff and jitter on network errors, timeouts, 429 (honouring `Retry-After`, capped)
 * and 5xx; other 4xx fail at once. Errors are {@link HttpError}s with a redacted URL and a short body
 * excerpt, never headers.
 *
 * @example
 * ```ts
 * const http = createHttpClient({ timeoutMs: 5_000, maxAttempts: 3 });
 * const response = await http.request({
 *   method: 'POST',
 *   url: 'https://hooks.slack.com/services/T000/B000/XXXX',
 *   json: { text: 'hello' },
 *   idempotent: true,
 *   redactPath: true,
 * });
 * ```
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const defaultTimeoutMs = options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
  const timeoutSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  const defaultMaxAttempts = options.maxAttempts ?? HTTP_DEFAULTS.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? HTTP_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? HTTP_DEFAULTS.maxDelayMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? HTTP_DEFAULTS.maxRetryAfterMs;
  const userAgent = options.userAgent ?? 'soar-ticketing';

  async function attempt(request: HttpRequest, timeoutMs: number, attemptNo: number): Promise<Outcome> {
    const { body, contentType } = requestBody(request);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': userAgent,
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
      ...request.headers,
    };
    const timeout = timeoutSignal(timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
    try {
      const response = await fetchImpl(request.url.toString(), {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal,
        redirect: 'manual',
      });
      const text = await response.text();
      const accept = request.acceptStatus ?? ((status: number) => status >= 200 && status < 300);
      if (accept(response.status)) {
        return {
          kind: 'response',
          response: { status: response.status, headers: response.headers, body: text, attempts: attemptNo },
        };
      }
      const retryAfterMs =
        response.status === 429 || response.status === 503
          ? parseRetryAfter(response.headers.get('retry-after'), now())
          : undefined;
      return { kind: 'failure', reason: 'status', status: response.status, body: text, retryAfterMs };
    } catch (error) {
      if (request.signal?.aborted === true) return { kind: 'failure', reason: 'aborted', cause: error };
      if (timeout.aborted || isNamed(error, 'TimeoutError')) {
        return { kind: 'failure', reason: 'timeout' };
      }
      const code = errorCode(error);
      return {
        kind: 'failure',
        reason: 'network',
        notSent: code !== undefined && NOT_SENT_CODES.has(code),
        cause: error,
      };
    }
  }

  function retryable(outcome: Extract<Outcome, { kind: 'failure' }>, idempotent: boolean): boolean {
    if (outcome.reason === 'aborted') return false;
    if (outcome.reason === 'status') {
      const status = outcome.status ?? 0;
      if (status === 429) return true;
      return idempotent && status >= 500;
    }
    if (outcome.reason === 'network') return idempotent || outcome.notSent === true;
    return outcome.reason === 'timeout' && idempotent;
  }

  function backoff(attemptNo: number): number {
    const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNo - 1));
    return Math.round(exponential / 2 + random() * (exponential / 2));
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
    const maxAttempts = Math.max(1, Math.floor(req.maxAttempts ?? defaultMaxAttempts));
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const url = redactUrl(req.url, { redactPath: req.redactPath === true });
    for (let attemptNo = 1; ; attemptNo += 1) {
      const outcome = await attempt(req, timeoutMs, attemptNo);
      if (outcome.kind === 'response') return outcome.response;
      if (attemptNo < maxAttempts && retryable(outcome, idempotent)) {
        const delayMs =
          outcome.retryAfterMs === undefined
            ? backoff(attemptNo)
            : Math.min(outcome.retryAfterMs, maxRetryAfterMs);
        options.onRetry?.({
          method: req.method,
          url,
          attempt: attemptNo,
          delayMs,
          reason: outcome.reason,
          status: outcome.status,
        });
        await sleep(delayMs);
        if (req.signal?.aborted === true) {
          throw new HttpError(`${req.method} ${url} aborted`, {
            reason: 'aborted',
            method: req.method,
            url,
            attempts: attemptNo,
            context: req.context,
          });
        }
        continue;
      }
      const what =
        outcome.reason === 'status'
          ? `HTTP ${String(outcome.status)}`
          : outcome.reason === 'timeout'
            ? `timed out after ${String(timeoutMs)} ms`
            : outcome.reason === 'aborted'
              ? 'aborted'
              : 'network error';
      const excerpt = outcome.body === undefined ? undefined : bodyExcerpt(outcome.body);
      const attempts = attemptNo === 1 ? '' : ` after ${String(attemptNo)} attempts`;
      throw new HttpError(`${req.method} ${url} failed: ${what}${attempts}${excerpt ? `: ${excerpt}` : ''}`, {
        reason: outcome.reason,
        method: req.method,
        url,
        status: outcome.status,
        bodyExcerpt: excerpt,
        attempts: attemptNo,
        cause: outcome.cause,
        context: req.context,
      });
    }
  }

  async function requestJson<T>(req: HttpRequest, schema: z.ZodType<T>): Promise<T> {
    const response = await request(req);
    const url = redactUrl(req.url, { redactPath: req.redactPath === true });
    const invalid = (detail: string): HttpError =>
      new HttpError(`${req.method} ${url} returned an unexpected body: ${detail}`, {
        reason: 'invalid-response',
        method: req.method,
        url,
        status: response.status,
        bodyExcerpt: bodyExcerpt(response.body),
        attempts: response.attempts,
        context: req.context,
      });
    let parsed: unknown;
    try {
      parsed = response.body.trim() === '' ? undefined : JSON.parse(response.body);
    } catch {
      throw invalid('not JSON');
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
      throw invalid(`${path}: ${issue?.message ?? 'invalid'}`);
    }
    return result.data;
  }

  return { request, requestJson };
}

/**
 * The value of a basic `Authorization` header.
 *
 * @example
 * ```ts
 * basicAuth('bot@example.com', apiToken); // 'Basic Ym90QGV4YW1wbGUuY29tOi4uLg=='
 * ```
 */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
