import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type * as z from 'zod';

import { sdk } from './sdk';
import { SecretFormatError, SecretUnavailableError } from '../errors';

/** Reads and validates JSON secrets. */
export interface SecretsProvider {
  /**
   * The secret `secretId` parsed as JSON and validated with `schema`. Served from memory while
   * younger than the TTL; concurrent callers share one `GetSecretValue` call.
   *
   * @throws {@link SecretUnavailableError} when Secrets Manager cannot return it.
   * @throws {@link SecretFormatError} when it is not JSON or does not match `schema`.
   *
   * @example
   * ```ts
   * const { webhookUrl } = await secrets.get('soar/slack', WebhookCredentialsSchema);
   * ```
   */
  get<T>(secretId: string, schema: z.ZodType<T>): Promise<T>;
  /**
   * Forgets one cached secret (e.g. after a 401), or all of them.
   *
   * @example
   * ```ts
   * secrets.invalidate('soar/jira'); // the next get() reads Secrets Manager again
   * ```
   */
  invalidate(secretId?: string): void;
}

/** Options of {@link createSecretsProvider}. */
export interface SecretsProviderOptions {
  /**
   * The client, or a factory called on first use (so nothing is created, and no AWS call made,
   * for channels that are not configured). Default: `new SecretsManagerClient({})`.
   */
  readonly client?: SecretsManagerClient | (() => SecretsManagerClient);
  /** How long a secret is served from memory. Default 5 minutes. */
  readonly ttlMs?: number;
  /** Current time in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

/** Default time a secret stays in memory. */
export const DEFAULT_SECRET_TTL_MS = 5 * 60_000;

type Entry =
  | { readonly state: 'loading'; readonly promise: Promise<string> }
  | { readonly state: 'ready'; readonly value: string; readonly loadedAt: number };

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let current = json;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function awsErrorName(error: unknown): string | undefined {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * A {@link SecretsProvider} over AWS Secrets Manager `GetSecretValue`: lazy (nothing happens until a
 * channel asks for its secret, so an unused channel needs no secret), cached in memory with a TTL,
 * single-flight, failed loads not cached. Errors name the secret and the bad field, never the value,
 * so no secret ends up in a log.
 *
 * @example
 * ```ts
 * const secrets = createSecretsProvider({ ttlMs: 10 * 60_000 });
 * const jira = await secrets.get('soar/jira', JiraCredentialsSchema);
 * ```
 */
export function createSecretsProvider(options: SecretsProviderOptions = {}): SecretsProvider {
  const ttlMs = options.ttlMs ?? DEFAULT_SECRET_TTL_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let client: SecretsManagerClient | undefined;

  /** The client, created on first use; `@aws-sdk/client-secrets-manager` is loaded then, not at import. */
  const getClient = async (): Promise<SecretsManagerClient> => {
    const { SecretsManagerClient } = await sdk.secretsManager(); // before the check: no await between it and the set
    if (client === undefined) {
      const configured = options.client;
      client =
        configured === undefined
          ? new SecretsManagerClient({})
          : typeof configured === 'function'
            ? configured()
            : configured;
    }
    return client;
  };

  async function load(secretId: string): Promise<string> {
    const { GetSecretValueCommand } = await sdk.secretsManager();
    let secretString: string | undefined;
    try {
      const output = await (await getClient()).send(new GetSecretValueCommand({ SecretId: secretId }));
      secretString = output.SecretString;
    } catch (error) {
      const name = awsErrorName(error);
      throw new SecretUnavailableError(
        secretId,
        `cannot read secret ${secretId}${name === undefined ? '' : `: ${name}`}`,
        name,
        { cause: error },
      );
    }
    if (secretString === undefined) {
      throw new SecretUnavailableError(
        secretId,
        `secret ${secretId} has no SecretString (binary secrets are not supported)`,
      );
    }
    return secretString;
  }

  async function raw(secretId: string): Promise<string> {
    const entry = entries.get(secretId);
    if (entry?.state === 'loading') return entry.promise;
    if (entry?.state === 'ready' && now() - entry.loadedAt < ttlMs) return entry.value;
    const promise = load(secretId).then(
      (value) => {
        entries.set(secretId, { state: 'ready', value, loadedAt: now() });
        return value;
      },
      (error: unknown) => {
        entries.delete(secretId);
        throw error;
      },
    );
    entries.set(secretId, { state: 'loading', promise });
    return promise;
  }

  return {
    async get<T>(secretId: string, schema: z.ZodType<T>): Promise<T> {
      const value = await raw(secretId);
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        // The parser's message quotes the input: never surface it.
        throw new SecretFormatError(secretId, '(root)', 'is not valid JSON');
      }
      const result = schema.safeParse(json);
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
        const reason =
          issue === undefined
            ? 'is invalid'
            : issue.code === 'invalid_type' && valueAt(json, issue.path) === undefined
              ? 'is missing'
              : issue.code === 'invalid_type'
                ? `must be ${issue.expected}`
                : issue.message;
        throw new SecretFormatError(secretId, field, reason);
      }
      return result.data;
    },
    invalidate(secretId?: string): void {
      if (secretId === undefined) entries.clear();
      else entries.delete(secretId);
    },
  };
}
