import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite, type LocalDynamoDb } from './dynalite';

describe('Function: startDynalite', () => {
  let db: LocalDynamoDb;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  it('serves DynamoDB on 127.0.0.1 with tables active at once', async () => {
    // Arrange
    const client = db.client();
    await client.send(
      new CreateTableCommand({
        TableName: 'tickets',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );

    // Act
    await client.send(new PutItemCommand({ TableName: 'tickets', Item: { pk: { S: 'f-1' } } }));
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'tickets', Key: { pk: { S: 'f-1' } } }),
    );

    // Assert
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Item).toEqual({ pk: { S: 'f-1' } });
  });

  it('gives every server its own data', async () => {
    const other = await startDynalite();
    try {
      await expect(
        other.client().send(new GetItemCommand({ TableName: 'tickets', Key: { pk: { S: 'f-1' } } })),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    } finally {
      await other.stop();
    }
  });
});
