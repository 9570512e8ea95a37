import type { AttributeValue, CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeError } from '@soar/common';
import { WatermarkError } from '../errors';
import type { RuntimeConfig } from '../runtime-config';
import { sdk } from '../sdk';
import {
  decideWatermark,
  EventMarkSchema,
  type EventMark,
  type WatermarkClaim,
  type WatermarkStore,
} from '../watermark';
import { awsClients } from './clients';

/** Rounds of read, decide and conditional write before a claim gives up (another run kept winning). */
const MAX_ROUNDS = 5;

/**
 * The watermarks table: one small row per finding (`id` = finding Id) naming the newest event SOAR
 * acted on: `event_key`, `updated_at`, `processed_at?`, `acted_at`, and the TTL `expires_at`
 * (`retentionDays` after the last claim; Security Hub itself deletes a finding 90 days after its
 * last update, so a row outlives its finding).
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(watermarksTableDefinition('soar-watermarks')));
 * ```
 */
export function watermarksTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { Enabled: true },
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  };
}

const text = (row: Record<string, AttributeValue>, name: string): string | undefined => {
  const value = row[name];
  return value !== undefined && 'S' in value ? value.S : undefined;
};

/**
 * Keeps each finding's watermark in DynamoDB. A claim reads the row (strongly consistent), decides
 * with `decideWatermark`, and writes an advance only if the row still names the event it read
 * (`attribute_not_exists(id)` or `event_key = <read key>`); when another run wrote first it reads and
 * decides again. Two runs therefore never both act from the same watermark.
 *
 * @throws {WatermarkError} from `claim` when DynamoDB fails, a row is unreadable, or the row keeps
 * changing for {@link MAX_ROUNDS} rounds
 *
 * @example
 * ```ts
 * const watermarks = createDynamoDbWatermarks({ dynamodb, tableName: config.tables.watermarks });
 * const claim = await watermarks.claim(eventMarkOf(state.key, state.pad.finding), new Date());
 * if (claim.kind === 'stale') return; // a newer event of the finding was acted on
 * ```
 */
export function createDynamoDbWatermarks(options: {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly retentionDays?: number;
}): WatermarkStore {
  const retentionSeconds = (options.retentionDays ?? 180) * 24 * 60 * 60;
  const { tableName, dynamodb } = options;

  async function read(findingId: string): Promise<EventMark | undefined> {
    const { GetItemCommand } = await sdk.dynamodb();
    const output = await dynamodb.send(
      new GetItemCommand({ TableName: tableName, Key: { id: { S: findingId } }, ConsistentRead: true }),
    );
    if (output.Item === undefined) return undefined;
    const processedAt = text(output.Item, 'processed_at');
    const parsed = EventMarkSchema.safeParse({
      findingId,
      key: text(output.Item, 'event_key'),
      updatedAt: text(output.Item, 'updated_at'),
      ...(processedAt === undefined ? {} : { processedAt }),
    });
    if (!parsed.success) {
      throw new WatermarkError(
        `The watermark row of finding ${findingId} is unreadable: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
        { context: { findingId } },
      );
    }
    return parsed.data;
  }

  /** Writes `next` if the row still names `current`; `false` when another run wrote first. */
  async function write(current: EventMark | undefined, next: EventMark, at: Date): Promise<boolean> {
    const { PutItemCommand } = await sdk.dynamodb();
    try {
      await dynamodb.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            id: { S: next.findingId },
            event_key: { S: next.key },
            updated_at: { S: next.updatedAt },
            ...(next.processedAt === undefined ? {} : { processed_at: { S: next.processedAt } }),
            acted_at: { S: at.toISOString() },
            expires_at: { N: String(Math.floor(at.getTime() / 1000) + retentionSeconds) },
          },
          ...(current === undefined
            ? { ConditionExpression: 'attribute_not_exists(id)' }
            : {
                ConditionExpression: 'event_key = :read',
                ExpressionAttributeValues: { ':read': { S: current.key } },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  return {
    async claim(event, at): Promise<WatermarkClaim> {
      const context = { findingId: event.findingId };
      try {
        for (let round = 0; round < MAX_ROUNDS; round += 1) {
          const current = await read(event.findingId);
          const decision = decideWatermark(current, event);
          if (decision.kind === 'stale') return decision;
          if (decision.kind === 'same_event') return { kind: 'act' };
          if (await write(current, decision.next, at)) return { kind: 'act' };
        }
      } catch (error) {
        if (error instanceof WatermarkError) throw error;
        throw new WatermarkError(
          `Could not check the watermark of finding ${event.findingId}: ${describeError(error)}`,
          { cause: error, context },
        );
      }
      throw new WatermarkError(
        `The watermark of finding ${event.findingId} kept changing under ${MAX_ROUNDS} attempts`,
        { context },
      );
    },
  };
}

/**
 * The watermarks table of the configuration.
 *
 * @example
 * ```ts
 * const ports = { securityHub: awsSecurityHubPort(config), watermarks: awsWatermarks(config) };
 * ```
 */
export function awsWatermarks(config: Pick<RuntimeConfig, 'tables' | 'region'>): WatermarkStore {
  return createDynamoDbWatermarks({
    dynamodb: awsClients.dynamodb(config),
    tableName: config.tables.watermarks,
  });
}
