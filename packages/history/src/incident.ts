import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  createMemoryHistory,
  dayIndexedHistory,
  optionalText,
  type History,
  type HistoryTableOptions,
} from './day-index';

/**
 * One incident SOAR handled, ticketed or not, as the incident notification step records it for the
 * hourly statistics (`TotalIncidents…`) and the weekly report: the original's incidents table.
 */
export interface IncidentLogRecord {
  /** Idempotency key of the finding event: one row per event, however often the step runs. */
  readonly key: string;
  readonly findingId: string;
  readonly accountId: string;
  readonly accountName?: string | undefined;
  /** `Severity.Label` of the finding (`INFORMATIONAL` when it has none). */
  readonly severity: string;
  readonly environment?: string | undefined;
  readonly team?: string | undefined;
  readonly title: string;
  /** The product that reported it (GuardDuty, Inspector, a CloudWatch alarm…). */
  readonly productName?: string | undefined;
  /** The SOC or team ticket, when one was opened. */
  readonly ticketId?: string | undefined;
  /** ISO 8601. */
  readonly at: string;
}

/** Where the incidents are kept. */
export type IncidentLog = History<IncidentLogRecord>;

/** The incident log in memory (local runs and tests). */
export function createMemoryIncidentLog(
  clock?: () => Date,
): IncidentLog & { list(): readonly IncidentLogRecord[] } {
  return createMemoryHistory<IncidentLogRecord>(clock);
}

function fromItem(item: Record<string, AttributeValue>, key: string, at: string): IncidentLogRecord {
  const text = (name: string) => item[name]?.S;
  return {
    key,
    findingId: text('finding_id') ?? '',
    accountId: text('account_id') ?? '',
    accountName: text('account_name'),
    severity: text('severity') ?? 'INFORMATIONAL',
    environment: text('environment'),
    team: text('team'),
    title: text('title') ?? '',
    productName: text('product_name'),
    ticketId: text('ticket_id'),
    at,
  };
}

/**
 * The incident log in DynamoDB (a table of {@link historyTableDefinition}'s shape).
 *
 * @example
 * ```ts
 * const log = createDynamoDbIncidentLog({ dynamodb, tableName });
 * await log.record(record);
 * const fourWeeks = await log.listSince(new Date(Date.now() - 28 * 86_400_000));
 * ```
 */
export function createDynamoDbIncidentLog(options: HistoryTableOptions): IncidentLog {
  return dayIndexedHistory({
    ...options,
    codec: {
      toItem: (record) => ({
        finding_id: { S: record.findingId },
        account_id: { S: record.accountId },
        severity: { S: record.severity },
        title: { S: record.title },
        ...optionalText('account_name', record.accountName),
        ...optionalText('environment', record.environment),
        ...optionalText('team', record.team),
        ...optionalText('product_name', record.productName),
        ...optionalText('ticket_id', record.ticketId),
      }),
      fromItem,
    },
  });
}
