import type { SecurityHubClient, StandardsControlAssociationId } from '@aws-sdk/client-securityhub';
import type { AccessScope } from '@soar/aws-access';

import { sdk } from '../sdk';
import { type RetryOptions, retryPolicy } from '../retry';
import { type ControlAssociation, desiredEnabledControls } from './enabled-controls';
import { ListSyncAccountsError } from '../errors';

/**
 * Session for reading enabled controls in a member account (role session `soar-sync-enabled-controls`).
 * `BatchGetStandardsControlAssociations` and `ListStandardsControlAssociations` also need
 * `securityhub:DescribeStandardsControls` (IAM service authorization reference).
 */
export const SYNC_CONTROLS_SCOPE: AccessScope = {
  purpose: 'sync-enabled-controls',
  actions: [
    'securityhub:GetEnabledStandards',
    'securityhub:ListSecurityControlDefinitions',
    'securityhub:BatchGetStandardsControlAssociations',
    'securityhub:ListStandardsControlAssociations',
    'securityhub:DescribeStandardsControls',
  ],
};

/** Session for listing member accounts in the Security Hub administrator account. */
export const LIST_MEMBERS_SCOPE: AccessScope = {
  purpose: 'list-members',
  actions: ['securityhub:ListMembers'],
};

/** Standards whose controls do not run: their associations are ignored. */
const INACTIVE_STANDARD_STATUSES: ReadonlySet<string> = new Set(['DELETING', 'FAILED']);

/** Associations per `BatchGetStandardsControlAssociations` call. */
export const DEFAULT_ASSOCIATIONS_PER_BATCH = 100;

/** What Security Hub says is enabled in one account and region. */
export interface EnabledControlsSnapshot {
  /** Controls with at least one ENABLED association. */
  readonly enabled: Set<string>;
  /** `StandardsArn` of the enabled standards that were read. */
  readonly standards: string[];
  /** Distinct controls available in the region in those standards. */
  readonly availableControls: number;
  /** Security Hub calls made, for cost tracking. */
  readonly calls: number;
}

/** Options of {@link readEnabledControls}. */
export interface ReadEnabledControlsOptions {
  /** Associations per `BatchGetStandardsControlAssociations` call. Default 100. */
  readonly associationsPerBatch?: number | undefined;
  /** Retries of associations Security Hub answers `LIMIT_EXCEEDED` for. */
  readonly retry?: RetryOptions | undefined;
}

/** Collects every page of a paginated call; stops on a repeated token rather than looping. */
async function allPages<T>(
  fetch: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await fetch(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken === undefined || page.nextToken.length === 0 ? undefined : page.nextToken;
    if (nextToken !== undefined) {
      if (seen.has(nextToken)) break;
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
  return items;
}

/**
 * Reads which Security Hub controls are enabled in the account and region of `client`:
 * 1. `GetEnabledStandards`, every page (the original read one page of 10 and ignored the other
 *    standards of an account with more);
 * 2. `ListSecurityControlDefinitions` per standard, every page, keeping controls `AVAILABLE` in the region;
 * 3. the status of each (control, standard) pair with `BatchGetStandardsControlAssociations`, 100 pairs
 *    per call, one standard per call (instead of one `ListStandardsControlAssociations` per control:
 *    hundreds of calls per account, which got throttled). Pairs it cannot answer (`NOT_FOUND`, a
 *    standard not ready for updates...) are looked up with `ListStandardsControlAssociations` (every
 *    page) for their control.
 *
 * A control is enabled when any of its associations is ENABLED. Throws on any failure: a partial
 * answer would delete rows of controls that are in fact enabled.
 *
 * @example
 * ```ts
 * const client = access.client(SecurityHubClient, { accountId, region }, SYNC_CONTROLS_SCOPE);
 * const { enabled } = await readEnabledControls(client);
 * enabled.has('EC2.2'); // true
 * ```
 */
export async function readEnabledControls(
  client: SecurityHubClient,
  options: ReadEnabledControlsOptions = {},
): Promise<EnabledControlsSnapshot> {
  const {
    BatchGetStandardsControlAssociationsCommand,
    GetEnabledStandardsCommand,
    ListSecurityControlDefinitionsCommand,
    ListStandardsControlAssociationsCommand,
  } = await sdk.securityHub();
  const retry = retryPolicy(options.retry);
  const perBatch = Math.max(1, Math.min(100, options.associationsPerBatch ?? DEFAULT_ASSOCIATIONS_PER_BATCH));
  let calls = 0;

  const subscriptions = await allPages(async (NextToken) => {
    calls += 1;
    const page = await client.send(new GetEnabledStandardsCommand({ MaxResults: 100, NextToken }));
    return { items: page.StandardsSubscriptions ?? [], nextToken: page.NextToken };
  });
  const standards = [
    ...new Set(
      subscriptions
        .filter((subscription) => !INACTIVE_STANDARD_STATUSES.has(subscription.StandardsStatus ?? ''))
        .map((subscription) => subscription.StandardsArn)
        .filter((arn): arn is string => arn !== undefined && arn.length > 0),
    ),
  ];

  const pairs: StandardsControlAssociationId[] = [];
  const controls = new Set<string>();
  for (const StandardsArn of standards) {
    const definitions = await allPages(async (NextToken) => {
      calls += 1;
      const page = await client.send(
        new ListSecurityControlDefinitionsCommand({ StandardsArn, MaxResults: 100, NextToken }),
      );
      return { items: page.SecurityControlDefinitions ?? [], nextToken: page.NextToken };
    });
    for (const definition of definitions) {
      const SecurityControlId = definition.SecurityControlId;
      if (SecurityControlId === undefined || definition.CurrentRegionAvailability !== 'AVAILABLE') continue;
      controls.add(SecurityControlId);
      pairs.push({ SecurityControlId, StandardsArn });
    }
  }

  const associations: ControlAssociation[] = [];
  const unresolved = new Set<string>();
  for (const StandardsArn of standards) {
    const ofStandard = pairs.filter((pair) => pair.StandardsArn === StandardsArn);
    for (let start = 0; start < ofStandard.length; start += perBatch) {
      let pending = ofStandard.slice(start, start + perBatch);
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        calls += 1;
        const sent = pending;
        let response;
        try {
          response = await client.send(
            new BatchGetStandardsControlAssociationsCommand({ StandardsControlAssociationIds: sent }),
          );
        } catch (error) {
          // A standard not ready for updates makes the whole call fail with ResourceNotFoundException.
          if (error instanceof Error && error.name === 'ResourceNotFoundException') {
            for (const pair of sent)
              if (pair.SecurityControlId !== undefined) unresolved.add(pair.SecurityControlId);
            break;
          }
          throw error;
        }
        associations.push(...(response.StandardsControlAssociationDetails ?? []));
        const retryable: StandardsControlAssociationId[] = [];
        for (const item of response.UnprocessedAssociations ?? []) {
          const id = item.StandardsControlAssociationId;
          if (id?.SecurityControlId === undefined) continue;
          if (item.ErrorCode === 'LIMIT_EXCEEDED' && attempt < retry.maxAttempts) retryable.push(id);
          else unresolved.add(id.SecurityControlId);
        }
        if (retryable.length > 0) await retry.sleep(retry.delay(attempt));
        pending = retryable;
      }
    }
  }

  const enabledSoFar = desiredEnabledControls(associations);
  for (const SecurityControlId of unresolved) {
    if (enabledSoFar.has(SecurityControlId)) continue; // one ENABLED association is enough
    const summaries = await allPages(async (NextToken) => {
      calls += 1;
      const page = await client.send(
        new ListStandardsControlAssociationsCommand({ SecurityControlId, MaxResults: 100, NextToken }),
      );
      return { items: page.StandardsControlAssociationSummaries ?? [], nextToken: page.NextToken };
    });
    associations.push(...summaries);
  }

  return {
    enabled: desiredEnabledControls(associations),
    standards,
    availableControls: controls.size,
    calls,
  };
}

/**
 * The accounts whose enabled controls to sync: the enabled, associated Security Hub members of the
 * administrator account (`ListMembers`, every page) **plus the administrator account itself**, which
 * is no member of itself and was left out by the original, so all its control findings were
 * suppressed. The administrator comes first; no account is listed twice.
 *
 * @example
 * ```ts
 * const admin = access.client(SecurityHubClient, { accountId: adminId, region }, LIST_MEMBERS_SCOPE);
 * const accountIds = await listSyncAccounts(admin, adminId); // ['999988887777', '111122223333', ...]
 * ```
 */
export async function listSyncAccounts(
  securityHubInAdminAccount: SecurityHubClient,
  adminAccountId: string,
): Promise<string[]> {
  if (!/^\d{12}$/.test(adminAccountId)) {
    throw new ListSyncAccountsError(adminAccountId, `"${adminAccountId}" is not a 12-digit account id`);
  }
  const { ListMembersCommand } = await sdk.securityHub();
  let members;
  try {
    members = await allPages(async (NextToken) => {
      const page = await securityHubInAdminAccount.send(
        new ListMembersCommand({ OnlyAssociated: true, MaxResults: 50, NextToken }),
      );
      return { items: page.Members ?? [], nextToken: page.NextToken };
    });
  } catch (error) {
    throw new ListSyncAccountsError(
      adminAccountId,
      error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      error,
    );
  }
  const accounts = [adminAccountId];
  for (const member of members) {
    const accountId = member.AccountId;
    if (member.MemberStatus !== 'Enabled' || accountId === undefined || accounts.includes(accountId))
      continue;
    accounts.push(accountId);
  }
  return accounts;
}
