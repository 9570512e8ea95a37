import type { OrganizationsClient, Parent } from '@aws-sdk/client-organizations';

import { sdk } from './sdk';
import { createLimiter } from './concurrency';
import { AccountLookupError, AccountNotFoundError } from './errors';
import { ROOT_NAME, type OrganizationParent, type RawAccountRecord } from './raw-account';

/** Where account records come from on a cache miss. */
export interface AccountSource {
  /**
   * Everything Organizations says about one account.
   *
   * @throws {@link AccountNotFoundError} if the organization does not know the account.
   * @throws {@link AccountLookupError} on any other failure.
   */
  fetchAccount(accountId: string): Promise<RawAccountRecord>;
}

/** Options of {@link createOrganizationsAccountSource}. */
export interface OrganizationsAccountSourceOptions {
  /**
   * Organizations client of the management (or delegated administrator) account. The caller owns
   * its retry policy; recommended: `new OrganizationsClient({ region: 'us-east-1', retryMode:
   * 'adaptive', maxAttempts: 5 })`, as Organizations has low per-account request quotas and the
   * adaptive mode slows the whole process down when it is throttled.
   */
  readonly client: Pick<OrganizationsClient, 'send'>;
  /** Most Organizations requests in flight at once from this source. Default 5. */
  readonly maxConcurrentRequests?: number | undefined;
  /** How long an OU's name and parent are reused in this process. Default 3600 s. */
  readonly ouCacheTtlSeconds?: number | undefined;
  /** Clock of the OU cache. Default `() => new Date()`. */
  readonly clock?: (() => Date) | undefined;
}

/** An {@link AccountSource} backed by AWS Organizations, with its per-process OU cache. */
export interface OrganizationsAccountSource extends AccountSource {
  /** Forgets every cached OU (e.g. after an `UpdateOrganizationalUnit` event). */
  clearOuCache(): void;
}

/** AWS allows five levels of OUs; anything deeper means a cycle in what the API returned. */
const MAX_DEPTH = 10;

const RETRYABLE_NAMES: ReadonlySet<string> = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'ServiceException',
  'ConcurrentModificationException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // An OU deleted while we walked up the tree: the next attempt sees the new tree.
  'OrganizationalUnitNotFoundException',
  'ParentNotFoundException',
  'ChildNotFoundException',
]);

/** The `@aws-sdk/client-organizations` module, loaded on first use (see {@link sdk}). */
type Organizations = Awaited<ReturnType<typeof sdk.organizations>>;

interface OuInfo {
  readonly name: string;
  readonly parent: Parent | undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('$retryable' in error && error.$retryable !== undefined) return true;
  if (RETRYABLE_NAMES.has(errorName(error))) return true;
  if ('$metadata' in error && typeof error.$metadata === 'object' && error.$metadata !== null) {
    const status = 'httpStatusCode' in error.$metadata ? error.$metadata.httpStatusCode : undefined;
    return typeof status !== 'number' || status >= 500 || status === 429;
  }
  // No service response at all: a network or socket error.
  return true;
}

/**
 * Reads account records from AWS Organizations: `DescribeAccount`, then in parallel every page of
 * `ListTagsForResource` and the chain of `ListParents` up to the root. OU names
 * (`DescribeOrganizationalUnit`) and OU parents are cached per process, because many accounts
 * share OUs; concurrent requests for one OU share one call.
 *
 * Errors: `AccountNotFoundException` (and `TargetNotFoundException` / `ChildNotFoundException` for
 * the account itself, when it leaves the organization mid-lookup) → {@link AccountNotFoundError};
 * everything else → {@link AccountLookupError} with `retryable`. Throttling is retried by the SDK
 * client first.
 *
 * IAM: `organizations:DescribeAccount`, `organizations:ListTagsForResource`,
 * `organizations:ListParents`, `organizations:DescribeOrganizationalUnit`.
 *
 * @example
 * ```ts
 * const source = createOrganizationsAccountSource({
 *   client: new OrganizationsClient({ region: 'us-east-1', retryMode: 'adaptive', maxAttempts: 5 }),
 * });
 * const raw = await source.fetchAccount('111122223333');
 * ```
 */
export function createOrganizationsAccountSource(
  options: OrganizationsAccountSourceOptions,
): OrganizationsAccountSource {
  const { client } = options;
  const clock = options.clock ?? (() => new Date());
  const ouTtlMs = (options.ouCacheTtlSeconds ?? 3_600) * 1_000;
  const limit = createLimiter(options.maxConcurrentRequests ?? 5);
  const ous = new Map<string, { readonly info: Promise<OuInfo>; readonly expiresAtMs: number }>();

  const call = async <T>(
    accountId: string,
    operation: string,
    send: (organizations: Organizations) => Promise<T>,
    accountNotFoundNames: readonly string[] = [],
  ): Promise<T> => {
    const organizations = await sdk.organizations();
    try {
      return await limit(() => send(organizations));
    } catch (error) {
      const name = errorName(error);
      if (name === 'AccountNotFoundException' || accountNotFoundNames.includes(name))
        throw new AccountNotFoundError(accountId, { cause: error });
      throw new AccountLookupError(accountId, operation, name, isRetryable(error), { cause: error });
    }
  };

  const firstParent = async (accountId: string, childId: string, childIsAccount: boolean) => {
    const response = await call(
      accountId,
      'ListParents',
      ({ ListParentsCommand }) => client.send(new ListParentsCommand({ ChildId: childId })),
      childIsAccount ? ['ChildNotFoundException'] : [],
    );
    // Every account and OU has exactly one parent.
    return response.Parents?.[0];
  };

  const ouInfo = (accountId: string, ouId: string): Promise<OuInfo> => {
    const nowMs = clock().getTime();
    const cached = ous.get(ouId);
    if (cached !== undefined && cached.expiresAtMs > nowMs) return cached.info;
    const info = Promise.all([
      call(accountId, 'DescribeOrganizationalUnit', ({ DescribeOrganizationalUnitCommand }) =>
        client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId })),
      ),
      firstParent(accountId, ouId, false),
    ]).then(([described, parent]) => ({ name: described.OrganizationalUnit?.Name ?? ouId, parent }));
    const entry = { info, expiresAtMs: nowMs + ouTtlMs };
    ous.set(ouId, entry);
    // A failure is not cached; the next lookup tries again.
    info.catch(() => {
      if (ous.get(ouId) === entry) ous.delete(ouId);
    });
    return info;
  };

  const parentsOf = async (accountId: string): Promise<OrganizationParent[]> => {
    const upwards: OrganizationParent[] = [];
    let parent = await firstParent(accountId, accountId, true);
    while (parent?.Id !== undefined) {
      if (upwards.length >= MAX_DEPTH)
        throw new AccountLookupError(accountId, 'ListParents', 'OrganizationDepthExceeded', false);
      if (parent.Type === 'ROOT') {
        upwards.push({ type: 'ROOT', id: parent.Id, name: ROOT_NAME });
        break;
      }
      const ou = await ouInfo(accountId, parent.Id);
      upwards.push({ type: 'ORGANIZATIONAL_UNIT', id: parent.Id, name: ou.name });
      parent = ou.parent;
    }
    return upwards.reverse();
  };

  const tagsOf = async (accountId: string): Promise<Record<string, string>> => {
    const tags = new Map<string, string>();
    const seenTokens = new Set<string>();
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await call(
        accountId,
        'ListTagsForResource',
        ({ ListTagsForResourceCommand }) =>
          client.send(new ListTagsForResourceCommand({ ResourceId: accountId, NextToken: token })),
        ['TargetNotFoundException'],
      );
      for (const { Key, Value } of page.Tags ?? []) if (Key !== undefined) tags.set(Key, Value ?? '');
      nextToken = page.NextToken === '' ? undefined : page.NextToken;
      if (nextToken !== undefined && seenTokens.has(nextToken))
        throw new AccountLookupError(accountId, 'ListTagsForResource', 'RepeatedNextToken', false);
      if (nextToken !== undefined) seenTokens.add(nextToken);
    } while (nextToken !== undefined);
    // fromEntries defines own properties, so a tag named `__proto__` cannot touch the prototype.
    return Object.fromEntries(tags);
  };

  return {
    async fetchAccount(accountId) {
      const described = await call(accountId, 'DescribeAccount', ({ DescribeAccountCommand }) =>
        client.send(new DescribeAccountCommand({ AccountId: accountId })),
      );
      const account = described.Account;
      if (account === undefined)
        throw new AccountLookupError(accountId, 'DescribeAccount', 'EmptyResponse', true);
      const [tags, parents] = await Promise.all([tagsOf(accountId), parentsOf(accountId)]);
      return {
        account: {
          Id: accountId,
          Name: account.Name ?? '',
          Email: account.Email ?? '',
          ...(account.JoinedTimestamp === undefined
            ? {}
            : { JoinedTimestamp: account.JoinedTimestamp.toISOString() }),
        },
        tags,
        parents,
      };
    },
    clearOuCache() {
      ous.clear();
    },
  };
}
