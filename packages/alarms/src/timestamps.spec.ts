import { normalizeTimestamp } from './timestamps';

describe('Function: normalizeTimestamp', () => {
  const cases: [string, string | undefined][] = [
    ['2024-06-19T15:30:00.000+0000', '2024-06-19T15:30:00.000Z'], // CloudWatch
    ['2024-06-19T15:30:00.000+00:00', '2024-06-19T15:30:00.000Z'],
    ['2024-06-19T15:30:00Z', '2024-06-19T15:30:00.000Z'],
    ['2024-06-19T15:30:00.5Z', '2024-06-19T15:30:00.500Z'],
    ['2024-06-19T15:30:00.123456789Z', '2024-06-19T15:30:00.123Z'], // truncated, not rounded
    ['2024-06-19T15:30:00.999999Z', '2024-06-19T15:30:00.999Z'],
    ['2024-06-19T17:30:00.123+02:00', '2024-06-19T15:30:00.123Z'],
    ['2024-06-19T10:00:00-0530', '2024-06-19T15:30:00.000Z'],
    ['2024-06-19T12:30:00-03', '2024-06-19T15:30:00.000Z'],
    ['2024-12-31T23:30:00-01:00', '2025-01-01T00:30:00.000Z'], // crosses a year
    ['0050-03-01T00:00:00Z', '0050-03-01T00:00:00.000Z'], // no 1900 + year
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0000-01-01T00:30:00+01:00', undefined], // before year 0 in UTC
    ['2024-06-19T15:30:00', undefined], // no zone: not an AWS timestamp
    ['2024-02-30T00:00:00Z', undefined],
    ['2024-13-40T25:70:90Z', undefined],
    ['not-a-timestamp', undefined],
    ['', undefined],
  ];

  it.each(cases)('%s -> %s', (input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });
});
