import type { SoarLogger } from '@soar/common';
import { ChannelConfigurationError } from '@soar/http';
import {
  createSecretsProvider,
  JiraCredentialsSchema,
  secretCredentials,
  ServiceNowCredentialsSchema,
  type SecretsProvider,
} from '@soar/http/secrets';
import type { TicketSystemConfig } from './config';
import { InternalTicketSystem } from './internal-ticket-system';
import { JiraTicketSystem } from './jira-ticket-system';
import { ServiceNowTicketSystem } from './service-now-ticket-system';
import type { TicketSystem } from './types';

/**
 * The configured ticket system. Credentials are read from Secrets Manager on first use, through
 * `secrets` (default: a provider with a five-minute cache).
 *
 * @throws {ChannelConfigurationError} when Jira or ServiceNow has no `secretId`
 *
 * @example
 * ```ts
 * const tickets = createTicketSystem({ system: 'jira', secretId: 'soar/jira', issueType: 'Task', initialTransitions: [], finalTransitions: ['Done'] });
 * ```
 */
export function createTicketSystem(
  config: TicketSystemConfig,
  options: { readonly secrets?: SecretsProvider; readonly logger?: SoarLogger } = {},
): TicketSystem {
  if (config.system === 'internal') return new InternalTicketSystem();
  if (config.secretId === undefined) {
    throw new ChannelConfigurationError(
      'secretId',
      'is required: the secret with the credentials',
      config.system,
    );
  }
  const secrets = options.secrets ?? createSecretsProvider();
  const logger = options.logger === undefined ? {} : { logger: options.logger };
  if (config.system === 'jira') {
    return new JiraTicketSystem({
      credentials: secretCredentials(secrets, config.secretId, JiraCredentialsSchema),
      issueType: config.issueType,
      initialTransitions: config.initialTransitions,
      finalTransitions: config.finalTransitions,
      ...logger,
    });
  }
  return new ServiceNowTicketSystem({
    credentials: secretCredentials(secrets, config.secretId, ServiceNowCredentialsSchema),
    table: config.table,
    ...(config.location === undefined ? {} : { location: config.location }),
    ...logger,
  });
}
