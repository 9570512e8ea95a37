import { buildUrl, createHttpClient, HttpError, parseBaseUrl, type HttpClient } from '@soar/http';
import type { CredentialSource, SentinelCredentials } from '@soar/http/secrets';
import { SentinelPayloadTooLargeError } from './errors';
import { EntraTokenProvider } from './entra-token-provider';
import type { SentinelRecord } from './sentinel-record';

/** API version of the Logs Ingestion API. */
export const LOGS_INGESTION_API_VERSION = '2023-01-01';
/** Largest request the Logs Ingestion API accepts (1 MB; kept as 1 000 000 bytes to be safe). */
export const LOGS_INGESTION_MAX_BYTES = 1_000_000;

/** Options of {@link SentinelExporter}. */
export interface SentinelExporterOptions {
  /** Tenant, app, secret, DCR endpoint, DCR immutable id and stream (e.g. from Secrets Manager). */
  readonly credentials: CredentialSource<SentinelCredentials>;
  /** Entra authority. Default `https://login.microsoftonline.com`. */
  readonly authorityHost?: string;
  /** Accept `http:` endpoint/authority URLs. For tests against local servers only. Default `false`. */
  readonly allowInsecureHttp?: boolean;
  /** Per-attempt timeout. Default 10 000 ms. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly http?: HttpClient;
}

/**
 * Sends incident records to Microsoft Sentinel through the Azure Monitor Logs Ingestion API (the
 * HTTP Data Collector API the original used is retired): an Entra ID client-credentials token for
 * `https://monitor.azure.com//.default`, then
 * `POST {endpoint}/dataCollectionRules/{dcrImmutableId}/streams/{streamName}?api-version=2023-01-01`
 * with `Authorization: Bearer …`, `Content-Type: application/json` and a JSON array of one record.
 * Success is `204 No Content`. A 401 drops the cached token and retries once with a new one.
 *
 * `export` throws typed errors; the caller makes it fail-open (Sentinel must never break incident
 * handling), e.g. by catching and publishing to the external-call-failure topic.
 *
 * @example
 * ```ts
 * const sentinel = new SentinelExporter({ credentials: credentials.sentinel });
 * await sentinel.export(sentinelRecord(finding, account, { timeGenerated: new Date().toISOString() }));
 * ```
 */
export class SentinelExporter {
  public readonly name = 'sentinel';
  readonly #options: SentinelExporterOptions;
  readonly #http: HttpClient;
  readonly #tokens: EntraTokenProvider;

  public constructor(options: SentinelExporterOptions) {
    this.#options = options;
    this.#http = options.http ?? createHttpClient();
    this.#tokens = new EntraTokenProvider({
      credentials: options.credentials,
      ...(options.authorityHost === undefined ? {} : { authorityHost: options.authorityHost }),
      ...(options.allowInsecureHttp === undefined ? {} : { allowInsecureHttp: options.allowInsecureHttp }),
      ...(options.now === undefined ? {} : { now: options.now }),
      http: this.#http,
    });
  }

  /**
   * Uploads one record.
   *
   * @throws {@link SentinelPayloadTooLargeError} when the body would exceed 1 MB.
   * @throws {@link HttpError} when the token or the upload fails.
   *
   * @example
   * ```ts
   * try {
   *   await sentinel.export(sentinelRecord(finding, account, { timeGenerated: new Date().toISOString() }));
   * } catch (error) {
   *   await reportExternalCallFailure('Microsoft Sentinel', describeError(error)); // fail-open
   * }
   * ```
   */
  public async export(record: SentinelRecord): Promise<void> {
    const body = JSON.stringify([record]);
    const bytes = Buffer.byteLength(body, 'utf8');
    const context = { channel: this.name, findingId: record.FindingId, accountId: record.AwsAccountId };
    if (bytes > LOGS_INGESTION_MAX_BYTES) {
      throw new SentinelPayloadTooLargeError(bytes, LOGS_INGESTION_MAX_BYTES, context);
    }
    const credentials = await this.#options.credentials();
    const endpoint = parseBaseUrl(credentials.endpoint, {
      name: 'sentinel.endpoint',
      allowInsecureHttp: this.#options.allowInsecureHttp,
    });
    const url = buildUrl(
      endpoint,
      ['dataCollectionRules', credentials.dcrImmutableId, 'streams', credentials.streamName],
      { 'api-version': LOGS_INGESTION_API_VERSION },
    );
    const upload = async (): Promise<void> => {
      const token = await this.#tokens.getToken();
      await this.#http.request({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
        // A duplicate row is better than a lost one; the API has no de-duplication anyway.
        idempotent: true,
        ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
        context,
      });
    };
    try {
      await upload();
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 401)) throw error;
      this.#tokens.invalidate();
      await upload();
    }
  }
}
