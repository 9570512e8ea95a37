import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
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
 * The `message` of the log line written for every failure row (with `step`, `error`, `key` and the
 * finding's id): the stack counts these lines and alarms, so the alarm follows a rename.
 */
export const FAILURE_RECORDED_LOG_MESSAGE = 'Failure recorded';

/**
 * Keeps failures in DynamoDB, and logs `Failure recorded` ({@link FAILURE_RECORDED_LOG_MESSAGE}) for
 * each row written, so that the failures are counted and alarmed on from the function's log.
 *
 * @example
 * ```ts
 * const failures = createDynamoDbFailureRecorder({ dynamodb, tableName: config.tables.failures, logger });
 * await failures.record({ key, findingId, step: 'ticket', error: 'TicketSystemError', cause: '…', at });
 * ```
 */
export function createDynamoDbFailureRecorder(options: {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
  readonly retentionDays?: number;
  /** Where `Failure recorded` is logged (default: nowhere). */
  readonly logger?: SoarLogger | undefined;
}): FailureRecorder {
  const logger = options.logger ?? SILENT_LOGGER;
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
      logger.error(FAILURE_RECORDED_LOG_MESSAGE, {
        step: failure.step,
        error: failure.error,
        key: failure.key,
        findingId: failure.findingId,
      });
    },
  };
}

/**
 * The failures table of the configuration; with a `logger`, each row written is also logged as
 * `Failure recorded`.
 *
 * @example
 * ```ts
 * const failures = awsFailureRecorder(config, { logger });
 * await failures.record({ key, step: 'ticket', error: 'TicketSystemError', cause, at });
 * ```
 */
export function awsFailureRecorder(
  config: Pick<RuntimeConfig, 'tables' | 'region'>,
  options: { readonly logger?: SoarLogger | undefined } = {},
): FailureRecorder {
  return createDynamoDbFailureRecorder({
    dynamodb: awsClients.dynamodb(config),
    tableName: config.tables.failures,
    logger: options.logger,
  });
}
