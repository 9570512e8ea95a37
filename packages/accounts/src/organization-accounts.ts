import type { OrganizationsClient } from '@aws-sdk/client-organizations';

import { sdk } from './sdk';

/**
 * The ids of the organization's `ACTIVE` accounts (suspended and closing accounts are left out: SOAR
 * cannot act in them), from `ListAccounts`, every page, in the order Organizations gives them. Call
 * it with a client of the management account or of a delegated administrator. A repeated page token
 * ends the listing instead of looping.
 *
 * @example
 * ```ts
 * const ids = await listActiveAccountIds(new OrganizationsClient({ region: 'us-east-1' }));
 * // ['111122223333', '444455556666', …]
 * ```
 */
export async function listActiveAccountIds(client: Pick<OrganizationsClient, 'send'>): Promise<string[]> {
  const { ListAccountsCommand } = await sdk.organizations();
  const ids: string[] = [];
  const seenTokens = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListAccountsCommand({ NextToken }));
    for (const account of page.Accounts ?? []) {
      // `State` replaces the deprecated `Status`; either says ACTIVE for an account SOAR can act in.
      const state = account.State ?? account.Status;
      if (account.Id !== undefined && state === 'ACTIVE' && !ids.includes(account.Id)) ids.push(account.Id);
    }
    NextToken = page.NextToken === undefined || page.NextToken === '' ? undefined : page.NextToken;
    if (NextToken !== undefined) {
      if (seenTokens.has(NextToken)) break;
      seenTokens.add(NextToken);
    }
  } while (NextToken !== undefined);
  return ids;
}
