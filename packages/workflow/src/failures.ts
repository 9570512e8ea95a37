import type { FailureRecord, FailureRecorder } from './ports';

/** Keeps failures in memory (local runs and tests); `list()` returns them in order. */
export function createMemoryFailureRecorder(): FailureRecorder & { list(): readonly FailureRecord[] } {
  const failures: FailureRecord[] = [];
  return {
    record(failure) {
      failures.push(failure);
      return Promise.resolve();
    },
    list: () => [...failures],
  };
}
