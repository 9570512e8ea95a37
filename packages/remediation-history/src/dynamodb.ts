import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type { AttributeValue, CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isRemediationKind, type RemediationHistory, type RemediationHistoryRecord } from './record';

/** The DynamoDB client module, loaded on first use: importing it costs a function's cold start. */
const dynamodbSdk = (): Promise<typeof DynamoDB> => import('@aws-sdk/client-dynamodb');

/**
 * The remediation history table: `id` = the finding event's key (one row per event), and the index
 * `byDay` (partition `day` = `YYYY-MM-DD` of `at`, sort `at`) that lists a period day by day, so no
 * partition holds more than one day of rows. Rows expire after `retentionDays` (TTL `expires_at`).
 */
export const REMEDIATION_HISTORY_TABLE = {
  dayIndexName: 'byDay',
  dayAttribute: 'day',
  atAttribute: 'at',
  /** A year, as the original kept them: the weekly report and the 28-day metrics need far less. */
  retentionDays: 365,
} as const;

/**
 * The table definition for local runs and tests (the stack declares the same keys).
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(remediationHistoryTableDefinition('soar-remediation-history')));
 * ```
 */
export function remediationHistoryTableDefinition(tableName: string): CreateTableCommandInput {
  const { dayIndexName, dayAttribute, atAttribute } = REMEDIATION_HISTORY_TABLE;
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

function recordOf(item: Record<string, AttributeValue>): RemediationHistoryRecord {
  const text = (name: string) => item[name]?.S;
  const outcome = text('outcome');
  return {
    key: text('id') ?? '',
    findingId: text('finding_id') ?? '',
    controlId: text('control_id'),
    accountId: text('account_id') ?? '',
    accountName: text('account_name'),
    severity: text('severity') ?? 'INFORMATIONAL',
    environment: text('environment'),
    team: text('team'),
    // A row of a newer release's kind reads as not done rather than as a fix.
    outcome: isRemediationKind(outcome) ? outcome : 'not_done',
    simulated: item['simulated']?.BOOL === true,
    at: text('at') ?? '',
  };
}

/**
 * The remediation history in DynamoDB: `record` writes one row per event key (a conditional put,
 * so a retried step keeps the first row), `listSince` queries the day index day by day.
 *
 * @example
 * ```ts
 * const history = createDynamoDbRemediationHistory({ dynamodb, tableName });
 * await history.record(record);
 * const lastWeek = await history.listSince(new Date(Date.now() - 7 * 86_400_000));
 * ```
 */
export function createDynamoDbRemediationHistory(options: {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly retentionDays?: number;
  readonly clock?: () => Date;
}): RemediationHistory {
  const { dayIndexName, dayAttribute, atAttribute } = REMEDIATION_HISTORY_TABLE;
  const retentionSeconds = (options.retentionDays ?? REMEDIATION_HISTORY_TABLE.retentionDays) * 86_400;
  const clock = options.clock ?? (() => new Date());
  return {
    async record(record) {
      const { PutItemCommand, ConditionalCheckFailedException } = await dynamodbSdk();
      const optional = (name: string, value: string | undefined) =>
        value === undefined || value === '' ? {} : { [name]: { S: value } };
      try {
        await options.dynamodb.send(
          new PutItemCommand({
            TableName: options.tableName,
            Item: {
              id: { S: record.key },
              finding_id: { S: record.findingId },
              account_id: { S: record.accountId },
              severity: { S: record.severity },
              outcome: { S: record.outcome },
              simulated: { BOOL: record.simulated },
              [atAttribute]: { S: record.at },
              [dayAttribute]: { S: record.at.slice(0, 10) },
              expires_at: { N: String(Math.floor(Date.parse(record.at) / 1000) + retentionSeconds) },
              ...optional('control_id', record.controlId),
              ...optional('account_name', record.accountName),
              ...optional('environment', record.environment),
              ...optional('team', record.team),
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
      const records: RemediationHistoryRecord[] = [];
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
          records.push(...(page.Items ?? []).map(recordOf));
          startKey = page.LastEvaluatedKey;
        } while (startKey !== undefined);
      }
      // BETWEEN includes its end: keep the period half-open.
      return records.filter((r) => r.at < until.toISOString());
    },
  };
}
