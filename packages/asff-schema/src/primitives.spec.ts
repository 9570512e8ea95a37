import { isAwsTimestamp } from './primitives';

describe('Function: isAwsTimestamp', () => {
  it.each([
    ['seconds in UTC', '2019-01-31T23:00:00Z'],
    ['nanoseconds in UTC', '2019-01-31T23:00:00.123456789Z'],
    ['an offset with a colon', '2024-01-04T15:25:10+17:59'],
    ['an offset without a colon', '2024-01-04T15:25:10-1759'],
    ['a CloudWatch offset', '2019-10-02T17:04:40.989+0000'],
    ['an hour-only offset', '2024-01-04T15:25:10+05'],
    ['a leap day', '2024-02-29T00:00:00Z'],
  ])('accepts %s', (_name, value) => {
    // Act
    const result = isAwsTimestamp(value);

    // Assert
    expect(result).toBe(true);
  });

  it.each([
    ['a date without a time', '2019-01-31'],
    ['a time without seconds', '2019-01-31T23:00Z'],
    ['no zone', '2019-01-31T23:00:00'],
    ['February 30', '2024-02-30T00:00:00Z'],
    ['February 29 of a common year', '2023-02-29T00:00:00Z'],
    ['hour 24', '2019-01-31T24:00:00Z'],
    ['an offset beyond 18 hours', '2024-01-04T15:25:10+18:01'],
    ['ten fraction digits', '2019-01-31T23:00:00.1234567890Z'],
    ['free text that Date.parse accepts', 'hello 1'],
    ['an empty string', ''],
  ])('rejects %s', (_name, value) => {
    // Act
    const result = isAwsTimestamp(value);

    // Assert
    expect(result).toBe(false);
  });
});
