import { createLimiter } from './concurrency';

describe('createLimiter', () => {
  it('never runs more than `limit` tasks at once and runs them all in FIFO order', async () => {
    const limit = createLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limit(async () => {
          started.push(i);
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
          active -= 1;
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('releases the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('does not let a newcomer overtake a woken waiter', async () => {
    const limit = createLimiter(1);
    let active = 0;
    let peak = 0;
    const task = () =>
      limit(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await Promise.resolve();
        active -= 1;
      });
    const first = task();
    const second = task();
    await first;
    const third = task(); // arrives while `second` is being handed the slot
    await Promise.all([second, third]);
    expect(peak).toBe(1);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects limit %p', (value) => {
    expect(() => createLimiter(value)).toThrow(RangeError);
  });
});
