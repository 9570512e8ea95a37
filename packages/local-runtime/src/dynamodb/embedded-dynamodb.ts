import { type AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

/** A running in-process DynamoDB emulator (dynalite, in memory) bound to 127.0.0.1. */
export interface EmbeddedDynamoDb {
  /** Base URL, e.g. `http://127.0.0.1:41234`; give it to Lambda handlers as their DynamoDB endpoint. */
  readonly endpoint: string;
  readonly port: number;
  /** A new DynamoDB client for this server (dummy credentials, region `us-east-1`, no retries). */
  client(): DynamoDBClient;
  /** Closes the server and every client made by {@link EmbeddedDynamoDb.client}. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite (DynamoDB on an in-memory LevelDB) in this process on a free port of 127.0.0.1,
 * for local runs and simulations of SOAR. Tables become ACTIVE at once.
 *
 * Limits of dynalite 4 to design around: no TransactWriteItems/TransactGetItems
 * (`UnknownOperationException`), no UpdateTimeToLive and no TTL expiry (expired items stay), no
 * Streams, no PartiQL.
 *
 * @example
 * ```ts
 * const db = await startEmbeddedDynamoDb();
 * try {
 *   const tables = await createTablesFromTemplate(template, db.client());
 *   process.env.AWS_ENDPOINT_URL_DYNAMODB = db.endpoint;
 *   // ... run workflows whose handlers use DynamoDB ...
 * } finally {
 *   await db.stop();
 * }
 * ```
 */
export async function startEmbeddedDynamoDb(): Promise<EmbeddedDynamoDb> {
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
  let stopped: Promise<void> | undefined;

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
    stop() {
      stopped ??= (async () => {
        for (const client of clients.splice(0)) client.destroy();
        server.closeAllConnections();
        await new Promise<void>((resolve, reject) =>
          server.close((error) => (error ? reject(error) : resolve())),
        );
      })();
      return stopped;
    },
  };
}
