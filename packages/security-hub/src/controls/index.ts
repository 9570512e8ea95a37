/** Enabled-controls sync: which Security Hub controls are enabled in each account, kept in DynamoDB. */
export {
  desiredEnabledControls,
  diffEnabledControls,
  ENABLED_CONTROLS_TABLE,
  enabledControlItem,
  enabledControlKey,
  enabledControlRowId,
  SYNCED_MARKER,
  syncedMarkerKey,
  type ControlAssociation,
  type EnabledControlsDiff,
} from './enabled-controls';
export {
  hasSyncedMarker,
  listEnabledControlRows,
  writeEnabledControlChanges,
  type EnabledControlsTable,
} from './enabled-controls-table';
export { EnabledControlsSyncError, ListSyncAccountsError, type EnabledControlsSyncStage } from '../errors';
export {
  DEFAULT_ASSOCIATIONS_PER_BATCH,
  LIST_MEMBERS_SCOPE,
  listSyncAccounts,
  readEnabledControls,
  SYNC_CONTROLS_SCOPE,
  type EnabledControlsSnapshot,
  type ReadEnabledControlsOptions,
} from './security-hub-controls';
export {
  syncAccountEnabledControls,
  syncEnabledControls,
  type AccountSyncStatus,
  type AccountSyncSummary,
  type SyncEnabledControlsOptions,
} from './sync-enabled-controls';
