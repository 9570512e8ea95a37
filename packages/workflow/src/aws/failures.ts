import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FailureRecorder } from '../ports';
import type { RuntimeConfig } from '../runtime-config';
import { awsClients } from './clients';
import { sdk } from '../sdk';

/**
 * The failures table: one row per failed step of a finding event (`id` = `<event key>#<step>`), so a
 * retried failure overwrites its own row instead of piling up. Rows expire after `retentionDays`
 * (TTL attribute `expires_at`).
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(failuresTableDefinition('soar-failures')));
 * ```
 */
export function failuresTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { Enabled: true },
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  };
}

/**
 * Keeps failures in DynamoDB.
 *
 * @example
 * ```ts
 * const failures = createDynamoDbFailureRecorder({ dynamodb, tableName: config.tables.failures });
 * await failures.record({ key, findingId, step: 'ticket', error: 'TicketSystemError', cause: '…', at });
 * ```
 */
export function createDynamoDbFailureRecorder(options: {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly retentionDays?: number;
}): FailureRecorder {
  const retentionSeconds = (options.retentionDays ?? 90) * 24 * 60 * 60;
  return {
    async record(failure) {
      const { PutItemCommand } = await sdk.dynamodb();
      const optional = (name: string, value: string | undefined) =>
        value === undefined || value === '' ? {} : { [name]: { S: value } };
      await options.dynamodb.send(
        new PutItemCommand({
          TableName: options.tableName,
          Item: {
            id: { S: `${failure.key}#${failure.step}` },
            key: { S: failure.key },
            step: { S: failure.step },
            error: { S: failure.error },
            cause: { S: failure.cause.slice(0, 10_000) },
            at: { S: failure.at },
            expires_at: { N: String(Math.floor(Date.parse(failure.at) / 1000) + retentionSeconds) },
            ...optional('finding_id', failure.findingId),
            ...optional('account_id', failure.accountId),
            ...optional('control_id', failure.controlId),
          },
        }),
      );
    },
  };
}

/**
 * The failures table of the configuration.
 *
 * @example
 * ```ts
 * await awsFailureRecorder(config).record({ key, step: 'ticket', error: 'TicketSystemError', cause, at });
 * ```
 */
export function awsFailureRecorder(config: Pick<RuntimeConfig, 'tables' | 'region'>): FailureRecorder {
  return createDynamoDbFailureRecorder({
    dynamodb: awsClients.dynamodb(config),
    tableName: config.tables.failures,
  });
}
