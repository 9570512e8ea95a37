import { SILENT_LOGGER } from '@soar/common';
import { AccountMetadataService, type AccountMetadataServiceOptions } from './account-metadata-service';
import { type AccountCache, type AccountCacheEntry, type AccountCacheLookup } from './dynamodb-account-cache';
import {
  AccountLookupError,
  AccountMetadataConfigError,
  AccountNotFoundError,
  InvalidAccountIdError,
} from './errors';
import { type AccountSource } from './organizations-account-source';
import { type RawAccountRecord } from './raw-account';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const UNKNOWN = '999999999999';
const HOUR = 3_600_000;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const JOINED = new Date(T0 - 23 * HOUR).toISOString(); // 23 h old at T0

function record(id: string, team = 'pay'): RawAccountRecord {
  return {
    account: { Id: id, Name: `acct-${id}`, Email: `${id}@example.com`, JoinedTimestamp: JOINED },
    tags: { 'soar:team': team },
    parents: [{ type: 'ROOT', name: 'Root' }],
  };
}

/** Organizations stand-in: counts lookups; unknown ids are AccountNotFoundError. */
class FakeSource implements AccountSource {
  public readonly calls: string[] = [];
  public readonly records = new Map<string, RawAccountRecord>([A, B, C].map((id) => [id, record(id)]));
  public readonly failures = new Map<string, Error>();
  public gate: Promise<void> = Promise.resolve();

  public async fetchAccount(accountId: string): Promise<RawAccountRecord> {
    this.calls.push(accountId);
    // Organizations answers with the state at request time; the gate only delays the answer.
    const failure = this.failures.get(accountId);
    const found = this.records.get(accountId);
    await this.gate;
    if (failure !== undefined) throw failure;
    if (found === undefined) throw new AccountNotFoundError(accountId);
    return structuredClone(found);
  }
}

/** DynamoDB stand-in with the real expiry rule (fresh while now < expiresAt). */
class FakeCache implements AccountCache {
  public readonly items = new Map<string, AccountCacheEntry | 'corrupt'>();
  public readonly ops: string[] = [];
  public failReads = false;
  public failWrites = false;

  #lookup(id: string, now: Date): AccountCacheLookup {
    const item = this.items.get(id);
    if (item === undefined) return { status: 'miss', reason: 'absent' };
    if (item === 'corrupt') return { status: 'miss', reason: 'corrupt', detail: 'data: not JSON' };
    return { status: item.expiresAt.getTime() > now.getTime() ? 'fresh' : 'expired', entry: item };
  }
  public async get(id: string, now: Date): Promise<AccountCacheLookup> {
    this.ops.push(`get:${id}`);
    if (this.failReads) throw new Error('ddb down');
    return this.#lookup(id, now);
  }
  public async getMany(ids: readonly string[], now: Date): Promise<Map<string, AccountCacheLookup>> {
    this.ops.push(`getMany:${ids.join(',')}`);
    if (this.failReads) throw new Error('ddb down');
    return new Map(ids.map((id) => [id, this.#lookup(id, now)]));
  }
  public async put(entry: AccountCacheEntry): Promise<void> {
    this.ops.push(`put:${entry.record.account.Id}`);
    if (this.failWrites) throw new Error('ddb down');
    this.items.set(entry.record.account.Id, entry);
  }
  public async delete(id: string): Promise<void> {
    this.ops.push(`delete:${id}`);
    this.items.delete(id);
  }
}

let now: number;
let source: FakeSource;
let cache: FakeCache;
let warn: jest.Mock;

function service(options: Partial<AccountMetadataServiceOptions> = {}): AccountMetadataService {
  return new AccountMetadataService({
    source,
    cache,
    clock: () => new Date(now),
    logger: { ...SILENT_LOGGER, warn },
    random: () => 0,
    ...options,
  });
}

beforeEach(() => {
  now = T0;
  source = new FakeSource();
  cache = new FakeCache();
  warn = jest.fn();
});

describe('AccountMetadataService.getAccount', () => {
  it('derives the Account from Organizations and writes the raw record to the cache', async () => {
    const account = await service().getAccount(A);
    expect(account).toMatchObject({ Id: A, Team: 'pay', OrganizationalUnit: 'ROOT', AccountNew: true });
    expect(cache.ops).toEqual([`get:${A}`, `put:${A}`]);
    const stored = cache.items.get(A);
    expect(stored).toEqual({
      record: record(A),
      fetchedAt: new Date(T0),
      expiresAt: new Date(T0 + 6 * HOUR),
    });
  });

  it.each([
    ['too short', '1234'],
    ['with dashes', '1111-2222-3333'],
    ['empty', ''],
  ])('rejects an account id %s naming the field, before any lookup', async (_name, id) => {
    const svc = service();
    await expect(svc.getAccount(id)).rejects.toBeInstanceOf(InvalidAccountIdError);
    await expect(svc.getAccount(id)).rejects.toMatchObject({ field: 'accountId' });
    await expect(svc.getAccount(id)).rejects.toThrow(/accountId/);
    expect(source.calls).toEqual([]);
    expect(cache.ops).toEqual([]);
  });

  it('shares one lookup between concurrent requests for the same account', async () => {
    let open: () => void = () => undefined;
    source.gate = new Promise((resolve) => (open = resolve));
    const svc = service();
    const pending = Array.from({ length: 100 }, () => svc.getAccount(A));
    open();
    const accounts = await Promise.all(pending);
    expect(new Set(accounts.map((a) => a.Id))).toEqual(new Set([A]));
    expect(source.calls).toEqual([A]);
    expect(cache.ops).toEqual([`get:${A}`, `put:${A}`]);
    expect(svc.stats()).toMatchObject({ sourceLookups: 1, sharedLookups: 99 });
  });

  it('answers from the process memo, then DynamoDB after memoryTtlSeconds, then Organizations after expiry', async () => {
    const svc = service({ config: { memoryTtlSeconds: 60, cacheTtlSeconds: 600 } });
    await svc.getAccount(A);
    now += 59_999;
    await svc.getAccount(A);
    expect(cache.ops).toEqual([`get:${A}`, `put:${A}`]); // memo hit
    now = T0 + 60_000;
    await svc.getAccount(A);
    expect(cache.ops).toEqual([`get:${A}`, `put:${A}`, `get:${A}`]); // cache hit
    expect(source.calls).toEqual([A]);
    now = T0 + 600_000; // exactly at expires_at: expired
    await svc.getAccount(A);
    expect(source.calls).toEqual([A, A]);
    expect(svc.stats()).toMatchObject({ memoryHits: 1, cacheHits: 1, cacheMisses: 2, sourceLookups: 2 });
  });

  it('never memoizes past the item expiry', async () => {
    const svc = service({ config: { memoryTtlSeconds: 3_600, cacheTtlSeconds: 60 } });
    await svc.getAccount(A);
    now += 60_000;
    await svc.getAccount(A);
    expect(source.calls).toEqual([A, A]);
  });

  it('computes AccountNew at read time, exactly at minAgeHours, without a new lookup', async () => {
    const svc = service({ config: { minAgeHours: 24 } });
    expect((await svc.getAccount(A)).AccountNew).toBe(true); // 23 h old
    now = T0 + HOUR - 1;
    expect((await svc.getAccount(A)).AccountNew).toBe(true);
    now = T0 + HOUR; // exactly 24 h
    expect((await svc.getAccount(A)).AccountNew).toBe(false);
    expect(source.calls).toEqual([A]);
  });

  it('applies the TTL jitter per item (never longer than cacheTtlSeconds)', async () => {
    await service({
      random: () => 0.999,
      config: { cacheTtlSeconds: 1_000, cacheTtlJitter: 0.2 },
    }).getAccount(A);
    expect(cache.items.get(A)).toMatchObject({ expiresAt: new Date(T0 + 800_000) }); // 800.2 s, floored
    await service({ random: () => 0.5, config: { cacheTtlSeconds: 1_000, cacheTtlJitter: 0.2 } }).getAccount(
      B,
    );
    expect(cache.items.get(B)).toMatchObject({ expiresAt: new Date(T0 + 900_000) });
  });

  it('throws AccountNotFoundError once per account and remembers it for notFoundTtlSeconds', async () => {
    const svc = service({ config: { notFoundTtlSeconds: 120 } });
    const results = await Promise.allSettled([svc.getAccount(UNKNOWN), svc.getAccount(UNKNOWN)]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(AccountNotFoundError);
    }
    await expect(svc.getAccount(UNKNOWN)).rejects.toMatchObject({
      name: 'AccountNotFoundError',
      accountId: UNKNOWN,
    });
    expect(source.calls).toEqual([UNKNOWN]);
    now += 120_000;
    await expect(svc.getAccount(UNKNOWN)).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(source.calls).toEqual([UNKNOWN, UNKNOWN]);
    expect(cache.items.has(UNKNOWN)).toBe(false);
  });

  it('deletes the expired item of an account that left the organization', async () => {
    const svc = service({ config: { memoryTtlSeconds: 0, cacheTtlSeconds: 60 } });
    await svc.getAccount(A);
    source.records.delete(A);
    now += 61_000;
    await expect(svc.getAccount(A)).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(cache.items.has(A)).toBe(false);
  });

  describe('when Organizations fails', () => {
    const throttled = () => new AccountLookupError(A, 'DescribeAccount', 'TooManyRequestsException', true);

    async function expiredItem(svc: AccountMetadataService): Promise<void> {
      await svc.getAccount(A);
      now += 6 * HOUR + 1_000;
    }

    it('serves an expired item on a retryable error, and logs it', async () => {
      const svc = service();
      await expiredItem(svc);
      source.failures.set(A, throttled());
      await expect(svc.getAccount(A)).resolves.toMatchObject({ Id: A, Team: 'pay' });
      expect(svc.stats().staleServed).toBe(1);
      expect(warn).toHaveBeenCalledWith(
        'Organizations lookup failed; serving the expired cache item',
        expect.objectContaining({ accountId: A }),
      );
      // The stale copy is reused briefly instead of hammering a throttled Organizations.
      await svc.getAccount(A);
      expect(source.calls).toEqual([A, A]);
    });

    it('does not serve stale data on a non-retryable error or beyond serveStaleSeconds', async () => {
      const svc = service({ config: { serveStaleSeconds: 3_600 } });
      await expiredItem(svc);
      source.failures.set(A, new AccountLookupError(A, 'DescribeAccount', 'AccessDeniedException', false));
      await expect(svc.getAccount(A)).rejects.toMatchObject({ awsErrorName: 'AccessDeniedException' });
      source.failures.set(A, throttled());
      now += 3_600_000;
      await expect(svc.getAccount(A)).rejects.toMatchObject({ awsErrorName: 'TooManyRequestsException' });
    });

    it('rethrows without a cached copy, and retries on the next request', async () => {
      const svc = service();
      source.failures.set(A, throttled());
      await expect(svc.getAccount(A)).rejects.toBeInstanceOf(AccountLookupError);
      source.failures.clear();
      await expect(svc.getAccount(A)).resolves.toMatchObject({ Id: A });
      expect(source.calls).toEqual([A, A]);
    });
  });

  describe('when DynamoDB fails', () => {
    it('bypasses a failing cache read and logs it', async () => {
      cache.failReads = true;
      const svc = service();
      await expect(svc.getAccount(A)).resolves.toMatchObject({ Id: A });
      expect(svc.stats().cacheErrors).toBe(1);
      expect(warn).toHaveBeenCalledWith('account cache read failed; asking Organizations', expect.anything());
    });

    it('returns the account when the cache write fails, and logs it', async () => {
      cache.failWrites = true;
      await expect(service().getAccount(A)).resolves.toMatchObject({ Id: A });
      expect(warn).toHaveBeenCalledWith(
        'account cache write failed',
        expect.objectContaining({ accountId: A }),
      );
    });

    it('treats a corrupt item as a miss', async () => {
      cache.items.set(A, 'corrupt');
      const svc = service();
      await expect(svc.getAccount(A)).resolves.toMatchObject({ Id: A });
      expect(source.calls).toEqual([A]);
      expect(svc.stats()).toMatchObject({ cacheCorrupt: 1, cacheMisses: 1 });
    });
  });

  it('works without a persistent cache', async () => {
    const svc = service({ cache: undefined });
    await svc.getAccount(A);
    await svc.getAccount(A);
    expect(source.calls).toEqual([A]);
  });

  it('bounds the memo by maxMemoryEntries, evicting the oldest', async () => {
    const svc = service({ cache: undefined, config: { maxMemoryEntries: 2 } });
    await svc.getAccount(A);
    await svc.getAccount(B);
    await svc.getAccount(C); // evicts A
    await svc.getAccount(B);
    await svc.getAccount(A);
    expect(source.calls).toEqual([A, B, C, A]);
  });

  it('rejects an invalid configuration naming the field', () => {
    expect(() => service({ config: { cacheTtlSeconds: -5 } })).toThrow(AccountMetadataConfigError);
    expect(() => service({ config: { cacheTtlSeconds: -5 } })).toThrow(/cacheTtlSeconds/);
  });
});

describe('AccountMetadataService.refresh', () => {
  it('rewrites the row from Organizations with the given lifetime, without emptying it first', async () => {
    // Arrange: a cached row with an old team
    const svc = service();
    source.records.set(A, record(A, 'old-team'));
    await svc.getAccount(A);
    source.records.set(A, record(A, 'new-team'));
    cache.ops.length = 0;

    // Act
    const outcome = await svc.refresh(A, { ttlSeconds: 12 * 3600 });

    // Assert: one write replaces the row (never a delete), and readers see the new team at once
    expect(outcome).toBe('refreshed');
    expect(cache.ops).toEqual([`put:${A}`]);
    const item = cache.items.get(A);
    expect(item === 'corrupt' ? undefined : item?.expiresAt.toISOString()).toBe(
      new Date(T0 + 12 * HOUR).toISOString(),
    );
    await expect(svc.getAccount(A)).resolves.toMatchObject({ Team: 'new-team' });
  });

  it('deletes the row of an account that left the organization', async () => {
    const svc = service();
    await svc.getAccount(A);
    source.records.delete(A);

    await expect(svc.refresh(A)).resolves.toBe('removed');
    expect(cache.items.has(A)).toBe(false);
  });

  it('throws when Organizations fails, and leaves the row as it was', async () => {
    const svc = service();
    await svc.getAccount(A);
    source.failures.set(A, new AccountLookupError(A, 'DescribeAccount', 'TooManyRequestsException', true));

    await expect(svc.refresh(A)).rejects.toBeInstanceOf(AccountLookupError);
    expect(cache.items.has(A)).toBe(true);
  });
});

describe('AccountMetadataService.invalidate', () => {
  it('forgets the memo and the DynamoDB item, so the next request reads Organizations', async () => {
    const svc = service();
    await svc.getAccount(A);
    source.records.set(A, record(A, 'new-team'));
    await svc.invalidate(A);
    expect(cache.items.has(A)).toBe(false);
    await expect(svc.getAccount(A)).resolves.toMatchObject({ Team: 'new-team' });
    expect(source.calls).toEqual([A, A]);
  });

  it('forgets a remembered "not found"', async () => {
    const svc = service();
    await expect(svc.getAccount(UNKNOWN)).rejects.toBeInstanceOf(AccountNotFoundError);
    source.records.set(UNKNOWN, record(UNKNOWN));
    await svc.invalidate(UNKNOWN);
    await expect(svc.getAccount(UNKNOWN)).resolves.toMatchObject({ Id: UNKNOWN });
  });

  it('keeps a lookup that was in flight during the invalidation out of the memo and the cache', async () => {
    let open: () => void = () => undefined;
    source.gate = new Promise((resolve) => (open = resolve));
    const svc = service();
    const before = svc.getAccount(A);
    await Promise.resolve();
    await svc.invalidate(A);
    source.records.set(A, record(A, 'new-team'));
    open();
    await expect(before).resolves.toMatchObject({ Team: 'pay' }); // its caller still gets an answer
    expect(cache.items.has(A)).toBe(false);
    source.gate = Promise.resolve();
    await expect(svc.getAccount(A)).resolves.toMatchObject({ Team: 'new-team' });
  });

  it('validates the account id', async () => {
    await expect(service().invalidate('abc')).rejects.toMatchObject({
      name: 'InvalidAccountIdError',
      field: 'accountId',
    });
  });
});

describe('AccountMetadataService.getAccounts', () => {
  it('uses the memo, one batch read and Organizations, and reports unknown and failed ids', async () => {
    const D = '444444444444';
    const svc = service();
    await svc.getAccount(A); // memo
    cache.items.set(B, { record: record(B), fetchedAt: new Date(T0), expiresAt: new Date(T0 + HOUR) }); // cache
    source.records.set(D, record(D));
    source.failures.set(D, new AccountLookupError(D, 'ListParents', 'ServiceException', true));
    cache.ops.length = 0;
    source.calls.length = 0;

    const result = await svc.getAccounts([C, A, B, UNKNOWN, C, D]);

    expect([...result.accounts.keys()]).toEqual([C, A, B]);
    expect(result.accounts.get(B)).toMatchObject({ Id: B, AccountNew: true });
    expect(result.notFound).toEqual([UNKNOWN]);
    expect([...result.failed.keys()]).toEqual([D]);
    expect(result.failed.get(D)).toBeInstanceOf(AccountLookupError);
    expect(cache.ops).toEqual([`getMany:${C},${B},${UNKNOWN},${D}`, `put:${C}`]);
    expect(source.calls.sort()).toEqual([C, UNKNOWN, D].sort());
  });

  it('names the bad element of the list before any lookup', async () => {
    const svc = service();
    await expect(svc.getAccounts([A, B, 'nope'])).rejects.toMatchObject({ field: 'accountIds[2]' });
    expect(cache.ops).toEqual([]);
  });

  it('falls back to Organizations when the batch read fails', async () => {
    cache.failReads = true;
    const result = await service().getAccounts([A, B]);
    expect(result.accounts.size).toBe(2);
    expect(source.calls).toEqual([A, B]);
    expect(warn).toHaveBeenCalledWith(
      'account cache batch read failed; asking Organizations',
      expect.anything(),
    );
  });

  it('joins lookups already in flight', async () => {
    let open: () => void = () => undefined;
    source.gate = new Promise((resolve) => (open = resolve));
    const svc = service();
    const single = svc.getAccount(A);
    const batch = svc.getAccounts([A, B]);
    open();
    await Promise.all([single, batch]);
    expect(source.calls.sort()).toEqual([A, B]);
  });
});
