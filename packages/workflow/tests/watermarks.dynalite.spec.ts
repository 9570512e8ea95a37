import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite, type LocalDynamoDb } from '@soar/testing';
import { createDynamoDbWatermarks, watermarksTableDefinition } from '../src/aws/watermarks';
import { WatermarkError } from '../src/errors';
import type { EventMark } from '../src/watermark';

const NOW = new Date('2026-11-20T12:00:00.000Z');

const event = (findingId: string, hour: number): EventMark => ({
  findingId,
  key: `k-${hour}`,
  updatedAt: `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`,
});

describe('Function: createDynamoDbWatermarks', () => {
  let db: LocalDynamoDb;
  let tableName: string;
  let table = 0;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    tableName = `watermarks-${++table}`;
    await db.client().send(new CreateTableCommand(watermarksTableDefinition(tableName)));
  });

  it('acts on a newer event and leaves an older one delivered late alone', async () => {
    // Arrange
    const watermarks = createDynamoDbWatermarks({ dynamodb: db.client(), tableName });

    // Act
    const newer = await watermarks.claim(event('f-1', 11), NOW);
    const older = await watermarks.claim(event('f-1', 10), NOW);
    const again = await watermarks.claim(event('f-1', 11), NOW);

    // Assert
    expect(newer).toEqual({ kind: 'act' });
    expect(older).toEqual({ kind: 'stale', newer: event('f-1', 11) });
    expect(again).toEqual({ kind: 'act' });
    const row = await db
      .client()
      .send(new GetItemCommand({ TableName: tableName, Key: { id: { S: 'f-1' } } }));
    expect(row.Item).toMatchObject({
      event_key: { S: 'k-11' },
      acted_at: { S: NOW.toISOString() },
      expires_at: { N: String(NOW.getTime() / 1000 + 180 * 86_400) },
    });
  });

  it('ends on the newest of ten events claimed at once, and nothing older acts after it', async () => {
    // Arrange: ten runs of ten events of one finding race
    const watermarks = createDynamoDbWatermarks({ dynamodb: db.client(), tableName });
    const hours = [3, 9, 1, 7, 5, 2, 8, 4, 6, 10];

    // Act
    const claims = await Promise.all(hours.map((hour) => watermarks.claim(event('f-2', hour), NOW)));

    // Assert
    expect(claims[hours.indexOf(10)]).toEqual({ kind: 'act' });
    for (const hour of hours.filter((h) => h < 10)) {
      expect(await watermarks.claim(event('f-2', hour), NOW)).toEqual({
        kind: 'stale',
        newer: event('f-2', 10),
      });
    }
  });

  it('turns a DynamoDB failure into a WatermarkError naming the finding', async () => {
    const watermarks = createDynamoDbWatermarks({ dynamodb: db.client(), tableName: 'no-such-table' });

    await expect(watermarks.claim(event('f-3', 1), NOW)).rejects.toThrow(WatermarkError);
    await expect(watermarks.claim(event('f-3', 1), NOW)).rejects.toThrow(/f-3/);
  });
});
