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

/** Where remediation outcomes are kept (a DynamoDB table in AWS, memory locally). */
export interface RemediationHistory {
  /** Keeps the record; a second record of the same event key keeps the first. */
  record(record: RemediationHistoryRecord): Promise<void>;
  /** The records at or after `since` (and before `until`, default now), oldest first. */
  listSince(since: Date, until?: Date): Promise<RemediationHistoryRecord[]>;
}

/**
 * Keeps remediation outcomes in memory (local runs and tests), first record per event key.
 *
 * @example
 * ```ts
 * const history = createMemoryRemediationHistory();
 * await history.record(record);
 * history.list(); // [record]
 * ```
 */
export function createMemoryRemediationHistory(
  clock: () => Date = () => new Date(),
): RemediationHistory & { list(): readonly RemediationHistoryRecord[] } {
  const records = new Map<string, RemediationHistoryRecord>();
  return {
    record(record) {
      if (!records.has(record.key)) records.set(record.key, record);
      return Promise.resolve();
    },
    listSince(since, until = clock()) {
      const from = since.getTime();
      const to = until.getTime();
      return Promise.resolve(
        [...records.values()]
          .filter((r) => Date.parse(r.at) >= from && Date.parse(r.at) < to)
          .sort((a, b) => a.at.localeCompare(b.at)),
      );
    },
    list: () => [...records.values()],
  };
}
