import { DateRangeError } from './errors';
import { batchesOf, dateRange, nightlyDates, parseDay } from './dates';

const NOW = new Date('2026-06-20T01:00:00.000Z');

describe('Function: nightlyDates', () => {
  it('gives yesterday, then the catch-up days before it, never today', () => {
    expect(nightlyDates(NOW, 3)).toEqual(['2026-06-19', '2026-06-18', '2026-06-17', '2026-06-16']);
  });

  it('crosses month and year ends', () => {
    expect(nightlyDates(new Date('2026-01-01T23:59:59Z'), 1)).toEqual(['2025-12-31', '2025-12-30']);
  });
});

describe('Function: dateRange', () => {
  it('lists every day of the range, both ends included, oldest first', () => {
    expect(dateRange({ startDate: '2026-02-27', endDate: '2026-03-02' }, NOW, 731)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('accepts yesterday as the end', () => {
    expect(dateRange({ startDate: '2026-06-19', endDate: '2026-06-19' }, NOW, 1)).toEqual(['2026-06-19']);
  });

  it.each([
    [{ startDate: '2026-02-30', endDate: '2026-03-01' }, 'startDate', /real day/],
    [{ startDate: '2026-03-01', endDate: '20260302' }, 'endDate', /real day/],
    [
      { startDate: '2026-06-01', endDate: '2026-06-20' },
      'endDate',
      /2026-06-19 \(yesterday, UTC\) or earlier/,
    ],
    [{ startDate: '2026-06-10', endDate: '2026-06-01' }, 'startDate', /not be after endDate 2026-06-01/],
    [{ startDate: '2024-01-01', endDate: '2026-06-01' }, 'startDate', /has 883 days, more than the 731/],
  ])('refuses %j, naming %s', (range, field, message) => {
    const act = () => dateRange(range, NOW, 731);
    expect(act).toThrow(DateRangeError);
    expect(act).toThrow(message);
    try {
      act();
    } catch (error) {
      expect((error as DateRangeError).field).toBe(field);
    }
  });
});

describe('Function: parseDay', () => {
  it('reads real days only', () => {
    expect(parseDay('2024-02-29')).toBe(19782);
    expect(parseDay('2023-02-29')).toBeUndefined();
    expect(parseDay('2023-2-1')).toBeUndefined();
  });
});

describe('Function: batchesOf', () => {
  it('splits into consecutive batches, the last shorter', () => {
    expect(batchesOf(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(batchesOf([], 25)).toEqual([]);
  });
});
