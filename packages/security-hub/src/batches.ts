import type { FindingChanges, FindingIdentifier, FindingUpdate } from './finding-update';

/** Most finding identifiers `BatchUpdateFindings` accepts in one call. */
export const MAX_FINDINGS_PER_UPDATE = 100;
/** Most findings `BatchImportFindings` accepts in one call. */
export const MAX_FINDINGS_PER_IMPORT = 100;

/** Updates that share account, region and changes, so one `BatchUpdateFindings` call applies them. */
export interface UpdateBatch {
  readonly accountId: string;
  readonly region: string;
  readonly changes: FindingChanges;
  readonly findings: readonly FindingIdentifier[];
}

/** A stable text key of a set of changes: equal changes give equal keys, whatever the key order. */
export function changesKey(changes: FindingChanges): string {
  const fields = changes.userDefinedFields;
  return JSON.stringify([
    changes.workflowStatus ?? null,
    changes.note === undefined ? null : [changes.note.text, changes.note.updatedBy],
    fields === undefined
      ? null
      : Object.keys(fields)
          .sort()
          .map((key) => [key, fields[key]]),
    changes.severity === undefined ? null : [changes.severity.label, changes.severity.normalized ?? null],
  ]);
}

/**
 * Groups updates into batches of at most `size` findings that share account, region and changes,
 * in the order the updates came. The same finding twice in one batch would make Security Hub answer
 * `DuplicatedFindingIdentifier`, so a repeated identical update is sent once.
 *
 * @example
 * ```ts
 * batchUpdates([suppressUpdate(a, 'x'), suppressUpdate(b, 'x')]); // one batch of two findings
 * ```
 */
export function batchUpdates(
  updates: readonly FindingUpdate[],
  size = MAX_FINDINGS_PER_UPDATE,
): UpdateBatch[] {
  const groups = new Map<
    string,
    { accountId: string; region: string; changes: FindingChanges; ids: Map<string, FindingIdentifier> }
  >();
  for (const update of updates) {
    const key = JSON.stringify([update.accountId, update.region, changesKey(update.changes)]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { accountId: update.accountId, region: update.region, changes: update.changes, ids: new Map() };
      groups.set(key, group);
    }
    group.ids.set(JSON.stringify([update.finding.Id, update.finding.ProductArn]), update.finding);
  }
  const batches: UpdateBatch[] = [];
  for (const group of groups.values()) {
    const findings = [...group.ids.values()];
    for (let start = 0; start < findings.length; start += size) {
      batches.push({
        accountId: group.accountId,
        region: group.region,
        changes: group.changes,
        findings: findings.slice(start, start + size),
      });
    }
  }
  return batches;
}
