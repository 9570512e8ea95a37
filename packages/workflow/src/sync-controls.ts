/**
 * `@soar/workflow/sync-controls`: the scheduled enabled-controls sync as steps (list the
 * organization's accounts in batches, sync one batch and record the accounts that failed) and the
 * ports they act through. Their AWS factories are in `@soar/workflow/aws` (`awsOrganizationAccounts`,
 * `awsControlsSync`).
 *
 * @packageDocumentation
 */
export type { ControlsSync, OrganizationAccounts, SyncControlsPorts } from './ports';
export {
  planSyncControlsStep,
  SYNC_BATCH_SIZE,
  SYNC_CONTROLS_STEP,
  SyncBatchInputSchema,
  syncControlsStep,
  type SyncBatchInput,
  type SyncBatchSummary,
  type SyncPlan,
} from './steps/sync-controls';
