import { SILENT_LOGGER } from '@soar/common';
import {
  type AttributeValue,
  BatchGetItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import { type AccountCacheEntry, createDynamoDbAccountCache, parseCacheItem } from './dynamodb-account-cache';
import { type RawAccountRecord } from './raw-account';

const TABLE = 'cached-account-data';
const A = '111111111111';
const NOW = new Date('2025-01-01T06:00:00.000Z');
const ddb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'us-east-1' });

function record(id: string = A): RawAccountRecord {
  return {
    account: { Id: id, Name: 'n', Email: 'e@example.com', JoinedTimestamp: '2024-01-01T00:00:00.000Z' },
    tags: { 'soar:team': 'pay' },
    parents: [{ type: 'ROOT', id: 'r-1', name: 'Root' }],
  };
}

function item(
  id: string = A,
  expiresAt: Date = new Date(NOW.getTime() + 1_000),
): Record<string, AttributeValue> {
  return {
    id: { S: id },
    data: { S: JSON.stringify(record(id)) },
    fetched_at: { S: '2025-01-01T00:00:00.000Z' },
    expires_at: { N: String(expiresAt.getTime() / 1_000) },
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));

beforeEach(() => ddb.reset());
afterAll(() => ddb.restore());

describe('parseCacheItem', () => {
  it('returns fresh strictly before expires_at and expired from expires_at on (checked on read)', () => {
    const expiresAt = new Date(NOW.getTime() + 1_000);
    const fresh = parseCacheItem(A, item(A, expiresAt), new Date(expiresAt.getTime() - 1));
    expect(fresh).toEqual({
      status: 'fresh',
      entry: { record: record(), fetchedAt: new Date('2025-01-01T00:00:00.000Z'), expiresAt },
    });
    expect(parseCacheItem(A, item(A, expiresAt), expiresAt).status).toBe('expired');
  });

  it('returns an absent miss for no item', () => {
    expect(parseCacheItem(A, undefined, NOW)).toEqual({ status: 'miss', reason: 'absent' });
  });

  it.each<[string, Record<string, AttributeValue>, string]>([
    ['data missing', { ...item(), data: { N: '1' } }, 'data: missing'],
    ['data not JSON', { ...item(), data: { S: '{"account":' } }, 'data: not JSON'],
    ['data of the wrong shape', { ...item(), data: { S: '{"account":{"Id":"1"}}' } }, 'data.account.Id'],
    [
      'another account’s data',
      { ...item(), data: { S: JSON.stringify(record('999999999999')) } },
      'does not match',
    ],
    ['fetched_at not a date', { ...item(), fetched_at: { S: 'yesterday' } }, 'fetched_at'],
    [
      'expires_at missing',
      { id: { S: A }, data: { S: JSON.stringify(record()) }, fetched_at: { S: NOW.toISOString() } },
      'expires_at',
    ],
    ['expires_at not a number', { ...item(), expires_at: { N: 'soon' } }, 'expires_at'],
  ])('returns a corrupt miss for %s', (_name, corrupt, detail) => {
    const lookup = parseCacheItem(A, corrupt, NOW);
    expect(lookup).toMatchObject({ status: 'miss', reason: 'corrupt' });
    expect(lookup.status === 'miss' && lookup.reason === 'corrupt' && lookup.detail).toContain(detail);
  });
});

describe('createDynamoDbAccountCache', () => {
  it('writes id, data (JSON of the raw record), fetched_at (ISO) and expires_at (epoch seconds)', async () => {
    ddb.on(PutItemCommand).resolves({});
    const entry: AccountCacheEntry = {
      record: record(),
      fetchedAt: new Date('2025-01-01T00:00:00.000Z'),
      expiresAt: new Date('2025-01-01T06:00:00.900Z'),
    };
    await createDynamoDbAccountCache({ client, tableName: TABLE }).put(entry);
    expect(ddb).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: TABLE,
      Item: {
        id: { S: A },
        data: { S: JSON.stringify(record()) },
        fetched_at: { S: '2025-01-01T00:00:00.000Z' },
        expires_at: { N: String(Date.parse('2025-01-01T06:00:00Z') / 1_000) },
      },
    });
  });

  it('gets one item by id and logs a corrupt one instead of throwing', async () => {
    const warn = jest.fn();
    ddb.on(GetItemCommand).resolves({ Item: { ...item(), data: { S: 'garbage' } } });
    const lookup = await createDynamoDbAccountCache({
      client,
      tableName: TABLE,
      logger: { ...SILENT_LOGGER, warn },
    }).get(A, NOW);
    expect(lookup).toEqual({ status: 'miss', reason: 'corrupt', detail: 'data: not JSON' });
    expect(ddb).toHaveReceivedCommandWith(GetItemCommand, { TableName: TABLE, Key: { id: { S: A } } });
    expect(warn).toHaveBeenCalledWith(
      'corrupt account cache item treated as a miss',
      expect.objectContaining({ accountId: A, detail: 'data: not JSON' }),
    );
  });

  it('deletes one item by id', async () => {
    ddb.on(DeleteItemCommand).resolves({});
    await createDynamoDbAccountCache({ client, tableName: TABLE }).delete(A);
    expect(ddb).toHaveReceivedCommandWith(DeleteItemCommand, { TableName: TABLE, Key: { id: { S: A } } });
  });

  it('batch-reads in chunks of 100 unique keys and reports absent ids as misses', async () => {
    const all = ids(250);
    const stored = new Set(all.filter((_, i) => i % 2 === 0));
    ddb
      .on(BatchGetItemCommand)
      .callsFake(
        ({ RequestItems }: { RequestItems: Record<string, { Keys: Record<string, AttributeValue>[] }> }) => ({
          Responses: {
            [TABLE]: (RequestItems[TABLE]?.Keys ?? [])
              .map((k) => k['id']?.S ?? '')
              .filter((id) => stored.has(id))
              .map((id) => item(id)),
          },
        }),
      );
    const result = await createDynamoDbAccountCache({ client, tableName: TABLE }).getMany(
      [...all, ...all],
      NOW,
    );
    expect(ddb).toHaveReceivedCommandTimes(BatchGetItemCommand, 3);
    const sizes = ddb
      .commandCalls(BatchGetItemCommand)
      .map((c) => c.args[0].input.RequestItems?.[TABLE]?.Keys?.length);
    expect(sizes.sort((x = 0, y = 0) => y - x)).toEqual([100, 100, 50]);
    expect(result.size).toBe(250);
    expect(result.get(all[0] ?? '')?.status).toBe('fresh');
    expect(result.get(all[1] ?? '')).toEqual({ status: 'miss', reason: 'absent' });
  });

  it('re-submits UnprocessedKeys with exponential back-off', async () => {
    const sleep = jest.fn((_ms: number) => Promise.resolve());
    const [a = '', b = ''] = ids(2);
    ddb
      .on(BatchGetItemCommand)
      .resolvesOnce({
        Responses: { [TABLE]: [item(a)] },
        UnprocessedKeys: { [TABLE]: { Keys: [{ id: { S: b } }] } },
      })
      .resolvesOnce({
        Responses: { [TABLE]: [] },
        UnprocessedKeys: { [TABLE]: { Keys: [{ id: { S: b } }] } },
      })
      .resolvesOnce({ Responses: { [TABLE]: [item(b)] } });
    const result = await createDynamoDbAccountCache({ client, tableName: TABLE, sleep }).getMany([a, b], NOW);
    expect(result.get(a)?.status).toBe('fresh');
    expect(result.get(b)?.status).toBe('fresh');
    expect(sleep.mock.calls).toEqual([[50], [100]]);
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, BatchGetItemCommand, {
      RequestItems: { [TABLE]: { Keys: [{ id: { S: b } }] } },
    });
  });

  it('gives up after maxBatchRetries, leaving the unprocessed ids out of the result', async () => {
    const warn = jest.fn();
    const [a = '', b = ''] = ids(2);
    ddb
      .on(BatchGetItemCommand)
      .resolves({ UnprocessedKeys: { [TABLE]: { Keys: [{ id: { S: a } }, { id: { S: b } }] } } });
    const cache = createDynamoDbAccountCache({
      client,
      tableName: TABLE,
      maxBatchRetries: 2,
      sleep: () => Promise.resolve(),
      logger: { ...SILENT_LOGGER, warn },
    });
    const result = await cache.getMany([a, b], NOW);
    expect(ddb).toHaveReceivedCommandTimes(BatchGetItemCommand, 3);
    expect(result.size).toBe(0);
    expect(warn).toHaveBeenCalledWith(
      'BatchGetItem left keys unprocessed after retries',
      expect.objectContaining({ accountIds: [a, b] }),
    );
  });

  it('makes no request for an empty batch', async () => {
    await expect(createDynamoDbAccountCache({ client, tableName: TABLE }).getMany([], NOW)).resolves.toEqual(
      new Map(),
    );
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
