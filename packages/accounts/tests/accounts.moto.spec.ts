import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
/**
 * Account metadata end to end against moto (AWS Organizations + DynamoDB): a real organization with
 * nested OUs and tagged accounts, the cache table in moto's DynamoDB, and every Organizations and
 * DynamoDB request counted by a middleware on the clients the service uses.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { AccountSchema } from '@soar/scratchpad';
import { startMotoServer, type MotoServer } from '@soar/testing';

import {
  AccountNotFoundError,
  createAccountMetadataService,
  type AccountMetadataConfigInput,
  type AccountMetadataService,
} from '../src';

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const HOUR = 3_600_000;
const TTL_SECONDS = 6 * 3_600;
const BURST_ACCOUNTS = 50;
const BURST_FINDINGS = 1_000;

let moto: MotoServer;
/** Seeds moto; not counted. */
let admin: OrganizationsClient;
let adminDb: DynamoDBClient;
/** Used by the services under test; every request is counted by command name. */
let organizations: OrganizationsClient;
let dynamodb: DynamoDBClient;
const calls = new Map<string, number>();

let tableCounter = 0;
let table: string;
let now: number;
const clock = () => new Date(now);
const warnings: Array<[string, Readonly<Record<string, unknown>>]> = [];
const logger: SoarLogger = {
  ...SILENT_LOGGER,
  warn: (message, details = {}) => void warnings.push([message, details]),
};

interface Seeded {
  rootId: string;
  payments: string;
  sandbox: string;
  legacy: string;
  burst: string[];
}
let org: Seeded;

function count(name: string): number {
  return calls.get(name) ?? 0;
}
function organizationsCalls(): number {
  return [...calls].filter(([name]) => !name.includes('Item')).reduce((sum, [, n]) => sum + n, 0);
}
function countRequests(client: OrganizationsClient | DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
}

function service(config: AccountMetadataConfigInput = {}): AccountMetadataService {
  return createAccountMetadataService({
    organizationsClient: organizations,
    dynamoDbClient: dynamodb,
    config: { tableName: table, jiraDefaultProjectKey: 'SEC', ...config },
    clock,
    logger,
    random: () => 0,
  });
}

async function createAccount(name: string, parentId: string, tags: Record<string, string>): Promise<string> {
  const created = await admin.send(
    new CreateAccountCommand({ AccountName: name, Email: `aws+${name}@example.com` }),
  );
  const status = await admin.send(
    new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus?.Id }),
  );
  const id = status.CreateAccountStatus?.AccountId;
  if (status.CreateAccountStatus?.State !== 'SUCCEEDED' || id === undefined)
    throw new Error(`CreateAccount ${name} did not succeed: ${JSON.stringify(status)}`);
  if (parentId !== org.rootId)
    await admin.send(
      new MoveAccountCommand({ AccountId: id, SourceParentId: org.rootId, DestinationParentId: parentId }),
    );
  const entries = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  if (entries.length > 0) await admin.send(new TagResourceCommand({ ResourceId: id, Tags: entries }));
  return id;
}

async function createOu(name: string, parentId: string): Promise<string> {
  const ou = await admin.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }));
  const id = ou.OrganizationalUnit?.Id;
  if (id === undefined) throw new Error(`CreateOrganizationalUnit ${name} returned no id`);
  return id;
}

async function joinedAt(accountId: string): Promise<number> {
  const described = await admin.send(new DescribeAccountCommand({ AccountId: accountId }));
  return described.Account?.JoinedTimestamp?.getTime() ?? Number.NaN;
}

beforeAll(async () => {
  const started = Date.now();
  moto = await startMotoServer();
  const endpoint = moto.endpoint;
  admin = new OrganizationsClient({ endpoint, region: REGION, credentials });
  adminDb = new DynamoDBClient({ endpoint, region: REGION, credentials });
  organizations = new OrganizationsClient({ endpoint, region: REGION, credentials, maxAttempts: 3 });
  dynamodb = new DynamoDBClient({ endpoint, region: REGION, credentials });
  countRequests(organizations);
  countRequests(dynamodb);

  await admin.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const roots = await admin.send(new ListRootsCommand({}));
  const rootId = roots.Roots?.[0]?.Id;
  if (rootId === undefined) throw new Error('moto returned no root');
  org = { rootId, payments: '', sandbox: '', legacy: '', burst: [] };
  const workloads = await createOu('Workloads', rootId);
  const prod = await createOu('Prod', workloads);
  const sandboxOu = await createOu('Sandbox', rootId);

  org.payments = await createAccount('payments-prod', prod, {
    'soar:team:email': 'payments-team@example.com',
    'soar:team:email:app': 'payments-devs@example.com',
    'soar:client': 'acme',
    'soar:project': 'payments',
    'soar:team': 'payments',
    'soar:environment': 'production',
    'soar:jira:project-key': 'PAY',
    'soar:jira:project-key:app': 'PAYAPP',
    'soar:service-now:project-queue': 'pay-queue',
    'cost-center': '4711',
  });
  org.sandbox = await createAccount('sandbox-1', sandboxOu, {});
  org.legacy = await createAccount('legacy', rootId, { 'soar:team': 'legacy' });
  const parents = [prod, workloads, sandboxOu, rootId];
  for (let i = 0; i < BURST_ACCOUNTS; i += 1)
    org.burst.push(
      await createAccount(`burst-${i}`, parents[i % parents.length] ?? rootId, {
        'soar:team': `team-${i % 7}`,
        'soar:environment': i % 2 === 0 ? 'prod' : 'dev',
      }),
    );
  console.log(
    `moto organization seeded in ${Date.now() - started} ms (${3 + BURST_ACCOUNTS} accounts, 3 OUs)`,
  );
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  tableCounter += 1;
  table = `cached-account-data-${tableCounter}`;
  await adminDb.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await adminDb.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    }),
  );
  now = Date.now();
  calls.clear();
  warnings.length = 0;
});

describe('account metadata against moto (Organizations + DynamoDB)', () => {
  it('derives the Account of a tagged account two OUs deep, end to end', async () => {
    const joined = await joinedAt(org.payments);
    const account = await service().getAccount(org.payments);
    expect(account).toEqual({
      Id: org.payments,
      Name: 'payments-prod',
      Email: 'aws+payments-prod@example.com',
      TeamEmail: 'payments-team@example.com',
      TeamEmailApp: 'payments-devs@example.com',
      OrganizationalUnit: 'Prod',
      OrganizationalUnitPath: ['Root', 'Workloads', 'Prod'],
      Client: 'acme',
      ProjectName: 'payments',
      Team: 'payments',
      Environment: 'production',
      ProjectId: 'PAY',
      ProjectIdApp: 'PAYAPP',
      Tags: {
        'soar:team:email': 'payments-team@example.com',
        'soar:team:email:app': 'payments-devs@example.com',
        'soar:client': 'acme',
        'soar:project': 'payments',
        'soar:team': 'payments',
        'soar:environment': 'production',
        'soar:jira:project-key': 'PAY',
        'soar:jira:project-key:app': 'PAYAPP',
        'soar:service-now:project-queue': 'pay-queue',
        'cost-center': '4711',
      },
      JoinedAt: new Date(joined).toISOString(),
      AccountNew: true,
    });
    expect(AccountSchema.parse(account)).toEqual(account);
    expect(count('DescribeAccountCommand')).toBe(1);
    expect(count('DescribeOrganizationalUnitCommand')).toBe(2);

    const item = await adminDb.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: org.payments } } }),
    );
    expect(Object.keys(item.Item ?? {}).sort()).toEqual(['data', 'expires_at', 'fetched_at', 'id']);
    expect(item.Item?.['fetched_at']?.S).toBe(new Date(now).toISOString());
    expect(Number(item.Item?.['expires_at']?.N)).toBe(Math.floor((now + TTL_SECONDS * 1_000) / 1_000));
    expect(JSON.parse(item.Item?.['data']?.S ?? '{}')).toMatchObject({ account: { Id: org.payments } });
  });

  it('uses the ServiceNow queue when configured', async () => {
    const account = await service({ ticketingSystem: 'SERVICE_NOW' }).getAccount(org.payments);
    expect(account).toMatchObject({ ProjectId: 'pay-queue', ProjectIdApp: 'pay-queue' });
  });

  it('falls back to the defaults for an untagged account and names ROOT for one under the root', async () => {
    const svc = service({ defaultTeamEmail: '' });
    await expect(svc.getAccount(org.sandbox)).resolves.toMatchObject({
      TeamEmail: 'aws+sandbox-1@example.com',
      TeamEmailApp: 'aws+sandbox-1@example.com',
      OrganizationalUnit: 'Sandbox',
      OrganizationalUnitPath: ['Root', 'Sandbox'],
      Client: 'Unspecified',
      Team: 'Unspecified',
      ProjectId: 'SEC',
      ProjectIdApp: 'SEC',
      Tags: {},
    });
    await expect(svc.getAccount(org.legacy)).resolves.toMatchObject({
      OrganizationalUnit: 'ROOT',
      OrganizationalUnitPath: ['Root'],
      Team: 'legacy',
    });
  });

  it('serves the second request from DynamoDB (new process) or the memo (same process) with no Organizations call', async () => {
    const first = service();
    const account = await first.getAccount(org.payments);
    const afterFill = organizationsCalls();
    expect(afterFill).toBeGreaterThan(0);

    calls.clear();
    await expect(first.getAccount(org.payments)).resolves.toEqual(account);
    expect([...calls]).toEqual([]); // memo: no request at all

    const second = service(); // a fresh process: empty memo
    await expect(second.getAccount(org.payments)).resolves.toEqual(account);
    expect(organizationsCalls()).toBe(0);
    expect(count('GetItemCommand')).toBe(1);
    expect(second.stats()).toMatchObject({ cacheHits: 1, sourceLookups: 0 });
  });

  it('checks expiry on read: an item past expires_at (still stored) goes back to Organizations', async () => {
    await service({ cacheTtlSeconds: 60 }).getAccount(org.legacy);
    now += 60_000; // exactly at expires_at; moto, like DynamoDB before its TTL sweep, still returns the item
    const stored = await adminDb.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: org.legacy } } }),
    );
    expect(stored.Item).toBeDefined();

    calls.clear();
    const svc = service({ cacheTtlSeconds: 60 });
    await svc.getAccount(org.legacy);
    expect(count('DescribeAccountCommand')).toBe(1);
    expect(svc.stats()).toMatchObject({ cacheMisses: 1, sourceLookups: 1 });
    const refreshed = await adminDb.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: org.legacy } } }),
    );
    expect(refreshed.Item?.['fetched_at']?.S).toBe(new Date(now).toISOString());
  });

  it('flips AccountNew exactly at minAgeHours, from the cache, without Organizations', async () => {
    const joined = await joinedAt(org.sandbox);
    now = joined + 24 * HOUR - 1;
    await expect(service().getAccount(org.sandbox)).resolves.toMatchObject({ AccountNew: true });
    calls.clear();
    now = joined + 24 * HOUR;
    await expect(service().getAccount(org.sandbox)).resolves.toMatchObject({ AccountNew: false });
    expect(organizationsCalls()).toBe(0);
  });

  it('invalidate() drops the cached item so a tag change is seen on the next request', async () => {
    const svc = service();
    await expect(svc.getAccount(org.legacy)).resolves.toMatchObject({ Team: 'legacy' });
    await admin.send(
      new TagResourceCommand({ ResourceId: org.legacy, Tags: [{ Key: 'soar:team', Value: 'platform' }] }),
    );
    await expect(svc.getAccount(org.legacy)).resolves.toMatchObject({ Team: 'legacy' }); // cached

    await svc.invalidate(org.legacy);
    const item = await adminDb.send(new GetItemCommand({ TableName: table, Key: { id: { S: org.legacy } } }));
    expect(item.Item).toBeUndefined();
    calls.clear();
    await expect(svc.getAccount(org.legacy)).resolves.toMatchObject({ Team: 'platform' });
    expect(count('DescribeAccountCommand')).toBe(1);
    await admin.send(
      new TagResourceCommand({ ResourceId: org.legacy, Tags: [{ Key: 'soar:team', Value: 'legacy' }] }),
    );
  });

  it('throws AccountNotFoundError for an account outside the organization, once', async () => {
    const svc = service();
    const outsider = '123412341234';
    const error: unknown = await svc.getAccount(outsider).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountNotFoundError);
    expect(error).toMatchObject({ accountId: outsider });
    await expect(svc.getAccount(outsider)).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(count('DescribeAccountCommand')).toBe(1);
    expect(count('PutItemCommand')).toBe(0);
  });

  it('treats a corrupt DynamoDB item as a miss and logs it', async () => {
    await adminDb.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          id: { S: org.sandbox },
          data: { S: '{"account": tru' },
          fetched_at: { S: new Date(now).toISOString() },
          expires_at: { N: String(Math.floor(now / 1_000) + 3_600) },
        },
      }),
    );
    await expect(service().getAccount(org.sandbox)).resolves.toMatchObject({ Name: 'sandbox-1' });
    expect(count('DescribeAccountCommand')).toBe(1);
    expect(warnings).toContainEqual([
      'corrupt account cache item treated as a miss',
      expect.objectContaining({ accountId: org.sandbox, detail: 'data: not JSON' }),
    ]);
  });

  it('getAccounts() batch-reads with BatchGetItem and reports unknown accounts', async () => {
    const ids = [org.payments, org.sandbox, org.legacy, '123412341234'];
    const first = await service().getAccounts(ids);
    expect([...first.accounts.keys()]).toEqual(ids.slice(0, 3));
    expect(first.notFound).toEqual(['123412341234']);
    expect(count('BatchGetItemCommand')).toBe(1);
    expect(count('GetItemCommand')).toBe(0);

    calls.clear();
    const second = await service().getAccounts(ids.slice(0, 3));
    expect(second.accounts.get(org.payments)).toEqual(first.accounts.get(org.payments));
    expect(organizationsCalls()).toBe(0);
    expect(count('BatchGetItemCommand')).toBe(1);
  });

  it(`makes at most ${BURST_ACCOUNTS} Organizations account lookups for ${BURST_FINDINGS} findings over ${BURST_ACCOUNTS} accounts`, async () => {
    const findings = Array.from(
      { length: BURST_FINDINGS },
      (_, i) => org.burst[(i * 7) % BURST_ACCOUNTS] ?? '',
    );
    expect(new Set(findings).size).toBe(BURST_ACCOUNTS);

    const svc = service();
    const started = Date.now();
    const accounts = await Promise.all(findings.map((id) => svc.getAccount(id)));
    const coldMs = Date.now() - started;
    expect(accounts.map((a) => a.Id)).toEqual(findings);
    const cold = Object.fromEntries(calls);
    const stats = svc.stats();

    calls.clear();
    const warm = service(); // another process after the burst: DynamoDB only
    const warmStarted = Date.now();
    await Promise.all(findings.map((id) => warm.getAccount(id)));
    const warmMs = Date.now() - warmStarted;
    const warmCalls = Object.fromEntries(calls);

    console.log(
      [
        `burst: ${BURST_FINDINGS} concurrent getAccount() over ${BURST_ACCOUNTS} accounts`,
        `  cold process (${coldMs} ms): ${JSON.stringify(cold)}`,
        `  cold stats: ${JSON.stringify(stats)}`,
        `  warm process (${warmMs} ms): ${JSON.stringify(warmCalls)}`,
      ].join('\n'),
    );
    expect(cold['DescribeAccountCommand']).toBeLessThanOrEqual(BURST_ACCOUNTS);
    expect(cold['DescribeAccountCommand']).toBe(BURST_ACCOUNTS);
    expect(cold['ListTagsForResourceCommand']).toBe(BURST_ACCOUNTS);
    expect(cold['DescribeOrganizationalUnitCommand']).toBe(3); // Prod, Workloads, Sandbox: once each
    expect(cold['GetItemCommand']).toBe(BURST_ACCOUNTS);
    expect(cold['PutItemCommand']).toBe(BURST_ACCOUNTS);
    expect(stats).toMatchObject({
      sourceLookups: BURST_ACCOUNTS,
      sharedLookups: BURST_FINDINGS - BURST_ACCOUNTS,
    });
    expect(warmCalls).toEqual({ GetItemCommand: BURST_ACCOUNTS });
  });
});
