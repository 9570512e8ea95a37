import { createHash } from 'node:crypto';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { StoredValue } from './attribute-values';
import type { Ticket, TicketStatus } from './ticket-row';

/**
 * # The tickets table
 *
 * One row per finding (`id` = Security Hub finding Id): its current ticket plus the `history` of
 * the finding's earlier tickets. Keyed by account **id**; the account name is display only.
 *
 * | Attribute | Type | When | Meaning |
 * |---|---|---|---|
 * | `id` | S | always | finding Id (table HASH key) |
 * | `status` | S | always | `OPENING` (claimed, ticket being created) · `OPEN` · `CLOSED` |
 * | `kind` | S | always (absent = `TEAM_FIX`) | `TEAM_FIX` · `INCIDENT`: no `due_at`, never in the open indexes (never reminded, counted or closed) |
 * | `ticket_id`, `ticket_system` | S | OPEN, CLOSED | external ticket id (Jira key, ServiceNow number…) and system |
 * | `ticket_url` | S | optional | link to the ticket |
 * | `account_id` / `account_name` | S | always | 12-digit account id / its name at opening (display only) |
 * | `region`, `control_id?`, `title` | S | always | from the finding |
 * | `severity_label` | S | always | upper case; unknown labels are kept as they are |
 * | `penalty_score` | N | always | from triage |
 * | `environment`, `team`, `project` | S | always | from the account metadata and routing |
 * | `destination` / `domain` | S | always | `TEAM`/`SOC` and `INFRA`/`APP` (routing) |
 * | `opened_at` | S | always | ISO 8601 UTC (`toISOString()`), claim time |
 * | `due_at` | S | optional | from the SLA at opening; absent = never overdue |
 * | `closed_at`, `close_reason` | S | CLOSED | |
 * | `reminder_sent_at`, `escalated` | S, BOOL | after the reminder | one reminder per ticket, ever |
 * | `claim_token`, `claim_expires_at` | S | OPENING | who is creating the ticket, until when |
 * | `last_error`, `last_error_at`, `failed_attempts` | S, S, N | after an abandoned claim | kept until a ticket is confirmed |
 * | `version` | N | always | +1 on every write; optimistic locking of claims |
 * | `history` | L of M | always | earlier tickets of the finding: `ticket_id`, `ticket_system`, `ticket_url?`, `opened_at`, `closed_at`, `close_reason?`; kept when the finding is ticketed again |
 * | `expires_at` | N | CLOSED | TTL (epoch seconds), closed + retention days; never relied on for correctness |
 * | `open_shard` | S | OPEN | `open#<n>`, n = hash(finding Id) mod shards — GSI key, removed on close |
 * | `open_due_at` | S | OPEN | copy of `due_at`, `~` without a deadline — GSI key, removed on close |
 * | `open_severity_at` | S | OPEN | `<SEVERITY>#<opened_at>` — GSI key, removed on close |
 *
 * ## Indexes (no constant partition key, which would make each index one hot partition)
 *
 * | Index | HASH | RANGE | Rows | Serves |
 * |---|---|---|---|---|
 * | `open-due-index` | `open_shard` | `open_due_at` | open tickets (sparse) | overdue tickets: one `open_due_at < now` query per shard; every open ticket: one query per shard |
 * | `account-open-index` | `account_id` | `open_severity_at` | open tickets (sparse) | open tickets of an account; `begins_with(open_severity_at, 'HIGH#')` for one severity |
 * | `account-opened-index` | `account_id` | `opened_at` | every row | tickets of an account by opening time (reports) |
 *
 * All three project ALL attributes. GSI reads are eventually consistent: a ticket closed a moment
 * ago may still be listed as overdue, which is why `recordReminder` re-checks `status = OPEN`.
 *
 * The number of shards may only grow (rows keep the shard they were opened with, and the overdue
 * query reads shards `0 … shards − 1`).
 *
 * ## CDK (copy into the stack)
 *
 * ```ts
 * const tickets = new dynamodb.TableV2(this, 'Tickets', {
 *   partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
 *   billing: dynamodb.Billing.onDemand(),
 *   pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
 *   encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
 *   timeToLiveAttribute: 'expires_at',
 *   removalPolicy: RemovalPolicy.RETAIN,
 *   globalSecondaryIndexes: [
 *     { indexName: 'open-due-index',
 *       partitionKey: { name: 'open_shard', type: dynamodb.AttributeType.STRING },
 *       sortKey: { name: 'open_due_at', type: dynamodb.AttributeType.STRING } },
 *     { indexName: 'account-open-index',
 *       partitionKey: { name: 'account_id', type: dynamodb.AttributeType.STRING },
 *       sortKey: { name: 'open_severity_at', type: dynamodb.AttributeType.STRING } },
 *     { indexName: 'account-opened-index',
 *       partitionKey: { name: 'account_id', type: dynamodb.AttributeType.STRING },
 *       sortKey: { name: 'opened_at', type: dynamodb.AttributeType.STRING } },
 *   ],
 * });
 * ```
 */
export const TICKET_INDEXES = {
  /** Sparse: open tickets, sharded; RANGE `open_due_at` (`~` without a deadline). */
  openByDue: 'open-due-index',
  /** Sparse: open tickets by account; RANGE `<SEVERITY>#<opened_at>`. */
  openByAccount: 'account-open-index',
  /** Every ticket by account; RANGE `opened_at`. */
  byAccount: 'account-opened-index',
} as const;

/**
 * The `CreateTable` input of the tickets table (on-demand, SSE with the AWS managed key), for local
 * emulators and tests. TTL (`expires_at`) and point-in-time recovery are separate API calls; the
 * CDK stack sets them (see the design above).
 *
 * @example
 * ```ts
 * await dynamodb.send(new CreateTableCommand(ticketsTableDefinition('soar-tickets')));
 * ```
 */
export function ticketsTableDefinition(tableName: string): CreateTableCommandInput {
  const index = (IndexName: string, hash: string, range: string) => ({
    IndexName,
    KeySchema: [
      { AttributeName: hash, KeyType: 'HASH' as const },
      { AttributeName: range, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { Enabled: true },
    AttributeDefinitions: [
      'id',
      'open_shard',
      'open_due_at',
      'account_id',
      'open_severity_at',
      'opened_at',
    ].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      index(TICKET_INDEXES.openByDue, 'open_shard', 'open_due_at'),
      index(TICKET_INDEXES.openByAccount, 'account_id', 'open_severity_at'),
      index(TICKET_INDEXES.byAccount, 'account_id', 'opened_at'),
    ],
  };
}

/**
 * The overdue-index partition of a finding: `open#<n>` with n = first 32 bits of SHA-256(finding
 * Id) mod `shards`. Stable across processes and releases.
 *
 * @example
 * ```ts
 * openShard('arn:aws:securityhub:…/finding/1', 8); // e.g. 'open#5'
 * ```
 */
export function openShard(findingId: string, shards: number): string {
  const digest = createHash('sha256').update(findingId).digest();
  return `open#${digest.readUInt32BE(0) % shards}`;
}

/**
 * The `open_due_at` of an open ticket without a deadline: after every ISO 8601 date (`~` sorts
 * after digits), so the overdue query (`open_due_at < now`) never lists it, while a query of a
 * shard alone lists every open ticket (the hourly statistics count those too).
 */
export const NO_DEADLINE = '~';

/**
 * The open-index keys (`open_shard`, `open_due_at`, `open_severity_at`) a write of `next` sets or
 * removes, given the status the row had: set when the ticket becomes OPEN, removed (`undefined`)
 * when it is not OPEN, and left alone while it stays OPEN (it keeps the shard it was opened with).
 *
 * @example
 * ```ts
 * openIndexAttributes('OPENING', confirmed, 8); // { open_shard: 'open#5', open_due_at: '…', open_severity_at: 'HIGH#…' }
 * ```
 */
export function openIndexAttributes(
  previous: TicketStatus | undefined,
  next: Ticket,
  shards: number,
): Record<string, StoredValue | undefined> {
  // Incident tickets are records, not work items: the hourly jobs (overdue, open counts) skip them.
  if (next.status !== 'OPEN' || next.kind === 'INCIDENT') {
    return { open_shard: undefined, open_due_at: undefined, open_severity_at: undefined };
  }
  if (previous === 'OPEN') return {};
  return {
    open_shard: openShard(next.findingId, shards),
    open_due_at: next.dueAt ?? NO_DEADLINE,
    open_severity_at: `${next.severityLabel}#${next.openedAt}`,
  };
}
