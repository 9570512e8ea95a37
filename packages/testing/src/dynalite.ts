import { type AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

/** A running in-process dynalite (DynamoDB emulator) bound to 127.0.0.1. */
export interface LocalDynamoDb {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  readonly port: number;
  /** A DynamoDB client pointed at this server with dummy credentials. */
  client(): DynamoDBClient;
  /** Closes the server and every client made by {@link LocalDynamoDb.client}. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite in this process, in memory, on a free port of 127.0.0.1.
 *
 * Limits to design around (dynalite 4): no TransactWriteItems/TransactGetItems, no TTL
 * enforcement (expired items are still returned), no Streams, no PartiQL.
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
export async function startDynalite(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: DynamoDBClient[] = [];

  return {
    endpoint,
    port,
    client() {
      const client = new DynamoDBClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients.splice(0)) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
