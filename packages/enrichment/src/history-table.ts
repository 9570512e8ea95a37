import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { findingDigest } from '@soar/common';

/**
 * The incident history table's key, designed for its one read: "the incidents of this alarm between
 * two times". The partition key is the alarm's identity, the sort key the time (ISO 8601, UTC, which
 * sorts as text in time order) followed by a digest of the incident id, so two incidents at the same
 * millisecond are two items and recording the same incident twice writes one. A `Query` with
 * `alarm_key = :k AND at BETWEEN :from AND :to` reads exactly the matching items: no Scan, no index,
 * no filter.
 */
export const INCIDENT_HISTORY_KEY = {
  /** Partition key (S): {@link alarmHistoryKey}. */
  partitionKey: 'alarm_key',
  /** Sort key (S): `<ISO time>#<16 hex digits of SHA-256(incident id)>`. */
  sortKey: 'at',
  /** TTL attribute (N, epoch seconds): the incident expires after the retention period. */
  ttlAttribute: 'expire_at',
} as const;

/**
 * The identity of an alarm in the history: `<account>/<region>/<alarm name>`. Account and region have
 * fixed shapes without `/`, so two alarms never share a key.
 *
 * @example
 * ```ts
 * alarmHistoryKey({ accountId: '111122223333', region: 'eu-west-1', alarmName: 'INFRA-Orders-SM-Failure-HIGH' });
 * // '111122223333/eu-west-1/INFRA-Orders-SM-Failure-HIGH'
 * ```
 */
export function alarmHistoryKey(alarm: {
  readonly accountId: string;
  readonly region: string;
  readonly alarmName: string;
}): string {
  return `${alarm.accountId}/${alarm.region}/${alarm.alarmName}`;
}

/**
 * The sort key of an incident: its time and a digest of its id.
 *
 * @example
 * ```ts
 * historySortKey(new Date('2026-05-01T10:00:00Z'), 'finding-1'); // '2026-05-01T10:00:00.000Z#…'
 * ```
 */
export function historySortKey(occurredAt: Date, incidentId: string): string {
  return `${occurredAt.toISOString()}#${findingDigest(incidentId).slice(0, 16)}`;
}

/** The time of a sort key, or `undefined` if it is not one. */
export function timeOfSortKey(sortKey: string): Date | undefined {
  const time = new Date(sortKey.slice(0, sortKey.indexOf('#') < 0 ? undefined : sortKey.indexOf('#')));
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/**
 * The table's definition for `CreateTable` (tests, local runs); the stack creates the same key with
 * {@link INCIDENT_HISTORY_KEY}, on-demand, encrypted, with TTL on `expire_at`.
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(incidentHistoryTableDefinition('incident-history')));
 * ```
 */
export function incidentHistoryTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { Enabled: true },
    AttributeDefinitions: [
      { AttributeName: INCIDENT_HISTORY_KEY.partitionKey, AttributeType: 'S' },
      { AttributeName: INCIDENT_HISTORY_KEY.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: INCIDENT_HISTORY_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: INCIDENT_HISTORY_KEY.sortKey, KeyType: 'RANGE' },
    ],
  };
}
