import { listActiveAccountIds } from '@soar/accounts/sources';
import { syncEnabledControls } from '@soar/security-hub/controls';
import { WorkflowConfigError } from '../errors';
import type { ControlsSync, OrganizationAccounts } from '../ports';
import type { RuntimeConfig } from '../runtime-config';
import { awsClients } from './clients';

/** Accounts one function syncs at the same time (each in its own account's Security Hub quota). */
const ACCOUNTS_AT_A_TIME = 5;

/**
 * The organization's active accounts, from Organizations `ListAccounts` (every page) in the account
 * SOAR runs in: the management account or a delegated administrator.
 *
 * @example
 * ```ts
 * const ids = await awsOrganizationAccounts(config).listActiveAccountIds();
 * ```
 */
export function awsOrganizationAccounts(config: Pick<RuntimeConfig, 'region'>): OrganizationAccounts {
  const client = awsClients.organizations(config);
  return { listActiveAccountIds: () => listActiveAccountIds(client) };
}

/**
 * The enabled-controls sync in AWS: each account read in SOAR's region through the member role,
 * with a session limited to reading Security Hub controls (`SYNC_CONTROLS_SCOPE`), and its rows
 * written to the enabled-controls table, only the changes.
 *
 * @throws {WorkflowConfigError} when no region is configured and the Lambda's is unknown
 *
 * @example
 * ```ts
 * const [summary] = await awsControlsSync(config).syncAccounts(['111122223333']);
 * ```
 */
export function awsControlsSync(
  config: Pick<RuntimeConfig, 'region' | 'tables' | 'memberRoleName'>,
  options: { readonly concurrency?: number } = {},
): ControlsSync {
  // Security Hub aggregates findings in SOAR's region, where the gate asks about the control.
  const region = config.region ?? process.env['AWS_REGION'];
  if (region === undefined || region === '') {
    throw new WorkflowConfigError('The enabled-controls sync needs a region: set region in SOAR_CONFIG');
  }
  const table = { client: awsClients.dynamodb(config), tableName: config.tables.enabledControls };
  const access = awsClients.access(config);
  return {
    syncAccounts: (accountIds) =>
      syncEnabledControls(accountIds, {
        access,
        table,
        regions: [region],
        concurrency: options.concurrency ?? ACCOUNTS_AT_A_TIME,
      }),
  };
}
