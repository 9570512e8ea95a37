import {
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';

import { IncidentHistoryError } from '../errors';
import { historySortKey, INCIDENT_HISTORY_KEY, timeOfSortKey } from '../history-table';
import type { IncidentHistorySource, IncidentRecord } from '../ports';

/** Options of {@link DynamoIncidentHistory}. */
export interface DynamoIncidentHistoryOptions {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  /** Days an incident is kept (its `expire_at`). Default 365. */
  readonly retentionDays?: number | undefined;
}

const { partitionKey, sortKey, ttlAttribute } = INCIDENT_HISTORY_KEY;

/**
 * The incident history in DynamoDB, keyed for its read (see {@link INCIDENT_HISTORY_KEY}): the
 * incidents of one alarm in a time range are one `Query` on the key, reading only the sort key, so
 * the items read are the items that match. Needs `dynamodb:Query` (and `dynamodb:PutItem` to record).
 *
 * @example
 * ```ts
 * const history = new DynamoIncidentHistory({ dynamodb, tableName: 'soar-incident-history' });
 * await history.record({ alarmKey: alarmHistoryKey(input), occurredAt, incidentId: finding.Id, … });
 * ```
 */
export class DynamoIncidentHistory implements IncidentHistorySource {
  readonly #dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly #tableName: string;
  readonly #retentionDays: number;

  public constructor(options: DynamoIncidentHistoryOptions) {
    this.#dynamodb = options.dynamodb;
    this.#tableName = options.tableName;
    this.#retentionDays = options.retentionDays ?? 365;
  }

  public async incidentTimes(
    request: Parameters<IncidentHistorySource['incidentTimes']>[0],
    signal: AbortSignal,
  ): ReturnType<IncidentHistorySource['incidentTimes']> {
    const times: Date[] = [];
    let itemsRead = 0;
    let ExclusiveStartKey: QueryCommandOutput['LastEvaluatedKey'];
    do {
      const output: QueryCommandOutput = await this.#dynamodb.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
          ExpressionAttributeValues: {
            ':pk': { S: request.alarmKey },
            ':from': { S: request.from.toISOString() },
            // Sort keys are `<time>#<digest>`: the bare time of `to` sorts before every item at `to`.
            ':to': { S: request.to.toISOString() },
          },
          ProjectionExpression: '#sk',
          Limit: Math.min(1_000, request.maxItems - times.length + 1),
          ExclusiveStartKey,
        }),
        { abortSignal: signal },
      );
      itemsRead += output.ScannedCount ?? 0;
      for (const item of output.Items ?? []) {
        const time = timeOfSortKey(item[sortKey]?.S ?? '');
        if (time !== undefined) times.push(time);
      }
      ExclusiveStartKey = output.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined && times.length <= request.maxItems);
    const truncated = times.length > request.maxItems;
    return { times: truncated ? times.slice(0, request.maxItems) : times, itemsRead, truncated };
  }

  /**
   * Records an incident; recording the same incident again changes nothing.
   *
   * @returns `'recorded'`, or `'duplicate'` when it was already there.
   * @throws {IncidentHistoryError} when DynamoDB refuses the write.
   */
  public async record(incident: IncidentRecord): Promise<'recorded' | 'duplicate'> {
    const expireAt = Math.floor(incident.occurredAt.getTime() / 1000) + this.#retentionDays * 86_400;
    const optional = (name: string, value: string | undefined) =>
      value === undefined ? {} : { [name]: { S: value } };
    try {
      await this.#dynamodb.send(
        new PutItemCommand({
          TableName: this.#tableName,
          Item: {
            [partitionKey]: { S: incident.alarmKey },
            [sortKey]: { S: historySortKey(incident.occurredAt, incident.incidentId) },
            incident_id: { S: incident.incidentId },
            alarm_name: { S: incident.alarmName },
            account_id: { S: incident.accountId },
            region: { S: incident.region },
            occurred_at: { S: incident.occurredAt.toISOString() },
            ...optional('severity', incident.severity),
            ...optional('ticket_id', incident.ticketId),
            [ttlAttribute]: { N: String(expireAt) },
          },
          ConditionExpression: 'attribute_not_exists(#sk)',
          ExpressionAttributeNames: { '#sk': sortKey },
        }),
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw new IncidentHistoryError(`Could not record the incident in ${this.#tableName}`, {
        cause: error,
        context: { findingId: incident.incidentId, accountId: incident.accountId },
      });
    }
  }
}
