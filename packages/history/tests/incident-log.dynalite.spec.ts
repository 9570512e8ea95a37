import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite, type LocalDynamoDb } from '@soar/testing';
import { historyTableDefinition } from '../src/day-index';
import { createDynamoDbIncidentLog, createMemoryIncidentLog, type IncidentLogRecord } from '../src/incident';

const NOW = new Date('2026-12-07T12:00:00.000Z');

const incident = (key: string, at: string, extra: Partial<IncidentLogRecord> = {}): IncidentLogRecord => ({
  key,
  findingId: `arn:aws:guardduty:eu-west-1:111122223333:detector/d/finding/${key}`,
  accountId: '111122223333',
  accountName: 'payments-prod',
  severity: 'HIGH',
  environment: 'PROD',
  team: 'payments',
  title: 'EC2 instance is querying a domain associated with Bitcoin mining.',
  productName: 'GuardDuty',
  at,
  ...extra,
});

describe('Function: createDynamoDbIncidentLog', () => {
  let db: LocalDynamoDb;
  let table = 0;
  let tableName: string;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    tableName = `incident-log-${++table}`;
    await db.client().send(new CreateTableCommand(historyTableDefinition(tableName)));
  });

  it('keeps every incident, ticketed or not, once per event, and lists them day by day', async () => {
    const log = createDynamoDbIncidentLog({ dynamodb: db.client(), tableName, clock: () => NOW });
    await log.record(incident('old', '2026-11-08T23:00:00.000Z'));
    await log.record(incident('a', '2026-11-10T08:00:00.000Z', { ticketId: 'SOC-1' }));
    // Retried step: the first row stands.
    await log.record(incident('a', '2026-11-10T09:00:00.000Z', { ticketId: 'SOC-2' }));
    await log.record(incident('b', '2026-12-06T22:00:00.000Z', { team: undefined, ticketId: undefined }));

    const listed = await log.listSince(new Date('2026-11-09T00:00:00.000Z'));

    expect(listed).toEqual([
      incident('a', '2026-11-10T08:00:00.000Z', { ticketId: 'SOC-1' }),
      incident('b', '2026-12-06T22:00:00.000Z', { team: undefined, ticketId: undefined }),
    ]);
  });

  it('reads the same rows as the memory log', async () => {
    const rows = [incident('x', '2026-12-01T00:00:00.000Z'), incident('y', '2026-12-02T00:00:00.000Z')];
    const stored = createDynamoDbIncidentLog({ dynamodb: db.client(), tableName, clock: () => NOW });
    const memory = createMemoryIncidentLog(() => NOW);
    for (const row of rows) {
      await stored.record(row);
      await memory.record(row);
    }

    const since = new Date('2026-11-30T00:00:00.000Z');
    expect(await stored.listSince(since)).toEqual(await memory.listSince(since));
  });
});
