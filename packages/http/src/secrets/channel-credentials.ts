import type * as z from 'zod';

import { SecretNotConfiguredError } from '../errors';
import {
  JiraCredentialsSchema,
  type JiraCredentials,
  SentinelCredentialsSchema,
  type SentinelCredentials,
  ServiceNowCredentialsSchema,
  type ServiceNowCredentials,
  WebhookCredentialsSchema,
  type WebhookCredentials,
} from './schemas';
import type { SecretsProvider } from './secrets-provider';

/**
 * Where a channel gets its credentials: called on every use, so a rotated secret is picked up once
 * the cache TTL passes. Nothing is read until the first call.
 */
export type CredentialSource<T> = () => Promise<T>;

/**
 * A {@link CredentialSource} reading `secretId` through `provider` and validating it with `schema`.
 *
 * @example
 * ```ts
 * const jiraCredentials = secretCredentials(secrets, 'soar/jira', JiraCredentialsSchema);
 * const jira = new JiraTicketSystem({ credentials: jiraCredentials, issueType: 'Task' });
 * ```
 */
export function secretCredentials<T>(
  provider: SecretsProvider,
  secretId: string,
  schema: z.ZodType<T>,
): CredentialSource<T> {
  return () => provider.get(secretId, schema);
}

/**
 * A {@link CredentialSource} with fixed values (tests, local runs).
 *
 * @example
 * ```ts
 * const credentials = staticCredentials({ webhookUrl: 'https://hooks.slack.com/services/T/B/X' });
 * ```
 */
export function staticCredentials<T>(value: T): CredentialSource<T> {
  return () => Promise.resolve(value);
}

/** Secret ids per channel; leave out the channels that are not used. */
export interface ChannelSecretIds {
  readonly jira?: string | undefined;
  readonly serviceNow?: string | undefined;
  readonly sentinel?: string | undefined;
  readonly slack?: string | undefined;
  readonly teams?: string | undefined;
}

/** One {@link CredentialSource} per channel. */
export interface ChannelCredentials {
  readonly jira: CredentialSource<JiraCredentials>;
  readonly serviceNow: CredentialSource<ServiceNowCredentials>;
  readonly sentinel: CredentialSource<SentinelCredentials>;
  readonly slack: CredentialSource<WebhookCredentials>;
  readonly teams: CredentialSource<WebhookCredentials>;
}

/**
 * Credential sources for every channel from the configured secret ids. Only the secrets of
 * channels actually used are ever read, so a missing secret of an unused channel breaks nothing;
 * using a channel without a secret id rejects with {@link SecretNotConfiguredError}.
 *
 * @example
 * ```ts
 * const credentials = channelCredentials(createSecretsProvider(), {
 *   jira: process.env.JIRA_SECRET_ID,
 *   slack: process.env.SLACK_SECRET_ID,
 * });
 * const jira = new JiraTicketSystem({ credentials: credentials.jira, issueType: 'Task' });
 * ```
 */
export function channelCredentials(provider: SecretsProvider, ids: ChannelSecretIds): ChannelCredentials {
  const source = <T>(
    channel: string,
    secretId: string | undefined,
    schema: z.ZodType<T>,
  ): CredentialSource<T> =>
    secretId === undefined || secretId.trim() === ''
      ? () => Promise.reject(new SecretNotConfiguredError(channel))
      : secretCredentials(provider, secretId, schema);
  return {
    jira: source('jira', ids.jira, JiraCredentialsSchema),
    serviceNow: source('servicenow', ids.serviceNow, ServiceNowCredentialsSchema),
    sentinel: source('sentinel', ids.sentinel, SentinelCredentialsSchema),
    slack: source('slack', ids.slack, WebhookCredentialsSchema),
    teams: source('teams', ids.teams, WebhookCredentialsSchema),
  };
}
