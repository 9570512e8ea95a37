import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { CREDENTIALS_SECRET_SHAPE, type TicketSystemConfig } from '@soar/ticket-systems';
import type { Construct } from 'constructs';

/**
 * The ticket system's credentials (construct id `TicketSystemCredentials` in `scope`): the configured
 * secret (by ARN or name), a new one to fill in, or none for internal tickets.
 */
export function ticketSystemSecret(
  scope: Construct,
  ticketing: TicketSystemConfig,
): secretsmanager.ISecret | undefined {
  if (ticketing.system === 'internal') return undefined;
  const { secretId } = ticketing;
  if (secretId !== undefined) {
    return secretId.startsWith('arn:')
      ? secretsmanager.Secret.fromSecretCompleteArn(scope, 'TicketSystemCredentials', secretId)
      : secretsmanager.Secret.fromSecretNameV2(scope, 'TicketSystemCredentials', secretId);
  }
  const { system } = ticketing;
  return new secretsmanager.Secret(scope, 'TicketSystemCredentials', {
    description: `SOAR ${system} credentials: set the value to ${CREDENTIALS_SECRET_SHAPE[system]}.`,
  });
}

/** The ticket system as the functions see it: with the secret the stack created or imported. */
export function ticketingRuntime(
  ticketing: TicketSystemConfig,
  secret: secretsmanager.ISecret | undefined,
): TicketSystemConfig {
  if (ticketing.system === 'internal' || secret === undefined) return { system: 'internal' };
  return { ...ticketing, secretId: secret.secretArn };
}
