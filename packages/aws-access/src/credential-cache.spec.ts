import { CredentialCache } from './credential-cache';

interface Value {
  readonly id: number;
  readonly expiresAt: number;
}

function setup(refreshMarginMs = 1000) {
  let now = 0;
  let loads = 0;
  const cache = new CredentialCache<Value>({
    now: () => now,
    refreshMarginMs,
    expiresAt: (v) => v.expiresAt,
  });
  const load = jest.fn(async (): Promise<Value> => ({ id: ++loads, expiresAt: now + 10_000 }));
  return {
    cache,
    load,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A promise with its resolve/reject exposed. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CredentialCache', () => {
  it('loads once per key and serves the cached value afterwards', async () => {
    const { cache, load } = setup();
    const first = await cache.get('a', load);
    const second = await cache.get('a', load);
    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps keys apart', async () => {
    const { cache, load } = setup();
    const a = await cache.get('a', load);
    const b = await cache.get('b', load);
    expect(a.id).not.toBe(b.id);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(2);
  });

  it('reloads once the value is within the refresh margin of its expiry', async () => {
    const { cache, load, advance } = setup(1000);
    const first = await cache.get('a', load); // expires at 10_000, refresh from 9_000
    advance(8_999);
    expect(await cache.get('a', load)).toBe(first);
    advance(1);
    const second = await cache.get('a', load);
    expect(second.id).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one in-flight load between concurrent callers', async () => {
    const { cache } = setup();
    const gate = deferred<Value>();
    const load = jest.fn(() => gate.promise);
    const callers = Array.from({ length: 25 }, () => cache.get('a', load));
    gate.resolve({ id: 1, expiresAt: 10_000 });
    const values = await Promise.all(callers);
    expect(new Set(values).size).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failure: concurrent callers share it, the next caller retries', async () => {
    const { cache } = setup();
    const gate = deferred<Value>();
    const failing = jest.fn(() => gate.promise);
    const callers = [cache.get('a', failing), cache.get('a', failing)];
    gate.reject(new Error('throttled'));
    for (const caller of callers) await expect(caller).rejects.toThrow('throttled');
    expect(failing).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(0);

    const ok = jest.fn(async () => ({ id: 7, expiresAt: 10_000 }));
    await expect(cache.get('a', ok)).resolves.toEqual({ id: 7, expiresAt: 10_000 });
    expect(ok).toHaveBeenCalledTimes(1);
  });

  it('turns a synchronous throw of the loader into a rejection', async () => {
    const { cache } = setup();
    const throwing = () => {
      throw new Error('sync');
    };
    await expect(cache.get('a', throwing)).rejects.toThrow('sync');
    expect(cache.size).toBe(0);
  });

  it('forceRefresh bypasses a fresh value but joins a load in flight', async () => {
    const { cache, load } = setup();
    const first = await cache.get('a', load);
    const [second, third] = await Promise.all([cache.get('a', load, true), cache.get('a', load, true)]);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('clear() forgets values, and a load in flight during clear() is not stored', async () => {
    const { cache, load } = setup();
    await cache.get('a', load);
    const gate = deferred<Value>();
    const pending = cache.get('b', () => gate.promise);
    cache.clear();
    gate.resolve({ id: 99, expiresAt: 10_000 });
    await expect(pending).resolves.toEqual({ id: 99, expiresAt: 10_000 });
    expect(cache.size).toBe(0);
  });

  it('sweeps expired entries when storing a new value', async () => {
    const { cache, load, advance } = setup();
    await cache.get('a', load);
    advance(10_000);
    await cache.get('b', load);
    expect(cache.size).toBe(1);
  });
});
