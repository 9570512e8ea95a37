import { TicketingError, type TicketingErrorContext } from '../errors';

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
export class SecretError extends TicketingError {
  public override name = 'SecretError';

  public constructor(
    public readonly secretId: string,
    message: string,
    options: { cause?: unknown; context?: TicketingErrorContext } = {},
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
    options: { cause?: unknown; context?: TicketingErrorContext } = {},
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
    context?: TicketingErrorContext,
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
