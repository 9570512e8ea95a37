import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listActiveAccountIds } from '@soar/accounts/sources';
import type { AwsAccess } from '@soar/aws-access';
import { syncEnabledControls } from '@soar/security-hub/controls';
import type { ControlsSync, OrganizationAccounts } from '@soar/workflow/sync-controls';
import { SimulationError } from './errors';
import type { World } from './world';

/** Options of {@link worldControlsSync} and {@link worldOrganization}. */
export interface WorldControlsOptions {
  /** What `*` in an account's `enabledControls` stands for (the controls of the findings, or SOAR's). */
  readonly allControls: readonly string[];
  /** Items per page of `ListAccounts` and `ListSecurityControlDefinitions` (default 20). */
  readonly pageSize?: number | undefined;
  /** Accounts whose Security Hub fails every call (fault injection for tests). */
  readonly failingAccounts?: readonly string[] | undefined;
  readonly region: string;
}

const STANDARD = (region: string) =>
  `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`;

type Answer = (command: string, input: Record<string, unknown>) => unknown;

/**
 * A stand-in for an SDK client whose `send` answers each command from the world, by the command's
 * class name, in place of the network.
 */
function clientAnswering(answer: Answer): { send(command: unknown): Promise<unknown> } {
  return {
    send: (command) => {
      const name = typeof command === 'object' && command !== null ? command.constructor.name : '';
      const input =
        typeof command === 'object' &&
        command !== null &&
        'input' in command &&
        typeof command.input === 'object'
          ? { ...command.input }
          : {};
      try {
        return Promise.resolve(answer(name, input));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

function page<T>(items: readonly T[], token: unknown, size: number): { items: T[]; next?: string } {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const end = start + size;
  return end < items.length
    ? { items: items.slice(start, end), next: String(end) }
    : { items: items.slice(start) };
}

/**
 * The organization of the world as Organizations' `ListAccounts` pages it, read with the same
 * `listActiveAccountIds` SOAR runs in AWS (so pagination is exercised locally).
 *
 * @example
 * ```ts
 * await worldOrganization(world, { allControls: [], region: 'eu-west-1', pageSize: 2 }).listActiveAccountIds();
 * ```
 */
export function worldOrganization(world: World, options: WorldControlsOptions): OrganizationAccounts {
  const client = clientAnswering((command, input) => {
    if (command !== 'ListAccountsCommand') throw new SimulationError(`The world has no answer to ${command}`);
    const { items, next } = page(world.accounts, input['NextToken'], options.pageSize ?? 20);
    return {
      Accounts: items.map((account) => ({ Id: account.id, Name: account.name, State: 'ACTIVE' })),
      ...(next === undefined ? {} : { NextToken: next }),
    };
  });
  // `listActiveAccountIds` calls only `send` with a `ListAccountsCommand`, which the stand-in answers.
  const organizations = client as unknown as Parameters<typeof listActiveAccountIds>[0];
  return { listActiveAccountIds: () => listActiveAccountIds(organizations) };
}

/**
 * The enabled-controls sync over the world: the same `syncEnabledControls` SOAR runs in AWS, its
 * Security Hub calls answered from each account's `enabledControls` (one standard, every control
 * ENABLED, paged by `pageSize`), its rows written to the embedded table.
 *
 * @example
 * ```ts
 * const sync = worldControlsSync(world, { client: dynamodb, tableName }, { allControls, region: 'eu-west-1' });
 * await sync.syncAccounts(['111122223333']);
 * ```
 */
export function worldControlsSync(
  world: World,
  table: { readonly client: Pick<DynamoDBClient, 'send'>; readonly tableName: string },
  options: WorldControlsOptions,
): ControlsSync {
  const failing = new Set(options.failingAccounts ?? []);
  const controlsOf = (accountId: string): string[] => {
    const account = world.accounts.find((candidate) => candidate.id === accountId);
    const listed = account?.enabledControls ?? [];
    return [...new Set(listed.flatMap((id) => (id === '*' ? options.allControls : [id])))].sort();
  };
  const access: Pick<AwsAccess, 'client'> = {
    client<C>(_ClientClass: unknown, target: { readonly accountId?: string; readonly region?: string }): C {
      const accountId = target.accountId ?? '';
      const standard = STANDARD(target.region ?? options.region);
      const client = clientAnswering((command, input) => {
        if (failing.has(accountId)) {
          throw Object.assign(new Error(`Security Hub is not answering in account ${accountId}`), {
            name: 'InternalException',
          });
        }
        const controls = controlsOf(accountId);
        switch (command) {
          case 'GetEnabledStandardsCommand':
            return {
              StandardsSubscriptions:
                controls.length === 0 ? [] : [{ StandardsArn: standard, StandardsStatus: 'READY' }],
            };
          case 'ListSecurityControlDefinitionsCommand': {
            const { items, next } = page(controls, input['NextToken'], options.pageSize ?? 20);
            return {
              SecurityControlDefinitions: items.map((id) => ({
                SecurityControlId: id,
                CurrentRegionAvailability: 'AVAILABLE',
              })),
              ...(next === undefined ? {} : { NextToken: next }),
            };
          }
          case 'BatchGetStandardsControlAssociationsCommand': {
            const ids = Array.isArray(input['StandardsControlAssociationIds'])
              ? (input['StandardsControlAssociationIds'] as { SecurityControlId?: string }[])
              : [];
            return {
              StandardsControlAssociationDetails: ids.map((id) => ({
                SecurityControlId: id.SecurityControlId,
                StandardsArn: standard,
                AssociationStatus: 'ENABLED',
              })),
              UnprocessedAssociations: [],
            };
          }
          default:
            throw new SimulationError(`The world has no answer to ${command}`);
        }
      });
      // The sync sends only the Security Hub read commands answered above, through `send`.
      return client as unknown as C;
    },
  };
  return {
    syncAccounts: (accountIds) =>
      syncEnabledControls(accountIds, {
        access,
        table,
        regions: [options.region],
        concurrency: 5,
        retry: { sleep: () => Promise.resolve() },
      }),
  };
}
