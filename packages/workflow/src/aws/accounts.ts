import { createAccountMetadataService } from '@soar/accounts';
import type { AccountLookup } from '../ports';
import { accountMetadataConfigOf, type RuntimeConfig } from '../runtime-config';
import { awsClients } from './clients';

/**
 * Account metadata from AWS Organizations, cached per account in SOAR's accounts table. The
 * configuration is checked now; the clients are created on the first lookup.
 *
 * @example
 * ```ts
 * const accounts = awsAccountLookup(config);
 * await accounts.getAccount('111122223333'); // { Id, Name, TeamEmail, Environment, … }
 * ```
 */
export function awsAccountLookup(
  config: Pick<RuntimeConfig, 'accounts' | 'tables' | 'region' | 'ticketing'>,
): AccountLookup {
  return createAccountMetadataService({
    organizationsClient: awsClients.organizations(config),
    dynamoDbClient: awsClients.dynamodb(config),
    config: accountMetadataConfigOf(config),
  });
}
