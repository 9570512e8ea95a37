import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { type Account } from '@soar/scratchpad';

import { assertAccountId } from './account-id';
import {
  parseAccountMetadataConfig,
  type AccountMetadataConfig,
  type AccountMetadataConfigInput,
} from './config';
import { deriveAccount } from './derive-account';
import {
  createDynamoDbAccountCache,
  type AccountCache,
  type AccountCacheEntry,
  type AccountCacheLookup,
} from './dynamodb-account-cache';
import { SILENT_LOGGER, type SoarLogger, describeError } from '@soar/common';
import { AccountLookupError, AccountNotFoundError } from './errors';
import { createOrganizationsAccountSource, type AccountSource } from './organizations-account-source';
import { type RawAccountRecord } from './raw-account';

/** Options of {@link AccountMetadataService}. */
export interface AccountMetadataServiceOptions {
  /** Where records come from on a miss, e.g. {@link createOrganizationsAccountSource}. */
  readonly source: AccountSource;
  /** Shared persistent cache, e.g. {@link createDynamoDbAccountCache}. Without one, only the process memo is used. */
  readonly cache?: AccountCache | undefined;
  /** Configuration (validated here; defaults applied). Default `{}`. */
  readonly config?: AccountMetadataConfigInput | undefined;
  /** Clock for expiry and `AccountNew`. Default `() => new Date()`. */
  readonly clock?: (() => Date) | undefined;
  readonly logger?: SoarLogger | undefined;
  /** Source of the TTL jitter, in [0, 1). Default `Math.random`. */
  readonly random?: (() => number) | undefined;
}

/** Counters of what {@link AccountMetadataService} did since it was created. */
export interface AccountMetadataStats {
  /** Requests answered from the process memo (including remembered "not found"). */
  memoryHits: number;
  /** Requests that joined a lookup already in flight for the same account. */
  sharedLookups: number;
  /** DynamoDB reads that found a fresh item. */
  cacheHits: number;
  /** DynamoDB reads that found nothing usable (absent, expired or corrupt). */
  cacheMisses: number;
  /** Of {@link cacheMisses}, corrupt items. */
  cacheCorrupt: number;
  /** DynamoDB reads or writes that failed (the lookup went on without the cache). */
  cacheErrors: number;
  /** Calls of `AccountSource.fetchAccount` (one per Organizations account lookup). */
  sourceLookups: number;
  /** Lookups that ended in {@link AccountNotFoundError}. */
  notFound: number;
  /** Expired items served because Organizations failed transiently. */
  staleServed: number;
}

/** Result of {@link AccountMetadataService.getAccounts}. */
export interface AccountBatchResult {
  /** Found accounts, by id, in the order first requested. */
  readonly accounts: ReadonlyMap<string, Account>;
  /** Ids that Organizations does not know. */
  readonly notFound: readonly string[];
  /** Ids whose lookup failed otherwise (typically an {@link AccountLookupError}). */
  readonly failed: ReadonlyMap<string, Error>;
}

interface Memo {
  readonly entry: AccountCacheEntry;
  readonly untilMs: number;
}

/** How long a stale item served during an Organizations failure is reused before trying again. */
const STALE_MEMO_MS = 60_000;

/**
 * Account metadata for findings: a per-process memo, in-flight de-duplication, a
 * per-account DynamoDB cache with expiry checked on read, and AWS Organizations on a miss.
 *
 * - Concurrent requests for one account share a single lookup, so a burst of N findings over M
 *   accounts makes at most M Organizations lookups.
 * - The cache stores the raw Organizations record and {@link deriveAccount} runs on every read, so
 *   `AccountNew` flips exactly at `minAgeHours` and configuration changes apply immediately.
 * - Items expire per account, with jitter; nothing flushes the whole table.
 * - An unknown account throws {@link AccountNotFoundError} (remembered for `notFoundTtlSeconds`) for
 *   the caller to route, instead of being retried for months.
 * - If Organizations fails transiently and an expired item is at most `serveStaleSeconds` old, the
 *   stale item is served (and logged) rather than failing the finding.
 * - DynamoDB failures are logged and bypassed; corrupt items are logged misses.
 *
 * @example
 * ```ts
 * const service = createAccountMetadataService({
 *   organizationsClient: new OrganizationsClient({ region: 'us-east-1', retryMode: 'adaptive', maxAttempts: 5 }),
 *   dynamoDbClient: new DynamoDBClient({}),
 *   config: accountMetadataConfigFromEnv(process.env),
 * });
 * const account = await service.getAccount(finding.AwsAccountId);
 * ```
 */
export class AccountMetadataService {
  /** The validated configuration, defaults applied. */
  public readonly config: AccountMetadataConfig;
  readonly #source: AccountSource;
  readonly #cache: AccountCache | undefined;
  readonly #clock: () => Date;
  readonly #logger: SoarLogger;
  readonly #random: () => number;
  readonly #memo = new Map<string, Memo>();
  readonly #notFound = new Map<string, number>();
  readonly #inFlight = new Map<string, Promise<AccountCacheEntry>>();
  /** Bumped by `invalidate`, so a lookup that started earlier does not re-cache its result. */
  readonly #generation = new Map<string, number>();
  readonly #stats: AccountMetadataStats = {
    memoryHits: 0,
    sharedLookups: 0,
    cacheHits: 0,
    cacheMisses: 0,
    cacheCorrupt: 0,
    cacheErrors: 0,
    sourceLookups: 0,
    notFound: 0,
    staleServed: 0,
  };

  /**
   * @throws {@link AccountMetadataConfigError} if `options.config` is invalid.
   */
  public constructor(options: AccountMetadataServiceOptions) {
    this.config = parseAccountMetadataConfig(options.config ?? {});
    this.#source = options.source;
    this.#cache = options.cache;
    this.#clock = options.clock ?? (() => new Date());
    this.#logger = options.logger ?? SILENT_LOGGER;
    this.#random = options.random ?? Math.random;
  }

  /**
   * Metadata of one account.
   *
   * @throws {@link InvalidAccountIdError} (field `accountId`) if `accountId` is not 12 digits.
   * @throws {@link AccountNotFoundError} if the organization does not know the account.
   * @throws {@link AccountLookupError} if Organizations failed and no usable cached copy exists.
   *
   * @example
   * ```ts
   * const { TeamEmail, AccountNew } = await service.getAccount('111122223333');
   * ```
   */
  public async getAccount(accountId: string): Promise<Account> {
    const id = assertAccountId(accountId, 'accountId');
    const entry = await this.#entry(id, undefined);
    return deriveAccount(entry.record, this.config, this.#clock());
  }

  /**
   * Metadata of many accounts: memo first, then one `BatchGetItem` per 100 remaining ids, then
   * Organizations for the misses (sharing lookups already in flight). Never throws for a single
   * account; unknown and failed ids are reported separately.
   *
   * @throws {@link InvalidAccountIdError} (field `accountIds[i]`) before any lookup.
   *
   * @example
   * ```ts
   * const { accounts, notFound } = await service.getAccounts(tickets.map((t) => t.AccountId));
   * for (const ticket of tickets) console.log(accounts.get(ticket.AccountId)?.TeamEmail ?? 'unknown account');
   * ```
   */
  public async getAccounts(accountIds: readonly string[]): Promise<AccountBatchResult> {
    const ids = [...new Set(accountIds.map((id, index) => assertAccountId(id, `accountIds[${index}]`)))];
    const nowMs = this.#clock().getTime();
    const toRead = ids.filter((id) => !this.#inMemory(id, nowMs) && !this.#inFlight.has(id));
    let lookups = new Map<string, AccountCacheLookup>();
    if (this.#cache !== undefined && toRead.length > 0) {
      try {
        lookups = await this.#cache.getMany(toRead, new Date(nowMs));
      } catch (error) {
        this.#stats.cacheErrors += 1;
        this.#logger.warn('account cache batch read failed; asking Organizations', {
          count: toRead.length,
          error: describeError(error),
        });
        lookups = new Map(toRead.map((id) => [id, { status: 'miss', reason: 'absent' }]));
      }
    }
    const settled = await Promise.allSettled(ids.map((id) => this.#entry(id, lookups.get(id))));
    const now = this.#clock();
    const accounts = new Map<string, Account>();
    const notFound: string[] = [];
    const failed = new Map<string, Error>();
    settled.forEach((result, index) => {
      const id = ids[index];
      if (id === undefined) return;
      if (result.status === 'fulfilled')
        accounts.set(id, deriveAccount(result.value.record, this.config, now));
      else if (result.reason instanceof AccountNotFoundError) notFound.push(id);
      else failed.set(id, result.reason instanceof Error ? result.reason : new Error(String(result.reason)));
    });
    return { accounts, notFound, failed };
  }

  /**
   * Forgets an account everywhere (process memo, "not found" memo, DynamoDB), so the next request
   * reads Organizations. Call it for Organizations events that change an account (`TagResource`,
   * `UntagResource`, `MoveAccount`, …). Other processes may serve their memo for up to
   * `memoryTtlSeconds` more.
   *
   * @throws {@link InvalidAccountIdError} (field `accountId`); DynamoDB errors are rethrown so the
   * event can be retried.
   *
   * @example
   * ```ts
   * for (const id of accountIdsFromOrganizationsEvent(event)) await service.invalidate(id);
   * ```
   */
  public async invalidate(accountId: string): Promise<void> {
    const id = assertAccountId(accountId, 'accountId');
    this.#generation.set(id, (this.#generation.get(id) ?? 0) + 1);
    this.#memo.delete(id);
    this.#notFound.delete(id);
    this.#inFlight.delete(id);
    await this.#cache?.delete(id);
  }

  /**
   * Reads an account from Organizations now and rewrites its cache row (the scheduled refresh), so
   * the next finding of the account finds fresh data without a lookup of its own. The row lives
   * `ttlSeconds` (default `cacheTtlSeconds`); a refresh that runs every N hours passes more than N
   * hours, so that rows do not expire between two refreshes. An account the organization no longer
   * knows has its row deleted (`removed`).
   *
   * @throws {@link InvalidAccountIdError} (field `accountId`), {@link AccountLookupError} when
   * Organizations fails, and the cache's error when the row cannot be written
   *
   * @example
   * ```ts
   * await service.refresh('111122223333', { ttlSeconds: 12 * 3600 }); // 'refreshed'
   * ```
   */
  public async refresh(
    accountId: string,
    options: { readonly ttlSeconds?: number | undefined } = {},
  ): Promise<'refreshed' | 'removed'> {
    const id = assertAccountId(accountId, 'accountId');
    this.#generation.set(id, (this.#generation.get(id) ?? 0) + 1);
    let record: RawAccountRecord;
    try {
      this.#stats.sourceLookups += 1;
      record = await this.#source.fetchAccount(id);
    } catch (error) {
      if (!(error instanceof AccountNotFoundError)) throw error;
      this.#stats.notFound += 1;
      this.#memo.delete(id);
      await this.#cache?.delete(id);
      return 'removed';
    }
    const fetchedAt = this.#clock();
    const ttlMs = (options.ttlSeconds ?? this.config.cacheTtlSeconds) * 1_000;
    const expiresAt = new Date(Math.floor((fetchedAt.getTime() + ttlMs) / 1_000) * 1_000);
    const entry: AccountCacheEntry = { record, fetchedAt, expiresAt };
    await this.#cache?.put(entry);
    this.#remember(id, entry, expiresAt.getTime());
    return 'refreshed';
  }

  /** A copy of the counters. */
  public stats(): AccountMetadataStats {
    return { ...this.#stats };
  }

  /** Whether the memo can answer for `id` (an account or a remembered "not found"). */
  #inMemory(id: string, nowMs: number): boolean {
    const memo = this.#memo.get(id);
    if (memo !== undefined && memo.untilMs > nowMs) return true;
    const notFoundUntil = this.#notFound.get(id);
    return notFoundUntil !== undefined && notFoundUntil > nowMs;
  }

  #entry(id: string, known: AccountCacheLookup | undefined): Promise<AccountCacheEntry> {
    const nowMs = this.#clock().getTime();
    const memo = this.#memo.get(id);
    if (memo !== undefined) {
      if (memo.untilMs > nowMs) {
        this.#stats.memoryHits += 1;
        return Promise.resolve(memo.entry);
      }
      this.#memo.delete(id);
    }
    const notFoundUntil = this.#notFound.get(id);
    if (notFoundUntil !== undefined) {
      if (notFoundUntil > nowMs) {
        this.#stats.memoryHits += 1;
        return Promise.reject(new AccountNotFoundError(id));
      }
      this.#notFound.delete(id);
    }
    const running = this.#inFlight.get(id);
    if (running !== undefined) {
      this.#stats.sharedLookups += 1;
      return running;
    }
    const lookup = this.#load(id, known).finally(() => {
      if (this.#inFlight.get(id) === lookup) this.#inFlight.delete(id);
    });
    this.#inFlight.set(id, lookup);
    return lookup;
  }

  async #load(id: string, known: AccountCacheLookup | undefined): Promise<AccountCacheEntry> {
    const generation = this.#generation.get(id) ?? 0;
    const current = () => (this.#generation.get(id) ?? 0) === generation;
    const lookup = known ?? (await this.#readCache(id));
    if (lookup?.status === 'fresh') {
      this.#stats.cacheHits += 1;
      if (current()) this.#remember(id, lookup.entry, lookup.entry.expiresAt.getTime());
      return lookup.entry;
    }
    if (lookup !== undefined) {
      this.#stats.cacheMisses += 1;
      if (lookup.status === 'miss' && lookup.reason === 'corrupt') this.#stats.cacheCorrupt += 1;
    }

    let record: RawAccountRecord;
    try {
      this.#stats.sourceLookups += 1;
      record = await this.#source.fetchAccount(id);
    } catch (error) {
      const nowMs = this.#clock().getTime();
      if (error instanceof AccountNotFoundError) {
        this.#stats.notFound += 1;
        if (current()) this.#bounded(this.#notFound, id, nowMs + this.config.notFoundTtlSeconds * 1_000);
        if (lookup?.status === 'expired') await this.#bestEffort('delete', id, () => this.#cache?.delete(id));
        throw error;
      }
      const stale = lookup?.status === 'expired' ? lookup.entry : undefined;
      const retryable = error instanceof AccountLookupError && error.retryable;
      if (
        stale !== undefined &&
        retryable &&
        nowMs - stale.expiresAt.getTime() <= this.config.serveStaleSeconds * 1_000
      ) {
        this.#stats.staleServed += 1;
        this.#logger.warn('Organizations lookup failed; serving the expired cache item', {
          accountId: id,
          fetchedAt: stale.fetchedAt.toISOString(),
          expiresAt: stale.expiresAt.toISOString(),
          error: describeError(error),
        });
        if (current()) this.#remember(id, stale, nowMs + STALE_MEMO_MS);
        return stale;
      }
      throw error;
    }

    const fetchedAt = this.#clock();
    const ttlMs = this.config.cacheTtlSeconds * 1_000 * (1 - this.config.cacheTtlJitter * this.#random());
    // Whole seconds, as DynamoDB stores them, so the memo and the table agree on the expiry.
    const expiresAt = new Date(Math.floor((fetchedAt.getTime() + ttlMs) / 1_000) * 1_000);
    const entry: AccountCacheEntry = { record, fetchedAt, expiresAt };
    if (current()) {
      await this.#bestEffort('write', id, () => this.#cache?.put(entry));
      this.#remember(id, entry, expiresAt.getTime());
    }
    return entry;
  }

  async #readCache(id: string): Promise<AccountCacheLookup | undefined> {
    if (this.#cache === undefined) return undefined;
    try {
      return await this.#cache.get(id, this.#clock());
    } catch (error) {
      this.#stats.cacheErrors += 1;
      this.#logger.warn('account cache read failed; asking Organizations', {
        accountId: id,
        error: describeError(error),
      });
      return undefined;
    }
  }

  async #bestEffort(what: string, id: string, action: () => Promise<void> | undefined): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.#stats.cacheErrors += 1;
      this.#logger.warn(`account cache ${what} failed`, { accountId: id, error: describeError(error) });
    }
  }

  #remember(id: string, entry: AccountCacheEntry, expiresAtMs: number): void {
    const untilMs = Math.min(expiresAtMs, this.#clock().getTime() + this.config.memoryTtlSeconds * 1_000);
    this.#bounded(this.#memo, id, { entry, untilMs });
  }

  /** Sets `map[id]` as the newest entry, evicting the oldest beyond `maxMemoryEntries`. */
  #bounded<V>(map: Map<string, V>, id: string, value: V): void {
    map.delete(id);
    map.set(id, value);
    while (map.size > this.config.maxMemoryEntries) {
      const oldest = map.keys().next();
      if (oldest.done === true) break;
      map.delete(oldest.value);
    }
  }
}

/** Options of {@link createAccountMetadataService}. */
export interface CreateAccountMetadataServiceOptions {
  /** See {@link OrganizationsAccountSourceOptions.client} for the recommended retry settings. */
  readonly organizationsClient: Pick<OrganizationsClient, 'send'>;
  /** Client for the cache table `config.tableName`; without it only the process memo is used. */
  readonly dynamoDbClient?: Pick<DynamoDBClient, 'send'> | undefined;
  readonly config?: AccountMetadataConfigInput | undefined;
  readonly clock?: (() => Date) | undefined;
  readonly logger?: SoarLogger | undefined;
  readonly random?: (() => number) | undefined;
  /** Most Organizations requests in flight at once. Default 5. */
  readonly maxConcurrentRequests?: number | undefined;
}

/**
 * Wires an {@link AccountMetadataService} to AWS Organizations and the DynamoDB cache table.
 *
 * @throws {@link AccountMetadataConfigError} if `options.config` is invalid.
 *
 * @example
 * ```ts
 * const service = createAccountMetadataService({
 *   organizationsClient: new OrganizationsClient({ region: 'us-east-1', retryMode: 'adaptive', maxAttempts: 5 }),
 *   dynamoDbClient: new DynamoDBClient({}),
 *   config: { ticketingSystem: 'SERVICE_NOW', tableName: 'soar-cached-account-data' },
 * });
 * ```
 */
export function createAccountMetadataService(
  options: CreateAccountMetadataServiceOptions,
): AccountMetadataService {
  const config = parseAccountMetadataConfig(options.config ?? {});
  const source = createOrganizationsAccountSource({
    client: options.organizationsClient,
    maxConcurrentRequests: options.maxConcurrentRequests,
    ouCacheTtlSeconds: config.cacheTtlSeconds,
    clock: options.clock,
  });
  const cache =
    options.dynamoDbClient === undefined
      ? undefined
      : createDynamoDbAccountCache({
          client: options.dynamoDbClient,
          tableName: config.tableName,
          logger: options.logger,
        });
  return new AccountMetadataService({
    source,
    cache,
    config,
    clock: options.clock,
    logger: options.logger,
    random: options.random,
  });
}
