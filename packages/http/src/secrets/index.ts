/**
 * Channel credentials from AWS Secrets Manager: a zod schema per channel, a lazy TTL cache, and
 * errors that name the secret and the field but never the value.
 *
 * @packageDocumentation
 */
export {
  channelCredentials,
  secretCredentials,
  staticCredentials,
  type ChannelCredentials,
  type ChannelSecretIds,
  type CredentialSource,
} from './channel-credentials';
export {
  JiraCredentialsSchema,
  SentinelCredentialsSchema,
  ServiceNowCredentialsSchema,
  WebhookCredentialsSchema,
  type JiraCredentials,
  type SentinelCredentials,
  type ServiceNowCredentials,
  type WebhookCredentials,
} from './schemas';
export {
  createSecretsProvider,
  DEFAULT_SECRET_TTL_MS,
  type SecretsProvider,
  type SecretsProviderOptions,
} from './secrets-provider';
