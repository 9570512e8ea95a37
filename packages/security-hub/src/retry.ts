/** How items that AWS reports as not processed (retryable codes) are tried again. */
export interface RetryOptions {
  /** Total attempts per item, the first included. Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Delay before the second attempt; doubles each time. Default 200 ms. */
  readonly baseDelayMs?: number | undefined;
  /** Upper bound of one delay. Default 2000 ms. */
  readonly maxDelayMs?: number | undefined;
  /** Waits; injectable for tests. Default `setTimeout`. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** 0..1 for jitter; injectable for tests. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
}

/** {@link RetryOptions} with defaults applied. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  delay(attempt: number): number;
  sleep(ms: number): Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * A bounded exponential backoff with "equal jitter": attempt n (n ≥ 1 retries done) waits between half
 * and all of `min(maxDelayMs, baseDelayMs * 2^(n-1))`.
 *
 * @example
 * ```ts
 * const policy = retryPolicy({ maxAttempts: 4, sleep: async () => {} });
 * policy.delay(1); // 100..200
 * ```
 */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const baseDelayMs = Math.max(0, options.baseDelayMs ?? 200);
  const maxDelayMs = Math.max(baseDelayMs, options.maxDelayMs ?? 2000);
  const random = options.random ?? Math.random;
  return {
    maxAttempts,
    delay(attempt: number): number {
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
      return Math.round(ceiling / 2 + (ceiling / 2) * random());
    },
    sleep: options.sleep ?? defaultSleep,
  };
}
