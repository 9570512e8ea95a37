import { MAX_RETRIES_PER_INVOCATION, MAX_ROUNDS_PER_DAY } from './config';
import {
  childHistoryEvents,
  historicalHistoryEvents,
  HISTORY_EVENT_LIMIT,
  parentHistoryEvents,
} from './history';

describe('History arithmetic', () => {
  it.each([
    [1000, 339],
    [5000, 1619],
    [10000, 3219],
  ])('a night of %i accounts records %i events in the parent execution', (accounts, events) => {
    expect(parentHistoryEvents({ accounts, accountsPerBatch: 25, retriesPerBatch: 0 })).toBe(events);
  });

  it('keeps the parent of 5,000 accounts far below the limit even if every batch start is retried to the end', () => {
    const events = parentHistoryEvents({ accounts: 5000, accountsPerBatch: 25, retriesPerBatch: 4 });
    expect(events).toBe(4819);
    expect(events).toBeLessThan(HISTORY_EVENT_LIMIT / 5);
  });

  it('bounds a batch of 25 accounts over 4 days: 1,312 events typically, 13,612 at worst', () => {
    expect(childHistoryEvents({ accounts: 25, dates: 4, rounds: 1, retriesPerInvocation: 0 })).toBe(1312);
    const worst = childHistoryEvents({
      accounts: 25,
      dates: 4,
      rounds: MAX_ROUNDS_PER_DAY,
      retriesPerInvocation: MAX_RETRIES_PER_INVOCATION,
    });
    expect(worst).toBe(13_612);
    expect(worst).toBeLessThan(HISTORY_EVENT_LIMIT);
  });

  it('keeps a historical run of 731 days below the limit', () => {
    expect(historicalHistoryEvents(731, 0)).toBe(5867);
    expect(historicalHistoryEvents(731, 4)).toBeLessThan(HISTORY_EVENT_LIMIT);
  });
});
