import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type { AttributeValue, CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The DynamoDB client module, loaded on first use: importing it costs a function's cold start. */
const dynamodbSdk = (): Promise<typeof DynamoDB> => import('@aws-sdk/client-dynamodb');

/**
 * How every history table is keyed: `id` = the finding event's key (one row per event), and the
 * index `byDay` (partition `day` = `YYYY-MM-DD` of `at`, sort `at`) that lists a period day by day,
 * so no partition holds more than one day of rows. Rows expire after `retentionDays` (TTL
 * `expires_at`).
 */
export const HISTORY_TABLE = {
  dayIndexName: 'byDay',
  dayAttribute: 'day',
  atAttribute: 'at',
  /** A year, as the original kept them: the weekly report and the 28-day metrics need far less. */
  retentionDays: 365,
} as const;

/**
 * A history table's definition for local runs and tests (the stack declares the same keys).
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(historyTableDefinition('soar-remediation-history')));
 * ```
 */
export function historyTableDefinition(tableName: string): CreateTableCommandInput {
  const { dayIndexName, dayAttribute, atAttribute } = HISTORY_TABLE;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { Enabled: true },
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: dayAttribute, AttributeType: 'S' },
      { AttributeName: atAttribute, AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: dayIndexName,
        KeySchema: [
          { AttributeName: dayAttribute, KeyType: 'HASH' },
          { AttributeName: atAttribute, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** A row of a history: one per finding event (`key`), at a time (`at`, ISO 8601). */
export interface HistoryRow {
  readonly key: string;
  readonly at: string;
}

/** Where rows of one kind are kept (a DynamoDB table in AWS, memory locally). */
export interface History<Row extends HistoryRow> {
  /** Keeps the row; a second row of the same event key keeps the first. */
  record(row: Row): Promise<void>;
  /** The rows at or after `since` (and before `until`, default now), oldest first. */
  listSince(since: Date, until?: Date): Promise<Row[]>;
}

/** Where a history table is and how long its rows are kept. */
export interface HistoryTableOptions {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  /** Default {@link HISTORY_TABLE}'s year. */
  readonly retentionDays?: number;
  readonly clock?: () => Date;
}

/** How one kind of row is written to and read from its table (its key and times aside). */
export interface RowCodec<Row extends HistoryRow> {
  /** The row's attributes other than `id`, `day`, `at` and `expires_at`. */
  toItem(row: Row): Record<string, AttributeValue>;
  /** The row from a stored item (lenient: a field a newer release added or renamed has a default). */
  fromItem(item: Record<string, AttributeValue>, key: string, at: string): Row;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC days from `since` to `until`, as `YYYY-MM-DD`. */
function daysBetween(since: Date, until: Date): string[] {
  const days: string[] = [];
  const start = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate());
  for (let day = start; day < until.getTime(); day += DAY_MS) {
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * A history in DynamoDB: `record` writes one row per event key (a conditional put, so a retried step
 * keeps the first row), `listSince` queries the day index day by day.
 *
 * @example
 * ```ts
 * const history = dayIndexedHistory({ dynamodb, tableName, codec });
 * await history.record(row);
 * const lastWeek = await history.listSince(new Date(Date.now() - 7 * 86_400_000));
 * ```
 */
export function dayIndexedHistory<Row extends HistoryRow>(
  options: HistoryTableOptions & { readonly codec: RowCodec<Row> },
): History<Row> {
  const { dayIndexName, dayAttribute, atAttribute } = HISTORY_TABLE;
  const retentionSeconds = (options.retentionDays ?? HISTORY_TABLE.retentionDays) * 86_400;
  const clock = options.clock ?? (() => new Date());
  return {
    async record(row) {
      const { PutItemCommand, ConditionalCheckFailedException } = await dynamodbSdk();
      try {
        await options.dynamodb.send(
          new PutItemCommand({
            TableName: options.tableName,
            Item: {
              ...options.codec.toItem(row),
              id: { S: row.key },
              [atAttribute]: { S: row.at },
              [dayAttribute]: { S: row.at.slice(0, 10) },
              expires_at: { N: String(Math.floor(Date.parse(row.at) / 1000) + retentionSeconds) },
            },
            ConditionExpression: 'attribute_not_exists(id)',
          }),
        );
      } catch (error) {
        // The event is already recorded (a retried or repeated step): the first row stands.
        if (error instanceof ConditionalCheckFailedException) return;
        throw error;
      }
    },
    async listSince(since, until = clock()) {
      const { QueryCommand } = await dynamodbSdk();
      const rows: Row[] = [];
      for (const day of daysBetween(since, until)) {
        let startKey: Record<string, AttributeValue> | undefined;
        do {
          const page = await options.dynamodb.send(
            new QueryCommand({
              TableName: options.tableName,
              IndexName: dayIndexName,
              KeyConditionExpression: '#day = :day AND #at BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#day': dayAttribute, '#at': atAttribute },
              ExpressionAttributeValues: {
                ':day': { S: day },
                ':from': { S: since.toISOString() },
                ':to': { S: until.toISOString() },
              },
              ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
            }),
          );
          for (const item of page.Items ?? []) {
            rows.push(options.codec.fromItem(item, item['id']?.S ?? '', item[atAttribute]?.S ?? ''));
          }
          startKey = page.LastEvaluatedKey;
        } while (startKey !== undefined);
      }
      // BETWEEN includes its end: keep the period half-open.
      return rows.filter((row) => row.at < until.toISOString());
    },
  };
}

/**
 * A history in memory (local runs and tests), first row per event key.
 *
 * @example
 * ```ts
 * const history = createMemoryHistory<RemediationHistoryRecord>();
 * await history.record(row);
 * history.list(); // [row]
 * ```
 */
export function createMemoryHistory<Row extends HistoryRow>(
  clock: () => Date = () => new Date(),
): History<Row> & { list(): readonly Row[] } {
  const rows = new Map<string, Row>();
  return {
    record(row) {
      if (!rows.has(row.key)) rows.set(row.key, row);
      return Promise.resolve();
    },
    listSince(since, until = clock()) {
      const from = since.getTime();
      const to = until.getTime();
      return Promise.resolve(
        [...rows.values()]
          .filter((r) => Date.parse(r.at) >= from && Date.parse(r.at) < to)
          .sort((a, b) => a.at.localeCompare(b.at)),
      );
    },
    list: () => [...rows.values()],
  };
}

/** Writes an optional text attribute only when it has a value. */
export function optionalText(name: string, value: string | undefined): Record<string, AttributeValue> {
  return value === undefined || value === '' ? {} : { [name]: { S: value } };
}
