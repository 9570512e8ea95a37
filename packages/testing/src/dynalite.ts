import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@soar/local-runtime';

/**
 * A running in-process dynalite (DynamoDB emulator) bound to 127.0.0.1: the embedded DynamoDB of
 * `@soar/local-runtime`, under the name the tests use.
 */
export type LocalDynamoDb = EmbeddedDynamoDb;

/**
 * Starts dynalite in this process, in memory, on a free port of 127.0.0.1 (see
 * `startEmbeddedDynamoDb` for its limits: no transactions, no TTL expiry, no Streams, no PartiQL).
 *
 * @example
 * ```ts
 * let db: LocalDynamoDb;
 * beforeAll(async () => { db = await startDynalite(); });
 * afterAll(() => db.stop());
 * it('stores', async () => {
 *   const ddb = db.client();
 *   await ddb.send(new CreateTableCommand({ ... }));
 * });
 * ```
 */
export function startDynalite(): Promise<LocalDynamoDb> {
  return startEmbeddedDynamoDb();
}
