import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Layout of the `enabled-controls` table. One item per control enabled in an account; presence of
 * the item means "enabled":
 *
 * | attribute    | type | role                                                                |
 * | ------------ | ---- | ------------------------------------------------------------------- |
 * | `id`         | S    | partition key: `<account_id>#<control_id>`, e.g. `111122223333#EC2.2` |
 * | `account_id` | S    | partition key of the GSI `account_id-control_id-index`              |
 * | `control_id` | S    | sort key of that GSI                                                |
 *
 * Why this layout: the gate loader of `@soar/workflow` (`loadGateData`) reads the row of one finding in
 * the same `BatchGetItem` as its other gate tables, all keyed by a string `id`, so the key stays the
 * original's `<account>#<control>`. The sync lists the rows of one account with a `Query` on the
 * KEYS_ONLY GSI (one partition per account) instead of a `Scan` of every account. The GSI is eventually
 * consistent: a row written a moment ago may be missing from the list, which at worst repeats an
 * idempotent put or delete on the next run.
 *
 * CDK: `partitionKey: { name: 'id', type: STRING }` and `addGlobalSecondaryIndex({ indexName:
 * 'account_id-control_id-index', partitionKey: { name: 'account_id', type: STRING }, sortKey: { name:
 * 'control_id', type: STRING }, projectionType: ProjectionType.KEYS_ONLY })`.
 */
export const ENABLED_CONTROLS_TABLE = {
  partitionKey: 'id',
  accountAttribute: 'account_id',
  controlAttribute: 'control_id',
  accountIndexName: 'account_id-control_id-index',
} as const;

/**
 * The control id part of the marker row the sync writes once an account has been synced: a `$` never
 * appears in a Security Hub control id, so the marker cannot collide with a control's row.
 */
export const SYNCED_MARKER = '$synced';

/**
 * The DynamoDB key of the marker row of an account: `<account_id>#$synced`, written by the first
 * successful sync of the account and kept afterwards. The gate loader reads it in the same
 * `BatchGetItem` as the control's row, so a finding of an account that was never synced is told apart
 * from one whose control is not enabled. The marker has no `account_id`/`control_id` attributes, so it
 * stays out of the account index and the sync never mistakes it for a control.
 *
 * @example
 * ```ts
 * syncedMarkerKey('111122223333'); // { id: { S: '111122223333#$synced' } }
 * ```
 */
export function syncedMarkerKey(accountId: string): Record<string, AttributeValue> {
  return { [ENABLED_CONTROLS_TABLE.partitionKey]: { S: enabledControlRowId(accountId, SYNCED_MARKER) } };
}

/** A standard/control association as Security Hub reports it (`StandardsControlAssociationSummary`/`Detail`). */
export interface ControlAssociation {
  readonly SecurityControlId?: string | undefined;
  readonly StandardsArn?: string | undefined;
  /** `ENABLED` or `DISABLED`. */
  readonly AssociationStatus?: string | undefined;
}

/**
 * The controls enabled in an account: those with at least one `ENABLED` association, in any enabled
 * standard. (The original looked at the first association only, so a control disabled in one standard
 * but enabled in another counted as disabled, and its findings were suppressed.)
 *
 * @example
 * ```ts
 * desiredEnabledControls([
 *   { SecurityControlId: 'IAM.1', StandardsArn: 'arn:...:standards/cis...', AssociationStatus: 'DISABLED' },
 *   { SecurityControlId: 'IAM.1', StandardsArn: 'arn:...:standards/aws-foundational...', AssociationStatus: 'ENABLED' },
 * ]); // Set { 'IAM.1' }
 * ```
 */
export function desiredEnabledControls(associations: Iterable<ControlAssociation>): Set<string> {
  const enabled = new Set<string>();
  for (const association of associations) {
    const controlId = association.SecurityControlId;
    if (
      association.AssociationStatus === 'ENABLED' &&
      controlId !== undefined &&
      controlId.trim().length > 0
    ) {
      enabled.add(controlId);
    }
  }
  return enabled;
}

/** Rows to write so that the table matches the desired set. */
export interface EnabledControlsDiff {
  /** Controls enabled now but without a row: put, sorted. */
  readonly put: string[];
  /** Rows of controls no longer enabled (disabled, or their standard was turned off): delete, sorted. */
  readonly delete: string[];
  /** Rows that are right already: not written. */
  readonly unchanged: number;
}

/**
 * Compares the rows an account has with the controls that are enabled, so that only changed rows are
 * written (the original rewrote every row each hour, wasting writes, and never removed rows of
 * controls whose standard was disabled, so they stayed "enabled").
 *
 * @example
 * ```ts
 * diffEnabledControls(new Set(['EC2.2', 'S3.8']), new Set(['S3.8', 'IAM.1']));
 * // { put: ['IAM.1'], delete: ['EC2.2'], unchanged: 1 }
 * ```
 */
export function diffEnabledControls(
  currentRows: ReadonlySet<string>,
  desired: ReadonlySet<string>,
): EnabledControlsDiff {
  const put = [...desired].filter((controlId) => !currentRows.has(controlId)).sort();
  const remove = [...currentRows].filter((controlId) => !desired.has(controlId)).sort();
  return { put, delete: remove, unchanged: currentRows.size - remove.length };
}

/**
 * The `id` of the row of one control in one account: `<account_id>#<control_id>`.
 *
 * @example
 * ```ts
 * enabledControlRowId('111122223333', 'EC2.2'); // '111122223333#EC2.2'
 * ```
 */
export function enabledControlRowId(accountId: string, controlId: string): string {
  return `${accountId}#${controlId}`;
}

/**
 * The DynamoDB key of the row of one control in one account, for `GetItem`/`BatchGetItem`/`DeleteItem`.
 *
 * @example
 * ```ts
 * await dynamodb.send(new GetItemCommand({ TableName, Key: enabledControlKey('111122223333', 'EC2.2') }));
 * // Key: { id: { S: '111122223333#EC2.2' } }
 * ```
 */
export function enabledControlKey(accountId: string, controlId: string): Record<string, AttributeValue> {
  return { [ENABLED_CONTROLS_TABLE.partitionKey]: { S: enabledControlRowId(accountId, controlId) } };
}

/**
 * The whole item stored for an enabled control.
 *
 * @example
 * ```ts
 * enabledControlItem('111122223333', 'EC2.2');
 * // { id: { S: '111122223333#EC2.2' }, account_id: { S: '111122223333' }, control_id: { S: 'EC2.2' } }
 * ```
 */
export function enabledControlItem(accountId: string, controlId: string): Record<string, AttributeValue> {
  return {
    ...enabledControlKey(accountId, controlId),
    [ENABLED_CONTROLS_TABLE.accountAttribute]: { S: accountId },
    [ENABLED_CONTROLS_TABLE.controlAttribute]: { S: controlId },
  };
}
