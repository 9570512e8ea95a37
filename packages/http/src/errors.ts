import { SoarError, type SoarErrorContext } from '@soar/common';

/** Base class of every error `@soar/http` throws. HTTP failures, unsafe URLs and unreadable secrets all extend it. */
export class OutboundError extends SoarError {
  public override name = 'OutboundError';
}

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
  readonly context?: SoarErrorContext | undefined;
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
export class HttpError extends OutboundError {
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
export class UnsafeUrlError extends OutboundError {
  public override name = 'UnsafeUrlError';

  /**
   * @param setting - Name of the offending setting, e.g. `jira.baseUrl`.
   * @param reason - What is wrong, phrased to complete "`setting` ...".
   */
  public constructor(
    public readonly setting: string,
    public readonly reason: string,
    context?: SoarErrorContext,
  ) {
    super(`${setting} ${reason}`, context === undefined ? {} : { context });
  }
}

/**
 * Base class of secret failures. Names the secret (its id or ARN), never its value.
 *
 * @example
 * ```ts
 * try {
 *   await secrets.get(secretId, JiraCredentialsSchema);
 * } catch (error) {
 *   if (error instanceof SecretError) console.error('cannot load', error.secretId);
 *   throw error;
 * }
 * ```
 */
export class SecretError extends OutboundError {
  public override name = 'SecretError';

  public constructor(
    public readonly secretId: string,
    message: string,
    options: { cause?: unknown; context?: SoarErrorContext } = {},
  ) {
    super(message, options);
  }
}

/**
 * Secrets Manager could not return the secret (missing, access denied, throttled, no `SecretString`).
 * `awsErrorName` is the SDK error name when there is one.
 *
 * @example
 * ```ts
 * if (error instanceof SecretUnavailableError && error.awsErrorName === 'ResourceNotFoundException') {
 *   console.error(`secret ${error.secretId} does not exist`);
 * }
 * ```
 */
export class SecretUnavailableError extends SecretError {
  public override name = 'SecretUnavailableError';

  public constructor(
    secretId: string,
    message: string,
    public readonly awsErrorName?: string,
    options: { cause?: unknown; context?: SoarErrorContext } = {},
  ) {
    super(secretId, message, options);
  }
}

/**
 * The secret exists but its `SecretString` is not JSON, or a field is missing or invalid. `field` is
 * the dotted path of the first bad field (`(root)` when the JSON itself is bad); the value is never
 * included, and neither is the JSON parser's message (it quotes the input).
 *
 * @example
 * ```ts
 * if (error instanceof SecretFormatError) console.error(`${error.secretId}: fix field ${error.field}`);
 * ```
 */
export class SecretFormatError extends SecretError {
  public override name = 'SecretFormatError';

  public constructor(
    secretId: string,
    public readonly field: string,
    public readonly reason: string,
    context?: SoarErrorContext,
  ) {
    super(
      secretId,
      `secret ${secretId}: ${field === '(root)' ? reason : `field "${field}" ${reason}`}`,
      context === undefined ? {} : { context },
    );
  }
}

/**
 * A channel was used although no secret is configured for it.
 *
 * @example
 * ```ts
 * if (error instanceof SecretNotConfiguredError) console.error(`configure a secret for ${error.channel}`);
 * ```
 */
export class SecretNotConfiguredError extends SecretError {
  public override name = 'SecretNotConfiguredError';

  public constructor(channel: string) {
    super('(not configured)', `no secret is configured for channel ${channel}`, { context: { channel } });
  }
}

/**
 * Channel configuration is invalid (bad priority list, table name, urgency value...). Thrown by
 * constructors, so a misconfiguration fails at start-up, not at the first finding.
 *
 * @example
 * ```ts
 * try {
 *   new JiraTicketSystem({ credentials, issueType: 'Task', priorities: ['Low'] });
 * } catch (error) {
 *   if (error instanceof ChannelConfigurationError) console.error(error.setting);
 * }
 * ```
 */
export class ChannelConfigurationError extends OutboundError {
  public override name = 'ChannelConfigurationError';

  public constructor(
    public readonly setting: string,
    reason: string,
    channel: string,
  ) {
    super(`${channel}: ${setting} ${reason}`, { context: { channel } });
  }
}
