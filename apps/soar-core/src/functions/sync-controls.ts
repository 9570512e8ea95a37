// The SyncControls function: both tasks of the enabled-controls sync state machine, started hourly
// (by default) by an EventBridge schedule. Its first call lists the accounts in batches; the Map
// then calls it once per batch.
import { lambdaHandler } from '@soar/lambda';
import { awsControlsSync, awsFailureRecorder, awsOrganizationAccounts } from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import {
  planSyncControlsStep,
  syncControlsStep,
  type SyncBatchSummary,
  type SyncPlan,
} from '@soar/scheduled-jobs';
import type { SyncControlsPorts } from '@soar/workflow/sync-controls';

/**
 * A batch (`{ accountIds }`, from the Map) is synced; anything else (the schedule's `{}`) plans the
 * run: the organization's active accounts in batches.
 */
export const run = (input: unknown, ports: SyncControlsPorts): Promise<SyncPlan | SyncBatchSummary> =>
  typeof input === 'object' && input !== null && 'accountIds' in input
    ? syncControlsStep(input, ports)
    : planSyncControlsStep(ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  // Each failed account is logged as `Failure recorded`: the stack counts those lines and alarms.
  dependencies: ({ logger }): SyncControlsPorts => {
    const config = runtimeConfigFromEnv(process.env);
    return {
      organization: awsOrganizationAccounts(config),
      controls: awsControlsSync(config),
      failures: awsFailureRecorder(config, { logger }),
      logger,
    };
  },
});
