/**
 * `@soar/accounts`: account metadata for findings. AWS Organizations attributes and `soar:*` tags,
 * cached per account in DynamoDB and derived into the scratchpad's `Account` on every read.
 *
 * @packageDocumentation
 */
export { assertAccountId, isAccountId } from './account-id';
export {
  AccountMetadataService,
  createAccountMetadataService,
  type AccountBatchResult,
  type AccountMetadataServiceOptions,
  type AccountMetadataStats,
  type CreateAccountMetadataServiceOptions,
} from './account-metadata-service';
export {
  ACCOUNT_METADATA_ENV,
  AccountMetadataConfigSchema,
  AccountTagKeysSchema,
  accountMetadataConfigFromEnv,
  parseAccountMetadataConfig,
  TICKETING_SYSTEMS,
  type AccountMetadataConfig,
  type AccountMetadataConfigInput,
  type AccountTagKeys,
  type TicketingSystem,
} from './config';
export { deriveAccount, ROOT_OU, UNKNOWN_OU, UNSPECIFIED } from './derive-account';
export {
  AccountLookupError,
  AccountMetadataConfigError,
  AccountNotFoundError,
  AccountsError,
  InvalidAccountIdError,
  type ConfigIssue,
} from './errors';
export { ACCOUNT_CHANGING_EVENT_NAMES, accountIdsFromOrganizationsEvent } from './organizations-event';
export type { AccountSource } from './organizations-account-source';
