import { TicketingError, type TicketingErrorContext } from '../errors';

/** Why an HTTP exchange failed. */
export type HttpFailureReason =
  /** The server answered with a status the caller does not accept (by default: not 2xx). */
  | 'status'
  /** No complete answer within the per-attempt timeout. */
  | 'timeout'
  /** The connection failed (DNS, refused, reset, TLS...). */
  | 'network'
  /** The caller's `AbortSignal` fired. */
  | 'aborted'
  /** The server answered 2xx, but the body is not what the API documents. */
  | 'invalid-response';

/** Constructor options of {@link HttpError}. */
export interface HttpErrorOptions {
  readonly reason: HttpFailureReason;
  readonly method: string;
  /** The request URL, already redacted with {@link redactUrl}. */
  readonly url: string;
  readonly status?: number | undefined;
  /** At most a few hundred characters of the response body, control characters removed. */
  readonly bodyExcerpt?: string | undefined;
  /** How many attempts were made (1 = no retry). */
  readonly attempts: number;
  readonly cause?: unknown;
  readonly context?: TicketingErrorContext | undefined;
}

/**
 * An HTTP call failed. Carries the method, a redacted URL (no credentials, no query values, and no
 * path for secret webhook URLs), the status and a short body excerpt. It never carries request
 * headers, so an `Authorization` header or bearer token cannot leak through it into logs.
 *
 * @example
 * ```ts
 * try {
 *   await http.request({ method: 'GET', url: 'https://example.atlassian.net/rest/api/3/myself' });
 * } catch (error) {
 *   if (error instanceof HttpError && error.status === 401) console.error('bad Jira credentials', error.url);
 *   throw error;
 * }
 * ```
 */
export class HttpError extends TicketingError {
  public override name = 'HttpError';
  public readonly reason: HttpFailureReason;
  public readonly method: string;
  public readonly url: string;
  public readonly status: number | undefined;
  public readonly bodyExcerpt: string | undefined;
  public readonly attempts: number;

  public constructor(message: string, options: HttpErrorOptions) {
    super(message, {
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      ...(options.context === undefined ? {} : { context: options.context }),
    });
    this.reason = options.reason;
    this.method = options.method;
    this.url = options.url;
    this.status = options.status;
    this.bodyExcerpt = options.bodyExcerpt;
    this.attempts = options.attempts;
  }

  /** True when retrying later (another invocation) may succeed: timeouts, network errors, 429, 5xx. */
  public get transient(): boolean {
    if (this.reason === 'timeout' || this.reason === 'network') return true;
    return this.status !== undefined && (this.status === 429 || this.status >= 500);
  }
}

/**
 * A URL from configuration or a secret breaks the URL policy (not https, embedded credentials, a
 * host that is not allowed...). The message names the setting, never the URL itself, because
 * webhook URLs are secrets.
 *
 * @example
 * ```ts
 * try {
 *   parseBaseUrl('http://jira.example.com', { name: 'jira.baseUrl' });
 * } catch (error) {
 *   if (error instanceof UnsafeUrlError) console.error(error.setting); // 'jira.baseUrl'
 * }
 * ```
 */
export class UnsafeUrlError extends TicketingError {
  public override name = 'UnsafeUrlError';

  /**
   * @param setting - Name of the offending setting, e.g. `jira.baseUrl`.
   * @param reason - What is wrong, phrased to complete "`setting` ...".
   */
  public constructor(
    public readonly setting: string,
    public readonly reason: string,
    context?: TicketingErrorContext,
  ) {
    super(`${setting} ${reason}`, context === undefined ? {} : { context });
  }
}
