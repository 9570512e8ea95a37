import { createHttpClient, parseWebhookUrl, type HttpClient } from '@soar/http';
import type { Json, RenderedMessage } from '@soar/messages';
import type { CredentialSource, WebhookCredentials } from '@soar/http/secrets';
import type { Notifier } from './types';

/** Hosts a Slack incoming-webhook URL may point at. */
export const SLACK_WEBHOOK_HOSTS: readonly string[] = ['hooks.slack.com'];

/** Options shared by {@link SlackNotifier} and {@link TeamsNotifier}. */
export interface WebhookNotifierOptions {
  /** The webhook URL (e.g. from Secrets Manager): it is the credential, so it is never logged. */
  readonly credentials: CredentialSource<WebhookCredentials>;
  /** Per-attempt timeout. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Accept `http:` URLs on any host. For tests against local servers only. Default `false`.
   */
  readonly allowInsecureWebhookUrl?: boolean;
  readonly http?: HttpClient;
}

/** Options of {@link TeamsNotifier}. */
export interface TeamsNotifierOptions extends WebhookNotifierOptions {
  /**
   * Hosts (exact, or a suffix starting with `.`) the Workflows URL may point at, e.g.
   * `['.logic.azure.com', '.powerplatform.com']`. Default: any https host.
   */
  readonly allowedHosts?: readonly string[];
}

async function post(
  http: HttpClient,
  url: URL,
  payload: Json | object,
  channel: string,
  timeoutMs: number | undefined,
): Promise<void> {
  await http.request({
    method: 'POST',
    url,
    json: payload,
    // A duplicate chat message is better than a lost one: retry timeouts and 5xx too.
    idempotent: true,
    redactPath: true,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    context: { channel },
  });
}

/**
 * Slack incoming webhook: POSTs `message.slack` (fallback text + Block Kit blocks) as JSON. The URL
 * must be https on `hooks.slack.com` (unless `allowInsecureWebhookUrl`, for tests). Slack answers
 * `200 ok`; any other status is an {@link HttpError} (its URL shows the host only).
 *
 * @example
 * ```ts
 * const slack = new SlackNotifier({ credentials: credentials.slack });
 * await slack.send(message);
 * ```
 */
export class SlackNotifier implements Notifier {
  public readonly name = 'slack';
  readonly #options: WebhookNotifierOptions;
  readonly #http: HttpClient;

  public constructor(options: WebhookNotifierOptions) {
    this.#options = options;
    this.#http = options.http ?? createHttpClient();
  }

  /** {@inheritDoc Notifier.send} */
  public async send(message: RenderedMessage): Promise<void> {
    const { webhookUrl } = await this.#options.credentials();
    const insecure = this.#options.allowInsecureWebhookUrl === true;
    const url = parseWebhookUrl(webhookUrl, {
      name: 'slack.webhookUrl',
      allowInsecureHttp: insecure,
      allowedHosts: insecure ? [] : SLACK_WEBHOOK_HOSTS,
    });
    await post(this.#http, url, message.slack, this.name, this.#options.timeoutMs);
  }
}

/**
 * Microsoft Teams "Workflows" webhook (the successor of the retired Office 365 connectors): POSTs
 * `message.teams` (a message with one Adaptive Card attachment) as JSON. The URL must be https
 * (unless `allowInsecureWebhookUrl`, for tests) and, when `allowedHosts` is set, on one of them.
 * The flow answers `202 Accepted`.
 *
 * @example
 * ```ts
 * const teams = new TeamsNotifier({ credentials: credentials.teams, allowedHosts: ['.logic.azure.com'] });
 * await teams.send(message);
 * ```
 */
export class TeamsNotifier implements Notifier {
  public readonly name = 'teams';
  readonly #options: TeamsNotifierOptions;
  readonly #http: HttpClient;

  public constructor(options: TeamsNotifierOptions) {
    this.#options = options;
    this.#http = options.http ?? createHttpClient();
  }

  /** {@inheritDoc Notifier.send} */
  public async send(message: RenderedMessage): Promise<void> {
    const { webhookUrl } = await this.#options.credentials();
    const url = parseWebhookUrl(webhookUrl, {
      name: 'teams.webhookUrl',
      allowInsecureHttp: this.#options.allowInsecureWebhookUrl === true,
      allowedHosts: this.#options.allowedHosts,
    });
    await post(this.#http, url, message.teams, this.name, this.#options.timeoutMs);
  }
}
