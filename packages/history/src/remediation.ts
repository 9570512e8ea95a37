import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  createMemoryHistory,
  dayIndexedHistory,
  optionalText,
  type History,
  type HistoryTableOptions,
} from './day-index';

/**
 * What a remediation came to, as the workflow routes on it and the history keeps it: fixed, not
 * done (a ticket), the resource gone (suppressed), to be reconsidered later, or the account opted out.
 */
export const REMEDIATION_KINDS = [
  'remediated',
  'not_done',
  'resource_gone',
  'reconsider_later',
  'opted_out',
] as const;
export type RemediationKind = (typeof REMEDIATION_KINDS)[number];

/** Whether a stored value is one of {@link REMEDIATION_KINDS}. */
export function isRemediationKind(value: unknown): value is RemediationKind {
  return (REMEDIATION_KINDS as readonly unknown[]).includes(value);
}

/**
 * One remediation outcome, as the remediate step records it for the weekly report, the dashboards
 * and the hourly metrics.
 */
export interface RemediationHistoryRecord {
  /** Idempotency key of the finding event: one row per event, however often the step runs. */
  readonly key: string;
  readonly findingId: string;
  readonly controlId?: string | undefined;
  readonly accountId: string;
  readonly accountName?: string | undefined;
  /** `Severity.Label` of the finding (`INFORMATIONAL` when it has none). */
  readonly severity: string;
  readonly environment?: string | undefined;
  readonly team?: string | undefined;
  readonly outcome: RemediationKind;
  /** Planned from the finding (a simulation), nothing applied. */
  readonly simulated: boolean;
  /** ISO 8601. */
  readonly at: string;
}

/** Where remediation outcomes are kept. */
export type RemediationHistory = History<RemediationHistoryRecord>;

/** The remediation history in memory (local runs and tests). */
export function createMemoryRemediationHistory(
  clock?: () => Date,
): RemediationHistory & { list(): readonly RemediationHistoryRecord[] } {
  return createMemoryHistory<RemediationHistoryRecord>(clock);
}

function fromItem(item: Record<string, AttributeValue>, key: string, at: string): RemediationHistoryRecord {
  const text = (name: string) => item[name]?.S;
  const outcome = text('outcome');
  return {
    key,
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
    at,
  };
}

/**
 * The remediation history in DynamoDB (a table of {@link historyTableDefinition}'s shape).
 *
 * @example
 * ```ts
 * const history = createDynamoDbRemediationHistory({ dynamodb, tableName });
 * await history.record(record);
 * ```
 */
export function createDynamoDbRemediationHistory(options: HistoryTableOptions): RemediationHistory {
  return dayIndexedHistory({
    ...options,
    codec: {
      toItem: (record) => ({
        finding_id: { S: record.findingId },
        account_id: { S: record.accountId },
        severity: { S: record.severity },
        outcome: { S: record.outcome },
        simulated: { BOOL: record.simulated },
        ...optionalText('control_id', record.controlId),
        ...optionalText('account_name', record.accountName),
        ...optionalText('environment', record.environment),
        ...optionalText('team', record.team),
      }),
      fromItem,
    },
  });
}
