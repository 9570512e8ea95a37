import * as z from 'zod';

import {
  buildUrl,
  createHttpClient,
  parseBaseUrl,
  type HttpClient,
  ChannelConfigurationError,
} from '@soar/http';
import type { CredentialSource } from '@soar/http/secrets';

/** Scope of the Azure Monitor Logs Ingestion API (the double slash is how Microsoft documents it). */
export const AZURE_MONITOR_SCOPE = 'https://monitor.azure.com//.default';
/** Microsoft Entra ID authority of the public cloud. */
export const ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** An Entra ID app registration (client credentials). */
export interface EntraClientCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Options of {@link EntraTokenProvider}. */
export interface EntraTokenProviderOptions {
  readonly credentials: CredentialSource<EntraClientCredentials>;
  /** Default {@link AZURE_MONITOR_SCOPE}. */
  readonly scope?: string;
  /** Default {@link ENTRA_AUTHORITY_HOST}; other clouds or local test servers. */
  readonly authorityHost?: string;
  /** Accept an `http:` authority. For tests against local servers only. Default `false`. */
  readonly allowInsecureHttp?: boolean;
  /** A token is renewed once it expires within this margin. Default 5 minutes. */
  readonly refreshMarginMs?: number;
  /** Current time in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
  readonly http?: HttpClient;
}

const TENANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/u;

const TokenResponseSchema = z.lazy(() =>
  z.object({
    access_token: z.string().min(1),
    expires_in: z.coerce.number().int().positive(),
    token_type: z.string().optional(),
  }),
);

interface CachedToken {
  readonly key: string;
  readonly token: string;
  readonly refreshAt: number;
}

/**
 * Access tokens from Microsoft Entra ID with the OAuth 2.0 client credentials grant
 * (`POST {authority}/{tenant}/oauth2/v2.0/token`, form `grant_type=client_credentials`, `client_id`,
 * `client_secret`, `scope`), cached in memory until shortly before they expire; concurrent callers
 * share one request. The secret and the token never appear in errors.
 *
 * @example
 * ```ts
 * const tokens = new EntraTokenProvider({ credentials: credentials.sentinel });
 * const token = await tokens.getToken();
 * ```
 */
export class EntraTokenProvider {
  readonly #options: EntraTokenProviderOptions;
  readonly #http: HttpClient;
  readonly #now: () => number;
  #cached: CachedToken | undefined;
  #pending: { readonly key: string; readonly promise: Promise<string> } | undefined;

  public constructor(options: EntraTokenProviderOptions) {
    this.#options = options;
    this.#http = options.http ?? createHttpClient();
    this.#now = options.now ?? Date.now;
  }

  /**
   * A valid access token (cached, or freshly requested).
   *
   * @example
   * ```ts
   * const headers = { authorization: `Bearer ${await tokens.getToken()}` };
   * ```
   */
  public async getToken(): Promise<string> {
    const credentials = await this.#options.credentials();
    const key = `${credentials.tenantId}/${credentials.clientId}`;
    const cached = this.#cached;
    if (cached?.key === key && this.#now() < cached.refreshAt) return cached.token;
    if (this.#pending?.key === key) return this.#pending.promise;
    const promise = this.#request(credentials, key).finally(() => {
      if (this.#pending?.promise === promise) this.#pending = undefined;
    });
    this.#pending = { key, promise };
    return promise;
  }

  /**
   * Drops the cached token (e.g. after a 401), so the next call requests a new one.
   *
   * @example
   * ```ts
   * if (error instanceof HttpError && error.status === 401) tokens.invalidate();
   * ```
   */
  public invalidate(): void {
    this.#cached = undefined;
  }

  async #request(credentials: EntraClientCredentials, key: string): Promise<string> {
    if (!TENANT_PATTERN.test(credentials.tenantId)) {
      throw new ChannelConfigurationError('tenantId', 'must be a tenant id or domain name', 'sentinel');
    }
    const authority = parseBaseUrl(this.#options.authorityHost ?? ENTRA_AUTHORITY_HOST, {
      name: 'entra.authorityHost',
      allowInsecureHttp: this.#options.allowInsecureHttp,
    });
    const requestedAt = this.#now();
    const response = await this.#http.requestJson(
      {
        method: 'POST',
        url: buildUrl(authority, [credentials.tenantId, 'oauth2', 'v2.0', 'token']),
        form: {
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          scope: this.#options.scope ?? AZURE_MONITOR_SCOPE,
        },
        idempotent: true,
        context: { channel: 'sentinel' },
      },
      TokenResponseSchema,
    );
    const lifetimeMs = response.expires_in * 1000;
    const margin = Math.min(this.#options.refreshMarginMs ?? 5 * 60_000, lifetimeMs / 2);
    this.#cached = { key, token: response.access_token, refreshAt: requestedAt + lifetimeMs - margin };
    return response.access_token;
  }
}
