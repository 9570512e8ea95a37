import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  createDynamoDbRemediationHistory,
  createMemoryRemediationHistory,
  isRemediationKind,
  type RemediationHistoryRecord,
} from './remediation';

const record = (key: string, at: string): RemediationHistoryRecord => ({
  key,
  findingId: `finding-${key}`,
  accountId: '111122223333',
  severity: 'HIGH',
  outcome: 'remediated',
  simulated: false,
  at,
});

describe('createMemoryRemediationHistory', () => {
  it('keeps the first record of an event key and lists a half-open period, oldest first', async () => {
    const history = createMemoryRemediationHistory(() => new Date('2026-12-07T00:00:00Z'));
    await history.record(record('b', '2026-12-05T10:00:00Z'));
    await history.record(record('a', '2026-12-04T10:00:00Z'));
    await history.record({ ...record('a', '2026-12-06T10:00:00Z'), outcome: 'not_done' });

    const listed = await history.listSince(
      new Date('2026-12-04T10:00:00Z'),
      new Date('2026-12-05T10:00:00Z'),
    );

    expect(listed.map((r) => [r.key, r.outcome])).toEqual([['a', 'remediated']]);
    expect(history.list()).toHaveLength(2);
  });
});

describe('isRemediationKind', () => {
  it.each(['remediated', 'not_done', 'resource_gone', 'reconsider_later', 'opted_out'])(
    'accepts %s',
    (kind) => {
      expect(isRemediationKind(kind)).toBe(true);
    },
  );
  it.each(['fixed', '', undefined, 3])('refuses %p', (value) => {
    expect(isRemediationKind(value)).toBe(false);
  });
});

describe('createDynamoDbRemediationHistory', () => {
  it('reads a row of an outcome it does not know as not done, never as a fix', async () => {
    const dynamodb = mockClient(DynamoDBClient);
    dynamodb.on(QueryCommand).resolves({
      Items: [
        {
          id: { S: 'k-1' },
          finding_id: { S: 'f-1' },
          account_id: { S: '111122223333' },
          severity: { S: 'HIGH' },
          outcome: { S: 'fixed-by-a-newer-release' },
          at: { S: '2026-12-06T10:00:00.000Z' },
        },
      ],
    });
    const history = createDynamoDbRemediationHistory({
      dynamodb: new DynamoDBClient({ region: 'eu-west-1' }),
      tableName: 'soar-remediation-history',
    });

    const rows = await history.listSince(new Date('2026-12-06T00:00:00Z'), new Date('2026-12-07T00:00:00Z'));

    expect(rows.map((row) => row.outcome)).toEqual(['not_done']);
  });
});
