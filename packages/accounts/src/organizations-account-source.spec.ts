import {
  AccessDeniedException,
  AccountNotFoundException,
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  TargetNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import { AccountLookupError, AccountNotFoundError } from './errors';
import { createOrganizationsAccountSource } from './organizations-account-source';

const A = '111111111111';
const B = '222222222222';
const JOINED = new Date('2024-03-01T12:00:00.000Z');
const org = mockClient(OrganizationsClient);
const client = new OrganizationsClient({ region: 'us-east-1' });

/** Tree: root r-1 → ou-1 (Workloads) → ou-2 (Prod) → A and B. */
function organization(): void {
  org.on(DescribeAccountCommand).callsFake(({ AccountId }: { AccountId: string }) => ({
    Account: {
      Id: AccountId,
      Name: `acct-${AccountId}`,
      Email: `${AccountId}@example.com`,
      JoinedTimestamp: JOINED,
    },
  }));
  org.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'soar:team', Value: 'pay' }] });
  org.on(ListParentsCommand).callsFake(({ ChildId }: { ChildId: string }) => {
    const parents: Record<string, { Id: string; Type: 'ROOT' | 'ORGANIZATIONAL_UNIT' }> = {
      'ou-1': { Id: 'r-1', Type: 'ROOT' },
      'ou-2': { Id: 'ou-1', Type: 'ORGANIZATIONAL_UNIT' },
    };
    return { Parents: [parents[ChildId] ?? { Id: 'ou-2', Type: 'ORGANIZATIONAL_UNIT' }] };
  });
  org
    .on(DescribeOrganizationalUnitCommand)
    .callsFake(({ OrganizationalUnitId }: { OrganizationalUnitId: string }) => ({
      OrganizationalUnit: {
        Id: OrganizationalUnitId,
        Name: OrganizationalUnitId === 'ou-1' ? 'Workloads' : 'Prod',
      },
    }));
}

beforeEach(() => {
  org.reset();
  organization();
});
afterAll(() => org.restore());

describe('createOrganizationsAccountSource', () => {
  it('reads account, tags and the full OU path from the root down', async () => {
    const source = createOrganizationsAccountSource({ client });
    await expect(source.fetchAccount(A)).resolves.toEqual({
      account: { Id: A, Name: `acct-${A}`, Email: `${A}@example.com`, JoinedTimestamp: JOINED.toISOString() },
      tags: { 'soar:team': 'pay' },
      parents: [
        { type: 'ROOT', id: 'r-1', name: 'Root' },
        { type: 'ORGANIZATIONAL_UNIT', id: 'ou-1', name: 'Workloads' },
        { type: 'ORGANIZATIONAL_UNIT', id: 'ou-2', name: 'Prod' },
      ],
    });
  });

  it('reads every page of ListTagsForResource (not only the first 100)', async () => {
    const page = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({ Key: `k${from + i}`, Value: `v${from + i}` }));
    org
      .on(ListTagsForResourceCommand)
      .resolvesOnce({ Tags: page(0, 100), NextToken: 't1' })
      .resolvesOnce({ Tags: page(100, 200), NextToken: 't2' })
      .resolvesOnce({ Tags: page(200, 230) });
    const record = await createOrganizationsAccountSource({ client }).fetchAccount(A);
    expect(Object.keys(record.tags)).toHaveLength(230);
    expect(record.tags['k229']).toBe('v229');
    expect(org).toHaveReceivedCommandTimes(ListTagsForResourceCommand, 3);
    expect(org).toHaveReceivedNthSpecificCommandWith(3, ListTagsForResourceCommand, {
      ResourceId: A,
      NextToken: 't2',
    });
  });

  it('stores a tag named __proto__ as data', async () => {
    org.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: '__proto__', Value: 'x' }] });
    const record = await createOrganizationsAccountSource({ client }).fetchAccount(A);
    expect(Object.getOwnPropertyDescriptor(record.tags, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(record.tags)).toBe(Object.prototype);
  });

  it('fails instead of looping on a repeated NextToken', async () => {
    org.on(ListTagsForResourceCommand).resolves({ Tags: [], NextToken: 'same' });
    await expect(createOrganizationsAccountSource({ client }).fetchAccount(A)).rejects.toMatchObject({
      name: 'AccountLookupError',
      awsErrorName: 'RepeatedNextToken',
    });
  });

  it('caches OU names and parents per process, sharing concurrent lookups', async () => {
    const source = createOrganizationsAccountSource({ client });
    await Promise.all([source.fetchAccount(A), source.fetchAccount(B)]);
    await source.fetchAccount(A);
    expect(org).toHaveReceivedCommandTimes(DescribeOrganizationalUnitCommand, 2); // ou-1 and ou-2, once each
    expect(org).toHaveReceivedCommandTimes(ListParentsCommand, 3 + 2); // one per account lookup + one per OU
    expect(org).toHaveReceivedCommandTimes(DescribeAccountCommand, 3);
  });

  it('re-reads OUs after the OU cache TTL or clearOuCache()', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const source = createOrganizationsAccountSource({
      client,
      ouCacheTtlSeconds: 60,
      clock: () => new Date(now),
    });
    await source.fetchAccount(A);
    now += 59_000;
    await source.fetchAccount(A);
    expect(org).toHaveReceivedCommandTimes(DescribeOrganizationalUnitCommand, 2);
    now += 2_000;
    await source.fetchAccount(A);
    expect(org).toHaveReceivedCommandTimes(DescribeOrganizationalUnitCommand, 4);
    source.clearOuCache();
    await source.fetchAccount(A);
    expect(org).toHaveReceivedCommandTimes(DescribeOrganizationalUnitCommand, 6);
  });

  it('does not cache a failed OU lookup', async () => {
    org
      .on(DescribeOrganizationalUnitCommand, { OrganizationalUnitId: 'ou-2' })
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 400 } }))
      .resolves({ OrganizationalUnit: { Id: 'ou-2', Name: 'Prod' } });
    const source = createOrganizationsAccountSource({ client });
    await expect(source.fetchAccount(A)).rejects.toMatchObject({
      name: 'AccountLookupError',
      operation: 'DescribeOrganizationalUnit',
      retryable: true,
    });
    await expect(source.fetchAccount(A)).resolves.toMatchObject({ account: { Id: A } });
  });

  it('returns [] parents when Organizations reports none, and the root alone under the root', async () => {
    org.on(ListParentsCommand, { ChildId: A }).resolves({ Parents: [] });
    org.on(ListParentsCommand, { ChildId: B }).resolves({ Parents: [{ Id: 'r-1', Type: 'ROOT' }] });
    const source = createOrganizationsAccountSource({ client });
    expect((await source.fetchAccount(A)).parents).toEqual([]);
    expect((await source.fetchAccount(B)).parents).toEqual([{ type: 'ROOT', id: 'r-1', name: 'Root' }]);
  });

  it('fails on a parent cycle instead of walking forever', async () => {
    org.on(ListParentsCommand).resolves({ Parents: [{ Id: 'ou-9', Type: 'ORGANIZATIONAL_UNIT' }] });
    await expect(createOrganizationsAccountSource({ client }).fetchAccount(A)).rejects.toMatchObject({
      awsErrorName: 'OrganizationDepthExceeded',
      retryable: false,
    });
  });

  it('maps AccountNotFoundException to AccountNotFoundError after one call', async () => {
    org.on(DescribeAccountCommand).rejects(new AccountNotFoundException({ message: 'nope', $metadata: {} }));
    const error: unknown = await createOrganizationsAccountSource({ client })
      .fetchAccount(A)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountNotFoundError);
    expect(error).toMatchObject({ accountId: A, name: 'AccountNotFoundError' });
    expect((error as Error).cause).toBeInstanceOf(AccountNotFoundException);
    expect(org).toHaveReceivedCommandTimes(DescribeAccountCommand, 1);
    expect(org).not.toHaveReceivedCommand(ListTagsForResourceCommand);
  });

  it('maps TargetNotFoundException of the account (left the org mid-lookup) to AccountNotFoundError', async () => {
    org
      .on(ListTagsForResourceCommand)
      .rejects(new TargetNotFoundException({ message: 'gone', $metadata: {} }));
    await expect(createOrganizationsAccountSource({ client }).fetchAccount(A)).rejects.toBeInstanceOf(
      AccountNotFoundError,
    );
  });

  it.each([
    {
      name: 'throttling',
      error: new TooManyRequestsException({ message: 'slow', $metadata: { httpStatusCode: 400 } }),
      retryable: true,
    },
    {
      name: 'access denied',
      error: new AccessDeniedException({ message: 'no', $metadata: { httpStatusCode: 403 } }),
      retryable: false,
    },
    {
      name: 'a network error',
      error: Object.assign(new Error('socket hang up'), { name: 'ECONNRESET' }),
      retryable: true,
    },
  ])('maps $name to AccountLookupError with retryable=$retryable', async ({ error, retryable }) => {
    org.on(DescribeAccountCommand).rejects(error);
    const caught: unknown = await createOrganizationsAccountSource({ client })
      .fetchAccount(A)
      .catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(AccountLookupError);
    expect(caught).toMatchObject({
      accountId: A,
      operation: 'DescribeAccount',
      retryable,
      awsErrorName: error.name,
    });
    expect((caught as Error).message).toContain(A);
  });

  it('keeps at most maxConcurrentRequests Organizations requests in flight', async () => {
    let active = 0;
    let peak = 0;
    org.on(DescribeAccountCommand).callsFake(async ({ AccountId }: { AccountId: string }) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      return { Account: { Id: AccountId, Name: 'n', Email: 'e' } };
    });
    const source = createOrganizationsAccountSource({ client, maxConcurrentRequests: 3 });
    const ids = Array.from({ length: 12 }, (_, i) => String(100000000000 + i));
    await Promise.all(ids.map((id) => source.fetchAccount(id)));
    expect(peak).toBe(3);
  });
});
