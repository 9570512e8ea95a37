/** Options of {@link CredentialCache}. */
export interface CredentialCacheOptions<V> {
  /** Current time in epoch milliseconds. */
  readonly now: () => number;
  /** A value is refreshed once fewer than this many milliseconds are left before it expires. */
  readonly refreshMarginMs: number;
  /** When a value expires, in epoch milliseconds. */
  readonly expiresAt: (value: V) => number;
}

type Entry<V> =
  | { readonly state: 'loading'; readonly promise: Promise<V> }
  | { readonly state: 'ready'; readonly value: V; readonly expiresAt: number };

/**
 * A keyed cache of expiring values (temporary credentials) with single-flight loading.
 *
 * - A value is served until `refreshMarginMs` before it expires; then the next caller loads a new one.
 * - While a key is loading, every caller for that key awaits the same promise: N concurrent requests
 *   make one `sts:AssumeRole` call, not N (no thundering herd).
 * - A failed load is not cached: the entry is removed and the next caller tries again.
 * - Expired entries are swept whenever a new value is stored, so the cache stays as small as the set
 *   of keys in use.
 *
 * @example
 * ```ts
 * const cache = new CredentialCache<AwsCredentialIdentity>({
 *   now: Date.now,
 *   refreshMarginMs: 5 * 60_000,
 *   expiresAt: (credentials) => credentials.expiration?.getTime() ?? 0,
 * });
 * const credentials = await cache.get(roleArn, () => assumeRole(roleArn));
 * ```
 */
export class CredentialCache<V> {
  readonly #options: CredentialCacheOptions<V>;
  readonly #entries = new Map<string, Entry<V>>();

  constructor(options: CredentialCacheOptions<V>) {
    this.#options = options;
  }

  /**
   * The cached value for `key` if still fresh, else the result of `load()`, shared with every
   * concurrent caller for the same key.
   *
   * @param forceRefresh - Ignore a cached value (but still join a load in flight).
   *
   * @example
   * ```ts
   * const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]); // one load()
   * ```
   */
  get(key: string, load: () => Promise<V>, forceRefresh = false): Promise<V> {
    const entry = this.#entries.get(key);
    if (entry?.state === 'loading') return entry.promise;
    if (entry?.state === 'ready' && !forceRefresh && this.#isFresh(entry.expiresAt)) {
      return Promise.resolve(entry.value);
    }

    const promise: Promise<V> = Promise.resolve()
      .then(load)
      .then(
        (value) => {
          // Store only if this load is still the current one (clear() may have run meanwhile).
          if (this.#entries.get(key) === loading) {
            this.#sweep();
            this.#entries.set(key, { state: 'ready', value, expiresAt: this.#options.expiresAt(value) });
          }
          return value;
        },
        (error: unknown) => {
          if (this.#entries.get(key) === loading) this.#entries.delete(key);
          throw error;
        },
      );
    const loading: Entry<V> = { state: 'loading', promise };
    this.#entries.set(key, loading);
    return promise;
  }

  /**
   * Forgets every cached value. Loads in flight still resolve for their callers but are not stored.
   *
   * @example
   * ```ts
   * afterEach(() => cache.clear());
   * ```
   */
  clear(): void {
    this.#entries.clear();
  }

  /**
   * Number of keys cached or loading.
   *
   * @example
   * ```ts
   * expect(cache.size).toBe(1);
   * ```
   */
  get size(): number {
    return this.#entries.size;
  }

  #isFresh(expiresAt: number): boolean {
    return this.#options.now() < expiresAt - this.#options.refreshMarginMs;
  }

  #sweep(): void {
    const now = this.#options.now();
    for (const [key, entry] of this.#entries) {
      if (entry.state === 'ready' && entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}
