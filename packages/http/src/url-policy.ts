import { hasControlCharacters } from './control-characters';
import { UnsafeUrlError } from './errors';

/** Options of {@link parseBaseUrl} and {@link parseWebhookUrl}. */
export interface UrlPolicyOptions {
  /** Name of the setting, used in error messages (never the URL itself). */
  readonly name: string;
  /** Accept `http:` as well as `https:`. For tests against local servers only. Default `false`. */
  readonly allowInsecureHttp?: boolean | undefined;
}

/** Options of {@link parseWebhookUrl}. */
export interface WebhookUrlPolicyOptions extends UrlPolicyOptions {
  /**
   * Hosts the URL may point at (exact match, or a suffix when the entry starts with `.`). Empty or
   * absent: any host.
   */
  readonly allowedHosts?: readonly string[] | undefined;
}

function parseUrl(raw: string, options: UrlPolicyOptions): URL {
  if (/\s/u.test(raw) || hasControlCharacters(raw)) {
    throw new UnsafeUrlError(options.name, 'must not contain whitespace or control characters');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError(options.name, 'is not an absolute URL');
  }
  const insecureAllowed = options.allowInsecureHttp === true;
  if (url.protocol !== 'https:' && !(insecureAllowed && url.protocol === 'http:')) {
    throw new UnsafeUrlError(options.name, insecureAllowed ? 'must use https or http' : 'must use https');
  }
  if (url.username !== '' || url.password !== '') {
    throw new UnsafeUrlError(options.name, 'must not embed credentials');
  }
  if (url.hostname === '') throw new UnsafeUrlError(options.name, 'has no host');
  return url;
}

/**
 * Validates the base URL of an API (Jira site, ServiceNow instance, DCR endpoint) and returns it
 * normalized: https only (unless `allowInsecureHttp`), no credentials, no query or fragment, no
 * trailing slash. Every request URL of a channel is built from this value with {@link buildUrl};
 * nothing a finding or ticket id carries is ever used as a URL.
 *
 * @throws {@link UnsafeUrlError} when the URL breaks the policy.
 *
 * @example
 * ```ts
 * parseBaseUrl('https://example.atlassian.net/', { name: 'jira.baseUrl' }); // URL https://example.atlassian.net
 * parseBaseUrl('http://127.0.0.1:8080', { name: 'jira.baseUrl', allowInsecureHttp: true }); // tests only
 * ```
 */
export function parseBaseUrl(raw: string, options: UrlPolicyOptions): URL {
  const url = parseUrl(raw, options);
  if (url.search !== '' || url.hash !== '') {
    throw new UnsafeUrlError(options.name, 'must not have a query or fragment');
  }
  url.pathname = url.pathname.replace(/\/+$/u, '');
  return url;
}

/**
 * Validates a webhook URL (Slack, Teams Workflows): https only (unless `allowInsecureHttp`), no
 * credentials, and a host from `allowedHosts` when given. The query is kept (Teams Workflows URLs
 * carry their signature there).
 *
 * @throws {@link UnsafeUrlError} when the URL breaks the policy.
 *
 * @example
 * ```ts
 * parseWebhookUrl(secret.webhookUrl, { name: 'slack.webhookUrl', allowedHosts: ['hooks.slack.com'] });
 * ```
 */
export function parseWebhookUrl(raw: string, options: WebhookUrlPolicyOptions): URL {
  const url = parseUrl(raw, options);
  const hosts = options.allowedHosts ?? [];
  const host = url.hostname.toLowerCase();
  const allowed =
    hosts.length === 0 ||
    hosts.some((entry) => {
      const expected = entry.toLowerCase();
      return expected.startsWith('.') ? host.endsWith(expected) : host === expected;
    });
  if (!allowed) throw new UnsafeUrlError(options.name, `must point at one of: ${hosts.join(', ')}`);
  return url;
}

/**
 * A request URL under `base`: each path segment is percent-encoded on its own (so a segment can
 * never add `/`, `..`, `?` or `#`), query values are encoded, and the result is checked to stay on
 * the origin and under the path of `base`.
 *
 * @throws {@link UnsafeUrlError} if the result would leave `base` (cannot happen for string segments;
 * a defence in depth).
 *
 * @example
 * ```ts
 * buildUrl(new URL('https://example.atlassian.net'), ['rest', 'api', '3', 'issue', 'ABC-1', 'transitions']);
 * // URL https://example.atlassian.net/rest/api/3/issue/ABC-1/transitions
 * ```
 */
export function buildUrl(
  base: URL,
  segments: readonly string[],
  query: Readonly<Record<string, string>> = {},
): URL {
  const basePath = base.pathname.replace(/\/+$/u, '');
  const encoded = segments.map((segment) => {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new UnsafeUrlError('url path segment', 'must not be empty, "." or ".."');
    }
    return encodeURIComponent(segment);
  });
  const url = new URL(base.origin);
  url.pathname = `${basePath}/${encoded.join('/')}`;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) {
    throw new UnsafeUrlError('request url', 'must stay under the configured base URL');
  }
  return url;
}
