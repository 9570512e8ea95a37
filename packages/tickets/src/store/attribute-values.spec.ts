import { fromAttributeValue, fromItem, toAttributeValue, toItem } from './attribute-values';
import { ExpressionBuilder } from './expression';
import { openShard } from './table';

describe('Functions: attribute value marshalling', () => {
  it('round-trips strings, numbers, booleans, null, lists and maps', () => {
    const value = {
      id: 'f-1',
      version: 3,
      escalated: false,
      gone: null,
      history: [{ ticket_id: 'SEC-1', opened_at: '2026-01-01T00:00:00.000Z' }],
    };
    expect(toItem(value)).toEqual({
      id: { S: 'f-1' },
      version: { N: '3' },
      escalated: { BOOL: false },
      gone: { NULL: true },
      history: { L: [{ M: { ticket_id: { S: 'SEC-1' }, opened_at: { S: '2026-01-01T00:00:00.000Z' } } }] },
    });
    expect(fromItem(toItem(value))).toEqual(value);
  });

  it('leaves out undefined map entries', () => {
    expect(toItem({ id: 'f-1', ticket_url: undefined })).toEqual({ id: { S: 'f-1' } });
    expect(toAttributeValue({ a: undefined })).toEqual({ M: {} });
  });

  it('refuses numbers DynamoDB cannot store', () => {
    expect(() => toAttributeValue(Number.NaN)).toThrow(RangeError);
  });

  it('keeps what it cannot judge for the schema to name', () => {
    expect(fromAttributeValue({ N: 'NaN-ish' })).toBe('NaN-ish');
    expect(fromAttributeValue({ SS: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(fromAttributeValue({ NS: ['1', '2'] })).toEqual([1, 2]);
  });
});

describe('Class: ExpressionBuilder', () => {
  it('builds SET, REMOVE and increments with placeholders only', () => {
    const expression = new ExpressionBuilder();
    const update = expression.update({
      set: { status: 'OPEN', ticket_url: undefined },
      remove: ['claim_token'],
      increment: ['version'],
    });
    expect(update).toBe('SET #a0 = :v0, #a1 = if_not_exists(#a1, :v1) + :v2 REMOVE #a2, #a3');
    expect(expression.attributes()).toEqual({
      ExpressionAttributeNames: {
        '#a0': 'status',
        '#a1': 'version',
        '#a2': 'claim_token',
        '#a3': 'ticket_url',
      },
      ExpressionAttributeValues: { ':v0': { S: 'OPEN' }, ':v1': { N: '0' }, ':v2': { N: '1' } },
    });
  });

  it('leaves out empty attribute maps', () => {
    expect(new ExpressionBuilder().attributes()).toEqual({});
  });
});

describe('Function: openShard', () => {
  it('is stable and spreads finding ids over every shard', () => {
    expect(openShard('finding-1', 8)).toBe(openShard('finding-1', 8));
    const shards = new Set(Array.from({ length: 200 }, (_, n) => openShard(`finding-${n}`, 8)));
    expect([...shards].sort()).toEqual(Array.from({ length: 8 }, (_, n) => `open#${n}`));
  });
});
