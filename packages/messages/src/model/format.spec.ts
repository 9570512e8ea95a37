import { formatDuration, formatTimestamp, toJson } from './format';

describe('Function: formatTimestamp', () => {
  it.each([
    ['2026-11-20T10:15:30.123Z', '2026-11-20 10:15 UTC'],
    ['2026-11-20T12:15:30+02:00', '2026-11-20 10:15 UTC'],
    ['yesterday', 'yesterday'],
    ['  ', undefined],
    [undefined, undefined],
  ])('shows %j as %j', (input, expected) => {
    expect(formatTimestamp(input)).toBe(expected);
  });
});

describe('Function: formatDuration', () => {
  it.each([
    [0, '0 minutes'],
    [-5, '0 minutes'],
    [Number.NaN, '0 minutes'],
    [60, '1 minute'],
    [3_599, '59 minutes'],
    [3_600, '1 hour'],
    [86_400, '1 day'],
    [93_600, '1 day 2 hours'],
    [3 * 86_400 + 3_600, '3 days 1 hour'],
  ])('says %d seconds is %j', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('Function: toJson', () => {
  it('keeps JSON, drops what JSON cannot hold', () => {
    expect(toJson({ a: 1, b: undefined, c: new Date(0), d: [Infinity, () => 1], e: 10n })).toEqual({
      a: 1,
      c: '1970-01-01T00:00:00.000Z',
      d: [null, null],
      e: '10',
    });
  });

  it('cuts cycles by depth instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;

    expect(JSON.stringify(toJson(cyclic))).toContain('[…]');
  });
});
