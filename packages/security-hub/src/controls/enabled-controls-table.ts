import type { AttributeValue, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';

import { SecurityHubError } from '../errors';
import { sdk } from '../sdk';
import { type RetryOptions, retryPolicy } from '../retry';
import {
  ENABLED_CONTROLS_TABLE,
  type EnabledControlsDiff,
  enabledControlItem,
  enabledControlKey,
  syncedMarkerKey,
} from './enabled-controls';

/** The enabled-controls table and the client of the account it lives in. */
export interface EnabledControlsTable {
  readonly client: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
}

/**
 * Whether the account has its synced marker (see {@link syncedMarkerKey}): one strongly consistent
 * `GetItem`, so that the marker is written once and not on every run.
 *
 * @example
 * ```ts
 * await hasSyncedMarker(table, '111122223333'); // false before the first sync
 * ```
 */
export async function hasSyncedMarker(table: EnabledControlsTable, accountId: string): Promise<boolean> {
  const { GetItemCommand } = await sdk.dynamodb();
  const output = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: syncedMarkerKey(accountId), ConsistentRead: true }),
  );
  return output.Item !== undefined;
}

/** Most requests `BatchWriteItem` takes in one call. */
const MAX_WRITES_PER_BATCH = 25;

/**
 * The control ids that have a row for one account: a `Query` on the account GSI
 * (`account_id-control_id-index`), every page.
 *
 * @example
 * ```ts
 * const rows = await listEnabledControlRows({ client: dynamodb, tableName: 'enabled-controls' }, '111122223333');
 * rows.has('EC2.2'); // true
 * ```
 */
export async function listEnabledControlRows(
  table: EnabledControlsTable,
  accountId: string,
): Promise<Set<string>> {
  const { QueryCommand } = await sdk.dynamodb();
  const rows = new Set<string>();
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: ENABLED_CONTROLS_TABLE.accountIndexName,
        KeyConditionExpression: '#account = :account',
        ExpressionAttributeNames: {
          '#account': ENABLED_CONTROLS_TABLE.accountAttribute,
          '#control': ENABLED_CONTROLS_TABLE.controlAttribute,
        },
        ExpressionAttributeValues: { ':account': { S: accountId } },
        ProjectionExpression: '#control',
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const controlId = item[ENABLED_CONTROLS_TABLE.controlAttribute]?.S;
      if (controlId !== undefined) rows.add(controlId);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return rows;
}

/**
 * Writes a diff for one account: puts and deletes in `BatchWriteItem` calls of 25, `UnprocessedItems`
 * retried with bounded backoff, and, with `diff.markSynced`, the account's synced marker last (after
 * its control rows, so a reader that sees the marker sees the rows). Writes nothing when the diff is
 * empty.
 *
 * @throws {@link SecurityHubError} naming how many writes were still unprocessed after the last attempt.
 *
 * @example
 * ```ts
 * await writeEnabledControlChanges(table, '111122223333', diffEnabledControls(rows, enabled));
 * ```
 */
export async function writeEnabledControlChanges(
  table: EnabledControlsTable,
  accountId: string,
  diff: Pick<EnabledControlsDiff, 'put' | 'delete'> & { readonly markSynced?: boolean | undefined },
  retryOptions: RetryOptions = {},
): Promise<void> {
  const { BatchWriteItemCommand } = await sdk.dynamodb();
  const retry = retryPolicy(retryOptions);
  const requests: WriteRequest[] = [
    ...diff.put.map((controlId) => ({ PutRequest: { Item: enabledControlItem(accountId, controlId) } })),
    ...diff.delete.map((controlId) => ({ DeleteRequest: { Key: enabledControlKey(accountId, controlId) } })),
    ...(diff.markSynced === true ? [{ PutRequest: { Item: syncedMarkerKey(accountId) } }] : []),
  ];
  for (let start = 0; start < requests.length; start += MAX_WRITES_PER_BATCH) {
    let pending = requests.slice(start, start + MAX_WRITES_PER_BATCH);
    for (let attempt = 1; ; attempt += 1) {
      const response = await table.client.send(
        new BatchWriteItemCommand({ RequestItems: { [table.tableName]: pending } }),
      );
      const unprocessed = response.UnprocessedItems?.[table.tableName] ?? [];
      if (unprocessed.length === 0) break;
      if (attempt >= retry.maxAttempts) {
        throw new SecurityHubError(
          `${unprocessed.length} write(s) to ${table.tableName} for account ${accountId} were still unprocessed after ${attempt} attempts`,
          { context: { accountId } },
        );
      }
      await retry.sleep(retry.delay(attempt));
      pending = unprocessed;
    }
  }
}
