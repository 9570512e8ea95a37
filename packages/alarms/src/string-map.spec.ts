import {
  boundedJsonArray,
  boundedJsonObject,
  boundedStringMap,
  OTHER_DETAILS_LIMITS,
  PRODUCT_FIELDS_LIMITS,
  truncate,
} from './string-map';

describe('Function: boundedStringMap', () => {
  it('keeps at most 50 pairs, in priority order, and says which were dropped', () => {
    const entries = Array.from({ length: 60 }, (_, index): [string, string] => [
      `key-${index}`,
      `value ${index}`,
    ]);

    const { map, dropped, truncated } = boundedStringMap(entries, PRODUCT_FIELDS_LIMITS);

    expect(Object.keys(map)).toHaveLength(50);
    expect(map['key-49']).toBe('value 49');
    expect(dropped).toEqual(Array.from({ length: 10 }, (_, index) => `key-${50 + index}`));
    expect(truncated).toEqual([]);
  });

  it('cuts values to the limit and drops keys that are too long', () => {
    const { map, dropped, truncated } = boundedStringMap(
      [
        ['long', 'x'.repeat(5000)],
        ['k'.repeat(129), 'value'],
        ['ok', 'value'],
      ],
      PRODUCT_FIELDS_LIMITS,
    );

    expect(map['long']).toHaveLength(2048);
    expect(map['long']?.endsWith('…')).toBe(true);
    expect(truncated).toEqual(['long']);
    expect(dropped).toEqual(['k'.repeat(129)]);
    expect(map['ok']).toBe('value');
  });

  it('skips undefined and blank values, which Security Hub rejects, and keeps the first of a key', () => {
    const { map } = boundedStringMap(
      [
        ['a', undefined],
        ['b', '  '],
        ['c', 'first'],
        ['c', 'second'],
      ],
      OTHER_DETAILS_LIMITS,
    );
    expect(map).toEqual({ c: 'first' });
  });

  it('keeps Details.Other keys under 128 and values under 1,024 characters', () => {
    const { map } = boundedStringMap(
      [
        ['k'.repeat(127), 'v'.repeat(2000)],
        ['k'.repeat(128), 'v'],
      ],
      OTHER_DETAILS_LIMITS,
    );
    expect(Object.keys(map)).toEqual(['k'.repeat(127)]);
    expect(map['k'.repeat(127)]).toHaveLength(1023);
  });
});

describe('Function: truncate', () => {
  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(8)}😀😀`; // the emoji are 2 code units each
    expect(truncate(text, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(truncate(text, 12)).toBe(text);
  });
});

describe('Functions: boundedJsonArray, boundedJsonObject', () => {
  it('stay valid JSON within the limit', () => {
    const items = Array.from(
      { length: 200 },
      (_, index) => `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:A${index}`,
    );
    const array = boundedJsonArray(items, 2048);
    expect(array.length).toBeLessThanOrEqual(2048);
    expect((JSON.parse(array) as string[]).at(-1)).toBe('…');

    const map = Object.fromEntries(
      Array.from({ length: 30 }, (_, index) => [`Dimension${index}`, 'v'.repeat(1024)]),
    );
    const object = boundedJsonObject(map, 1023);
    expect(object.length).toBeLessThanOrEqual(1023);
    expect(JSON.parse(object)).toHaveProperty('…');
  });

  it('are plain JSON when everything fits', () => {
    expect(boundedJsonArray(['a'], 100)).toBe('["a"]');
    expect(boundedJsonObject({ FunctionName: 'payments' }, 100)).toBe('{"FunctionName":"payments"}');
  });
});
