/**
 * `@soar/http`: outbound HTTP for SOAR's channels. A small typed client over `fetch` (timeouts,
 * bounded retries, redacted errors), the URL policy every channel builds its request URLs with, and
 * (subpath `@soar/http/secrets`) channel credentials read from AWS Secrets Manager.
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
export {
  ChannelConfigurationError,
  HttpError,
  OutboundError,
  SecretError,
  SecretFormatError,
  SecretNotConfiguredError,
  SecretUnavailableError,
  UnsafeUrlError,
  type HttpErrorOptions,
  type HttpFailureReason,
} from './errors';
export { BODY_EXCERPT_MAX_CHARS, bodyExcerpt, redactUrl, type RedactUrlOptions } from './redact';
export {
  buildUrl,
  parseBaseUrl,
  parseWebhookUrl,
  type UrlPolicyOptions,
  type WebhookUrlPolicyOptions,
} from './url-policy';
