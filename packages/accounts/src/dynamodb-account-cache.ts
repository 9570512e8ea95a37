import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

import { sdk } from './sdk';
import { sleep as defaultSleep } from './concurrency';
import { RawAccountRecordSchema, type RawAccountRecord } from './raw-account';

/** One cached Organizations record. */
export interface AccountCacheEntry {
  readonly record: RawAccountRecord;
  /** When the record was read from Organizations. */
  readonly fetchedAt: Date;
  /** When the record stops being served (whole seconds once stored in DynamoDB). */
  readonly expiresAt: Date;
}

/** Result of a cache read. A corrupt item is a miss, never an exception. */
export type AccountCacheLookup =
  | { readonly status: 'fresh'; readonly entry: AccountCacheEntry }
  | { readonly status: 'expired'; readonly entry: AccountCacheEntry }
  | { readonly status: 'miss'; readonly reason: 'absent' }
  | { readonly status: 'miss'; readonly reason: 'corrupt'; readonly detail: string };

/** Persistent store of account records, shared by every process. */
export interface AccountCache {
  /** Reads one item; expiry is checked against `now`, not left to DynamoDB's lazy TTL deletion. */
  get(accountId: string, now: Date): Promise<AccountCacheLookup>;
  /**
   * Reads many items with `BatchGetItem`. Ids that DynamoDB still left unprocessed after the
   * bounded retries are absent from the result (look them up one by one).
   */
  getMany(accountIds: readonly string[], now: Date): Promise<Map<string, AccountCacheLookup>>;
  put(entry: AccountCacheEntry): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** Options of {@link createDynamoDbAccountCache}. */
export interface DynamoDbAccountCacheOptions {
  readonly client: Pick<DynamoDBClient, 'send'>;
  /** Table with partition key `id` (S). */
  readonly tableName: string;
  readonly logger?: SoarLogger | undefined;
  /** Re-submissions of `UnprocessedKeys` per `BatchGetItem` chunk. Default 3. */
  readonly maxBatchRetries?: number | undefined;
  /** First back-off delay before re-submitting `UnprocessedKeys`; doubles each time. Default 50 ms. */
  readonly batchRetryBaseDelayMs?: number | undefined;
  /** Injected for tests. Default `setTimeout`. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** `BatchGetItem` accepts at most 100 keys per request. */
const BATCH_GET_LIMIT = 100;

type Item = Record<string, AttributeValue>;

function key(accountId: string): Item {
  return { id: { S: accountId } };
}

/**
 * Parses a cache item. Anything unexpected (not JSON, wrong shape, wrong id, bad dates) is a
 * corrupt miss with a `detail` that names the bad attribute.
 */
export function parseCacheItem(accountId: string, item: Item | undefined, now: Date): AccountCacheLookup {
  if (item === undefined) return { status: 'miss', reason: 'absent' };
  const corrupt = (detail: string): AccountCacheLookup => ({ status: 'miss', reason: 'corrupt', detail });
  const data = item['data']?.S;
  if (data === undefined) return corrupt('data: missing or not a string');
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return corrupt('data: not JSON');
  }
  const parsed = RawAccountRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return corrupt(`data.${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  if (parsed.data.account.Id !== accountId) return corrupt('data.account.Id: does not match id');
  const fetchedAtMs = Date.parse(item['fetched_at']?.S ?? '');
  if (Number.isNaN(fetchedAtMs)) return corrupt('fetched_at: missing or not an ISO date');
  const expiresAtS = Number(item['expires_at']?.N ?? Number.NaN);
  if (!Number.isFinite(expiresAtS)) return corrupt('expires_at: missing or not a number');
  const entry: AccountCacheEntry = {
    record: parsed.data,
    fetchedAt: new Date(fetchedAtMs),
    expiresAt: new Date(expiresAtS * 1_000),
  };
  return { status: entry.expiresAt.getTime() > now.getTime() ? 'fresh' : 'expired', entry };
}

/**
 * The DynamoDB table `cached-account-data`: one item per account, key `id` (S), `data` (JSON of the
 * {@link RawAccountRecord}), `fetched_at` (ISO 8601) and `expires_at` (epoch seconds). Configure
 * `expires_at` as the table's TTL attribute so DynamoDB eventually deletes old items, but freshness
 * is decided here on every read, because TTL deletion lags by up to days (and local emulators
 * never delete). Items are refreshed one account at a time; there is no wholesale flush.
 *
 * Corrupt items are reported to `logger.warn` and returned as misses. DynamoDB errors are thrown
 * (the service degrades to Organizations).
 *
 * IAM: `dynamodb:GetItem`, `dynamodb:BatchGetItem`, `dynamodb:PutItem`, `dynamodb:DeleteItem`.
 *
 * @example
 * ```ts
 * const cache = createDynamoDbAccountCache({ client: new DynamoDBClient({}), tableName: 'cached-account-data' });
 * const lookup = await cache.get('111122223333', new Date());
 * if (lookup.status === 'fresh') console.log(lookup.entry.record.account.Name);
 * ```
 */
export function createDynamoDbAccountCache(options: DynamoDbAccountCacheOptions): AccountCache {
  const { client, tableName } = options;
  const logger = options.logger ?? SILENT_LOGGER;
  const maxRetries = options.maxBatchRetries ?? 3;
  const baseDelayMs = options.batchRetryBaseDelayMs ?? 50;
  const sleep = options.sleep ?? defaultSleep;

  const parse = (accountId: string, item: Item | undefined, now: Date): AccountCacheLookup => {
    const lookup = parseCacheItem(accountId, item, now);
    if (lookup.status === 'miss' && lookup.reason === 'corrupt')
      logger.warn('corrupt account cache item treated as a miss', {
        accountId,
        tableName,
        detail: lookup.detail,
      });
    return lookup;
  };

  const getChunk = async (ids: readonly string[], now: Date, into: Map<string, AccountCacheLookup>) => {
    const { BatchGetItemCommand } = await sdk.dynamodb();
    let pending: Item[] = ids.map(key);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) {
        if (attempt > maxRetries) break;
        await sleep(baseDelayMs * 2 ** (attempt - 1));
      }
      const response = await client.send(
        new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending } } }),
      );
      for (const item of response.Responses?.[tableName] ?? []) {
        const id = item['id']?.S;
        if (id !== undefined) into.set(id, parse(id, item, now));
      }
      pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
    const unprocessed = new Set(pending.map((item) => item['id']?.S));
    for (const id of ids)
      if (!into.has(id) && !unprocessed.has(id)) into.set(id, { status: 'miss', reason: 'absent' });
    if (unprocessed.size > 0)
      logger.warn('BatchGetItem left keys unprocessed after retries', {
        tableName,
        retries: maxRetries,
        accountIds: [...unprocessed],
      });
  };

  return {
    async get(accountId, now) {
      const { GetItemCommand } = await sdk.dynamodb();
      const response = await client.send(new GetItemCommand({ TableName: tableName, Key: key(accountId) }));
      return parse(accountId, response.Item, now);
    },

    async getMany(accountIds, now) {
      const result = new Map<string, AccountCacheLookup>();
      const unique = [...new Set(accountIds)];
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT)
        chunks.push(unique.slice(i, i + BATCH_GET_LIMIT));
      await Promise.all(chunks.map((chunk) => getChunk(chunk, now, result)));
      return result;
    },

    async put(entry) {
      const { PutItemCommand } = await sdk.dynamodb();
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            id: { S: entry.record.account.Id },
            data: { S: JSON.stringify(entry.record) },
            fetched_at: { S: entry.fetchedAt.toISOString() },
            expires_at: { N: String(Math.floor(entry.expiresAt.getTime() / 1_000)) },
          },
        }),
      );
    },

    async delete(accountId) {
      const { DeleteItemCommand } = await sdk.dynamodb();
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: key(accountId) }));
    },
  };
}
