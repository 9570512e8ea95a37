import * as z from 'zod';

// Functions, not constants: a function reads one kind of secret, so only that kind's schema is built.
const nonBlank = () => z.string().trim().min(1, 'must not be empty');
const urlString = () => nonBlank().refine((value) => URL.canParse(value), 'must be an absolute URL');

/**
 * Jira Cloud credentials: site URL, the account's email and an API token (basic auth).
 *
 * @example
 * ```json
 * { "baseUrl": "https://example.atlassian.net", "email": "soar-bot@example.com", "apiToken": "..." }
 * ```
 */
export const JiraCredentialsSchema = z.lazy(() =>
  z.object({
    baseUrl: urlString(),
    email: nonBlank(),
    apiToken: nonBlank(),
  }),
);
/** Jira Cloud credentials. */
export type JiraCredentials = z.infer<typeof JiraCredentialsSchema>;

/**
 * ServiceNow credentials: instance URL and a (least-privilege) integration user.
 *
 * @example
 * ```json
 * { "instanceUrl": "https://example.service-now.com", "username": "soar.integration", "password": "..." }
 * ```
 */
export const ServiceNowCredentialsSchema = z.lazy(() =>
  z.object({
    instanceUrl: urlString(),
    username: nonBlank(),
    password: nonBlank(),
  }),
);
/** ServiceNow credentials. */
export type ServiceNowCredentials = z.infer<typeof ServiceNowCredentialsSchema>;

/**
 * Microsoft Sentinel (Azure Monitor Logs Ingestion API) settings and Entra ID app credentials.
 * `endpoint` is the DCR's logs ingestion endpoint (or a data collection endpoint).
 *
 * @example
 * ```json
 * {
 *   "tenantId": "00000000-0000-0000-0000-000000000000",
 *   "clientId": "11111111-1111-1111-1111-111111111111",
 *   "clientSecret": "...",
 *   "endpoint": "https://my-dcr-abcd.westeurope-1.ingest.monitor.azure.com",
 *   "dcrImmutableId": "dcr-00000000000000000000000000000000",
 *   "streamName": "Custom-SoarIncidents_CL"
 * }
 * ```
 */
export const SentinelCredentialsSchema = z.lazy(() =>
  z.object({
    tenantId: nonBlank().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/u, 'must be a tenant id or domain'),
    clientId: nonBlank(),
    clientSecret: nonBlank(),
    endpoint: urlString(),
    dcrImmutableId: nonBlank().regex(/^dcr-[0-9a-f]{32}$/u, 'must look like dcr-<32 hex characters>'),
    streamName: nonBlank().regex(/^[A-Za-z0-9_-]{1,128}$/u, 'must be a DCR stream name'),
  }),
);
/** Microsoft Sentinel credentials. */
export type SentinelCredentials = z.infer<typeof SentinelCredentialsSchema>;

/**
 * A webhook URL (Slack incoming webhook or Teams Workflows webhook): the URL is the credential.
 *
 * @example
 * ```json
 * { "webhookUrl": "https://hooks.slack.com/services/T000/B000/XXXX" }
 * ```
 */
export const WebhookCredentialsSchema = z.lazy(() => z.object({ webhookUrl: urlString() }));
/** A webhook URL. */
export type WebhookCredentials = z.infer<typeof WebhookCredentialsSchema>;
