import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb } from './embedded-dynamodb';

describe('Function: startEmbeddedDynamoDb', () => {
  it('serves DynamoDB on 127.0.0.1 until stopped, and stops once', async () => {
    // Arrange
    const db = await startEmbeddedDynamoDb();

    try {
      // Act
      const listed = await db.client().send(new ListTablesCommand({}));

      // Assert
      expect(db.endpoint).toBe(`http://127.0.0.1:${db.port}`);
      expect(db.port).toBeGreaterThan(0);
      expect(listed.TableNames).toEqual([]);
    } finally {
      await db.stop();
    }
    await expect(db.stop()).resolves.toBeUndefined();
    await expect(fetch(db.endpoint)).rejects.toThrow();
  });

  it('starts independent in-memory servers', async () => {
    // Arrange
    const [first, second] = await Promise.all([startEmbeddedDynamoDb(), startEmbeddedDynamoDb()]);

    try {
      // Act
      const ports = [first.port, second.port];

      // Assert
      expect(new Set(ports).size).toBe(2);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
