/**
 * `@soar/accounts/sources`: where account metadata comes from and where it is kept: the AWS
 * Organizations source, the DynamoDB cache, and the raw record they exchange.
 *
 * @packageDocumentation
 */
export {
  createDynamoDbAccountCache,
  parseCacheItem,
  type AccountCache,
  type AccountCacheEntry,
  type AccountCacheLookup,
  type DynamoDbAccountCacheOptions,
} from './dynamodb-account-cache';
export {
  createOrganizationsAccountSource,
  type AccountSource,
  type OrganizationsAccountSource,
  type OrganizationsAccountSourceOptions,
} from './organizations-account-source';
export { listActiveAccountIds } from './organization-accounts';
export {
  OrganizationParentSchema,
  RawAccountRecordSchema,
  ROOT_NAME,
  type OrganizationParent,
  type RawAccountRecord,
} from './raw-account';
