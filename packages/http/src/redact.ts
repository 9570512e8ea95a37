import { replaceControlCharacters } from './control-characters';

/** Query parameters whose values are never secret and help debugging. */
const SAFE_QUERY_PARAMETERS: ReadonlySet<string> = new Set(['api-version']);

/** Options of {@link redactUrl}. */
export interface RedactUrlOptions {
  /** Replace the whole path with `/…` (for webhook URLs whose path is the secret). Default `false`. */
  readonly redactPath?: boolean;
}

/**
 * The URL without anything secret, for errors and logs: user info is dropped, every query value
 * except `api-version` becomes `***`, the fragment is dropped, and with `redactPath` the path too.
 * Unparsable input gives `<invalid url>`.
 *
 * @example
 * ```ts
 * redactUrl('https://user:pw@example.com/a?token=s3cr3t&api-version=2023-01-01');
 * // 'https://example.com/a?token=***&api-version=2023-01-01'
 * redactUrl('https://hooks.slack.com/services/T0/B0/XYZ', { redactPath: true });
 * // 'https://hooks.slack.com/…'
 * ```
 */
export function redactUrl(url: string | URL, options: RedactUrlOptions = {}): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    return '<invalid url>';
  }
  const path = options.redactPath === true ? '/…' : parsed.pathname;
  const query = [...new Set(parsed.searchParams.keys())].map((key) => {
    const value = SAFE_QUERY_PARAMETERS.has(key)
      ? encodeURIComponent(parsed.searchParams.get(key) ?? '')
      : '***';
    return `${encodeURIComponent(key)}=${value}`;
  });
  const search = options.redactPath === true || query.length === 0 ? '' : `?${query.join('&')}`;
  return `${parsed.protocol}//${parsed.host}${path}${search}`;
}

/** Longest body excerpt kept in an {@link HttpError}. */
export const BODY_EXCERPT_MAX_CHARS = 300;

/**
 * A short, single-line excerpt of a response body for error messages: control characters become
 * spaces, whitespace runs collapse, and the result is cut to {@link BODY_EXCERPT_MAX_CHARS}.
 *
 * @example
 * ```ts
 * bodyExcerpt('{"errorMessages":["Issue does not exist"]}\n'); // '{"errorMessages":["Issue does not exist"]}'
 * ```
 */
export function bodyExcerpt(body: string, maxChars: number = BODY_EXCERPT_MAX_CHARS): string {
  const flat = replaceControlCharacters(body).replace(/\s+/gu, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars)}…`;
}
