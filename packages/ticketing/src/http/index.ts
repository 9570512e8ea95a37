/**
 * A small typed HTTP client over `fetch` (timeouts, bounded retries, redacted errors) and the URL
 * policy every channel builds its request URLs with.
 *
 * @packageDocumentation
 */
export {
  basicAuth,
  createHttpClient,
  HTTP_DEFAULTS,
  parseRetryAfter,
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type HttpRetryEvent,
} from './client';
export { hasControlCharacters, replaceControlCharacters } from './control-characters';
export { HttpError, UnsafeUrlError, type HttpErrorOptions, type HttpFailureReason } from './errors';
export { BODY_EXCERPT_MAX_CHARS, bodyExcerpt, redactUrl, type RedactUrlOptions } from './redact';
export {
  buildUrl,
  parseBaseUrl,
  parseWebhookUrl,
  type UrlPolicyOptions,
  type WebhookUrlPolicyOptions,
} from './url-policy';
