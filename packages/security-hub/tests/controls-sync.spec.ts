import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetStandardsControlAssociationsCommand,
  type BatchGetStandardsControlAssociationsCommandInput,
  GetEnabledStandardsCommand,
  type GetEnabledStandardsCommandInput,
  ListMembersCommand,
  type ListMembersCommandInput,
  ListSecurityControlDefinitionsCommand,
  type ListSecurityControlDefinitionsCommandInput,
  ListStandardsControlAssociationsCommand,
  type ListStandardsControlAssociationsCommandInput,
  SecurityHubClient,
  SecurityHubServiceException,
} from '@aws-sdk/client-securityhub';
import {
  AccessDeniedError,
  type AccessScope,
  type AwsAccess,
  type AwsClientConstructor,
  type Target,
} from '@soar/aws-access';
import { type LocalDynamoDb, SECURITY_ACCOUNT_ID, startDynalite } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import {
  ENABLED_CONTROLS_TABLE,
  type EnabledControlsTable,
  enabledControlItem,
  enabledControlKey,
  hasSyncedMarker,
  listSyncAccounts,
  syncAccountEnabledControls,
  SYNC_CONTROLS_SCOPE,
  syncEnabledControls,
  type SyncEnabledControlsOptions,
} from '../src/controls';

// ---------------------------------------------------------------------------------------------
// A fake Security Hub, one state per account, behind aws-sdk-client-mock (moto lacks these APIs).
// It pages everything by at most FAKE_PAGE items, whatever MaxResults says, as AWS may.
// ---------------------------------------------------------------------------------------------

const FAKE_PAGE = 5;
const REGION = 'eu-west-1';
const MEMBER = '111122223333';
const OTHER_MEMBER = '444455556666';

interface FakeStandard {
  readonly arn: string;
  readonly status?: string;
  readonly controls: readonly { readonly id: string; readonly availability?: 'AVAILABLE' | 'UNAVAILABLE' }[];
}

interface FakeAccount {
  standards: FakeStandard[];
  /** `control|standardArn` pairs that are DISABLED (all others are ENABLED). */
  disabled: Set<string>;
  /** Standards for which BatchGetStandardsControlAssociations fails (not ready for updates). */
  notReady: Set<string>;
  /** Pairs answered LIMIT_EXCEEDED once. */
  limitExceededOnce: Set<string>;
  /** Thrown by every call in this account. */
  failure?: Error;
}

const standardArn = (name: string): string => `arn:aws:securityhub:${REGION}::standards/${name}/v/1.0.0`;
const pairKey = (control: string, standard: string): string => `${control}|${standard}`;

/** Twelve enabled standards (more than the original's single page of 10). */
function twelveStandards(): FakeStandard[] {
  return Array.from({ length: 12 }, (_, index) => ({
    arn: standardArn(`std-${index}`),
    controls: [
      { id: `S${index}.1` },
      { id: `S${index}.2` },
      { id: 'Shared.1' },
      ...(index < 2 ? [{ id: 'IAM.1' }] : []),
      ...(index === 0
        ? [
            { id: 'Region.1', availability: 'UNAVAILABLE' as const },
            { id: 'EC2.2' },
            { id: 'EC2.3' },
            { id: 'EC2.4' },
          ]
        : []),
    ],
  }));
}

function anAccount(): FakeAccount {
  return {
    standards: twelveStandards(),
    // IAM.1 is DISABLED in its first association (std-0) and ENABLED in the second (std-1).
    // EC2.4 is disabled in its only standard.
    disabled: new Set([pairKey('IAM.1', standardArn('std-0')), pairKey('EC2.4', standardArn('std-0'))]),
    notReady: new Set(),
    limitExceededOnce: new Set(),
  };
}

/** Controls `anAccount()` has enabled. */
const EXPECTED_ENABLED = [
  ...Array.from({ length: 12 }, (_, index) => [`S${index}.1`, `S${index}.2`]).flat(),
  'Shared.1',
  'IAM.1',
  'EC2.2',
  'EC2.3',
].sort();

function page<T>(
  items: readonly T[],
  input: { NextToken?: string | undefined; MaxResults?: number | undefined },
) {
  const start = Number(input.NextToken ?? '0');
  const size = Math.min(input.MaxResults ?? 10, FAKE_PAGE);
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

const securityHub = mockClient(SecurityHubClient);
const accounts = new Map<string, FakeAccount>();
const owners = new WeakMap<object, string>();
const accessCalls: { target: Target; scope: AccessScope }[] = [];

function accountOf(getClient: () => unknown): FakeAccount {
  const client = getClient();
  const accountId = typeof client === 'object' && client !== null ? owners.get(client) : undefined;
  const account = accountId === undefined ? undefined : accounts.get(accountId);
  if (account === undefined) throw new Error(`no fake Security Hub for account ${accountId ?? '?'}`);
  if (account.failure !== undefined) throw account.failure;
  return account;
}

function installFakeSecurityHub(): void {
  securityHub
    .on(GetEnabledStandardsCommand)
    .callsFake((input: GetEnabledStandardsCommandInput, getClient) => {
      const account = accountOf(getClient);
      const { items, next } = page(account.standards, input);
      return {
        StandardsSubscriptions: items.map((standard) => ({
          StandardsArn: standard.arn,
          StandardsSubscriptionArn: standard.arn.replace('::standards', `:${MEMBER}:subscription`),
          StandardsInput: {},
          StandardsStatus: standard.status ?? 'READY',
        })),
        NextToken: next,
      };
    });
  securityHub
    .on(ListSecurityControlDefinitionsCommand)
    .callsFake((input: ListSecurityControlDefinitionsCommandInput, getClient) => {
      const standard = accountOf(getClient).standards.find(
        (candidate) => candidate.arn === input.StandardsArn,
      );
      const { items, next } = page(standard?.controls ?? [], input);
      return {
        SecurityControlDefinitions: items.map((control) => ({
          SecurityControlId: control.id,
          Title: control.id,
          Description: control.id,
          RemediationUrl: 'https://docs.aws.amazon.com/',
          SeverityRating: 'MEDIUM',
          CurrentRegionAvailability: control.availability ?? 'AVAILABLE',
        })),
        NextToken: next,
      };
    });
  securityHub
    .on(BatchGetStandardsControlAssociationsCommand)
    .callsFake((input: BatchGetStandardsControlAssociationsCommandInput, getClient) => {
      const account = accountOf(getClient);
      const ids = input.StandardsControlAssociationIds ?? [];
      if (ids.some((id) => account.notReady.has(id.StandardsArn ?? ''))) {
        throw new SecurityHubServiceException({
          name: 'ResourceNotFoundException',
          message: 'The standard is not ready for updates',
          $fault: 'client',
          $metadata: { httpStatusCode: 404 },
        });
      }
      const details = [];
      const unprocessed = [];
      for (const id of ids) {
        const key = pairKey(id.SecurityControlId ?? '', id.StandardsArn ?? '');
        if (account.limitExceededOnce.delete(key)) {
          unprocessed.push({ StandardsControlAssociationId: id, ErrorCode: 'LIMIT_EXCEEDED' as const });
          continue;
        }
        details.push({
          StandardsArn: id.StandardsArn,
          SecurityControlId: id.SecurityControlId,
          SecurityControlArn: `arn:aws:securityhub:${REGION}:${MEMBER}:security-control/${id.SecurityControlId ?? ''}`,
          AssociationStatus: account.disabled.has(key) ? ('DISABLED' as const) : ('ENABLED' as const),
        });
      }
      return { StandardsControlAssociationDetails: details, UnprocessedAssociations: unprocessed };
    });
  securityHub
    .on(ListStandardsControlAssociationsCommand)
    .callsFake((input: ListStandardsControlAssociationsCommandInput, getClient) => {
      const account = accountOf(getClient);
      const control = input.SecurityControlId ?? '';
      const summaries = account.standards
        .filter((standard) => standard.controls.some((candidate) => candidate.id === control))
        .map((standard) => ({
          StandardsArn: standard.arn,
          SecurityControlId: control,
          SecurityControlArn: `arn:aws:securityhub:${REGION}:${MEMBER}:security-control/${control}`,
          AssociationStatus: account.disabled.has(pairKey(control, standard.arn)) ? 'DISABLED' : 'ENABLED',
        }));
      const { items, next } = page(summaries, input);
      return { StandardsControlAssociationSummaries: items, NextToken: next };
    });
}

/** A stand-in for `@soar/aws-access`: real SDK clients, remembered per account for the fake. */
const access: Pick<AwsAccess, 'client'> = {
  client<C>(ClientClass: AwsClientConstructor<C>, target: Target, scope: AccessScope): C {
    accessCalls.push({ target, scope });
    const client = new ClientClass({
      region: target.region ?? REGION,
      credentials: () => Promise.resolve({ accessKeyId: 'AKIATEST', secretAccessKey: 'secret' }),
      retryMode: 'adaptive',
      maxAttempts: 1,
    });
    if (typeof client === 'object' && client !== null) owners.set(client, target.accountId ?? '');
    return client;
  },
};

// ---------------------------------------------------------------------------------------------
// DynamoDB side: dynalite, one fresh table per test.
// ---------------------------------------------------------------------------------------------

let dynamo: LocalDynamoDb;
let dynamodb: DynamoDBClient;
let table: EnabledControlsTable;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
  dynamodb = dynamo.client();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  securityHub.reset();
  accounts.clear();
  accessCalls.length = 0;
  installFakeSecurityHub();
  tableCount += 1;
  table = { client: dynamodb, tableName: `enabled-controls-${tableCount}` };
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table.tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: ENABLED_CONTROLS_TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: ENABLED_CONTROLS_TABLE.accountAttribute, AttributeType: 'S' },
        { AttributeName: ENABLED_CONTROLS_TABLE.controlAttribute, AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: ENABLED_CONTROLS_TABLE.partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: ENABLED_CONTROLS_TABLE.accountIndexName,
          KeySchema: [
            { AttributeName: ENABLED_CONTROLS_TABLE.accountAttribute, KeyType: 'HASH' },
            { AttributeName: ENABLED_CONTROLS_TABLE.controlAttribute, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
});

function options(overrides: Partial<SyncEnabledControlsOptions> = {}): SyncEnabledControlsOptions {
  return { access, table, regions: [REGION], retry: { sleep: () => Promise.resolve() }, ...overrides };
}

async function rowsOf(accountId: string): Promise<string[]> {
  const scan = await dynamodb.send(new ScanCommand({ TableName: table.tableName }));
  return (scan.Items ?? [])
    .filter((item) => item['account_id']?.S === accountId)
    .map((item) => item['control_id']?.S ?? '')
    .sort();
}

/** Counts the write commands sent to DynamoDB while `act` runs. */
async function countWrites(act: () => Promise<unknown>): Promise<number> {
  const send = jest.spyOn(dynamodb, 'send');
  try {
    await act();
    return send.mock.calls.filter(
      ([command]) => command instanceof BatchWriteItemCommand || command instanceof PutItemCommand,
    ).length;
  } finally {
    send.mockRestore();
  }
}

describe('Function: syncAccountEnabledControls', () => {
  it('reads every page of an account with 12 enabled standards, not only the first 10', async () => {
    // Arrange
    accounts.set(MEMBER, anAccount());

    // Act
    const summary = await syncAccountEnabledControls(MEMBER, options());

    // Assert
    expect(summary).toMatchObject({
      accountId: MEMBER,
      status: 'synced',
      put: EXPECTED_ENABLED.length,
      deleted: 0,
    });
    expect(await rowsOf(MEMBER)).toEqual(EXPECTED_ENABLED);
    expect(await rowsOf(MEMBER)).toContain('S11.1'); // only in the 12th standard
    expect(securityHub).toHaveReceivedCommandTimes(GetEnabledStandardsCommand, 3);
    expect(securityHub).toHaveReceivedCommandWith(ListSecurityControlDefinitionsCommand, {
      StandardsArn: standardArn('std-0'),
      NextToken: '5',
    });
  });

  it('counts a control enabled when only its second association is ENABLED', async () => {
    // Arrange
    accounts.set(MEMBER, anAccount());

    // Act
    await syncAccountEnabledControls(MEMBER, options());

    // Assert
    const rows = await rowsOf(MEMBER);
    expect(rows).toContain('IAM.1');
    expect(rows).not.toContain('EC2.4'); // disabled in its only standard
    expect(rows).not.toContain('Region.1'); // not available in the region
  });

  it('stores one item per control under the <account>#<control> key the triage gate reads', async () => {
    // Arrange
    accounts.set(MEMBER, anAccount());

    // Act
    await syncAccountEnabledControls(MEMBER, options());

    // Assert
    const item = await dynamodb.send(
      new GetItemCommand({ TableName: table.tableName, Key: { id: { S: `${MEMBER}#IAM.1` } } }),
    );
    expect(item.Item).toEqual(enabledControlItem(MEMBER, 'IAM.1'));
    expect(enabledControlKey(MEMBER, 'IAM.1')).toEqual({ id: { S: `${MEMBER}#IAM.1` } });
  });

  it('writes nothing on a second run when nothing changed', async () => {
    // Arrange
    accounts.set(MEMBER, anAccount());
    const firstRunWrites = await countWrites(() => syncAccountEnabledControls(MEMBER, options()));

    // Act
    let summary: unknown;
    const writes = await countWrites(async () => {
      summary = await syncAccountEnabledControls(MEMBER, options());
    });

    // Assert
    expect(firstRunWrites).toBe(Math.ceil(EXPECTED_ENABLED.length / 25));
    expect(writes).toBe(0);
    expect(summary).toMatchObject({
      status: 'synced',
      put: 0,
      deleted: 0,
      unchanged: EXPECTED_ENABLED.length,
    });
  });

  it('marks the account synced after its first sync, and only then, outside the account index', async () => {
    // Arrange
    accounts.set(MEMBER, anAccount());
    const before = await hasSyncedMarker(table, MEMBER);

    // Act
    await syncAccountEnabledControls(MEMBER, options());

    // Assert
    expect(before).toBe(false);
    expect(await hasSyncedMarker(table, MEMBER)).toBe(true);
    expect(await rowsOf(MEMBER)).toEqual(EXPECTED_ENABLED); // the marker is no control row
  });

  it('leaves an account it could not read unmarked', async () => {
    accounts.set(MEMBER, { ...anAccount(), failure: new Error('InvalidAccessException: not subscribed') });

    const summary = await syncAccountEnabledControls(MEMBER, options());

    expect(summary.status).toBe('failed');
    expect(await hasSyncedMarker(table, MEMBER)).toBe(false);
  });

  it('deletes rows of controls whose standard was disabled, and stale rows of unknown controls', async () => {
    // Arrange
    const account = anAccount();
    accounts.set(MEMBER, account);
    await syncAccountEnabledControls(MEMBER, options());
    await dynamodb.send(
      new PutItemCommand({ TableName: table.tableName, Item: enabledControlItem(MEMBER, 'Retired.1') }),
    );
    account.standards = account.standards.filter((standard) => standard.arn !== standardArn('std-3'));

    // Act
    const summary = await syncAccountEnabledControls(MEMBER, options());

    // Assert
    expect(summary).toMatchObject({ status: 'synced', put: 0, deleted: 3 });
    const rows = await rowsOf(MEMBER);
    expect(rows).not.toContain('S3.1');
    expect(rows).not.toContain('S3.2');
    expect(rows).not.toContain('Retired.1');
    expect(rows).toContain('Shared.1'); // still enabled through other standards
  });

  it('ignores standards that are being deleted or failed to enable', async () => {
    // Arrange
    const account = anAccount();
    account.standards = [
      { arn: standardArn('gone'), status: 'DELETING', controls: [{ id: 'Gone.1' }] },
      { arn: standardArn('broken'), status: 'FAILED', controls: [{ id: 'Broken.1' }] },
      { arn: standardArn('partial'), status: 'INCOMPLETE', controls: [{ id: 'Partial.1' }] },
    ];
    accounts.set(MEMBER, account);

    // Act
    await syncAccountEnabledControls(MEMBER, options());

    // Assert
    expect(await rowsOf(MEMBER)).toEqual(['Partial.1']);
  });

  it('asks for at most 100 associations per call, one standard per call, and retries LIMIT_EXCEEDED', async () => {
    // Arrange
    const big = {
      arn: standardArn('big'),
      controls: Array.from({ length: 150 }, (_, index) => ({ id: `Big.${index}` })),
    };
    const account: FakeAccount = { ...anAccount(), standards: [big] };
    account.limitExceededOnce.add(pairKey('Big.7', big.arn));
    accounts.set(MEMBER, account);

    // Act
    const summary = await syncAccountEnabledControls(MEMBER, options());

    // Assert
    const sizes = securityHub
      .commandCalls(BatchGetStandardsControlAssociationsCommand)
      .map((call) => call.args[0].input.StandardsControlAssociationIds?.length);
    expect(sizes).toEqual([100, 1, 50]);
    expect(await rowsOf(MEMBER)).toHaveLength(150);
    expect(summary.securityHubCalls).toBeLessThan(50);
  });

  it('falls back to ListStandardsControlAssociations for a standard that is not ready for updates', async () => {
    // Arrange
    const account = anAccount();
    account.notReady.add(standardArn('std-0'));
    accounts.set(MEMBER, account);

    // Act
    await syncAccountEnabledControls(MEMBER, options());

    // Assert
    expect(await rowsOf(MEMBER)).toEqual(EXPECTED_ENABLED);
    expect(securityHub).toHaveReceivedCommandWith(ListStandardsControlAssociationsCommand, {
      SecurityControlId: 'EC2.4',
    });
  });

  it('reads the account in the configured region through the sync session', async () => {
    accounts.set(MEMBER, anAccount());
    await syncAccountEnabledControls(MEMBER, options({ regions: ['eu-north-1'] }));
    expect(accessCalls).toEqual([
      { target: { accountId: MEMBER, region: 'eu-north-1' }, scope: SYNC_CONTROLS_SCOPE },
    ]);
  });

  it('skips an account whose role cannot be assumed and leaves its rows alone', async () => {
    // Arrange
    accounts.set(MEMBER, anAccount());
    await syncAccountEnabledControls(MEMBER, options());
    const account = accounts.get(MEMBER);
    if (account === undefined) throw new Error('set up failed');
    account.failure = new AccessDeniedError('AccessDenied', {
      accountId: MEMBER,
      roleArn: `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution`,
      sessionName: 'soar-sync-enabled-controls',
    });

    // Act
    const summary = await syncAccountEnabledControls(MEMBER, options());

    // Assert
    expect(summary).toMatchObject({
      status: 'skipped',
      put: 0,
      deleted: 0,
      error: expect.objectContaining({ name: 'AccessDeniedError' }),
    });
    expect(await rowsOf(MEMBER)).toEqual(EXPECTED_ENABLED);
  });

  it('reports other failures as a typed error for the account, without writing', async () => {
    // Arrange
    accounts.set(MEMBER, { ...anAccount(), failure: new Error('InvalidAccessException: not subscribed') });

    // Act
    const summary = await syncAccountEnabledControls(MEMBER, options());

    // Assert
    expect(summary).toMatchObject({
      accountId: MEMBER,
      status: 'failed',
      error: expect.objectContaining({
        name: 'EnabledControlsSyncError',
        message: expect.stringContaining(MEMBER),
      }),
    });
    expect(await rowsOf(MEMBER)).toEqual([]);
  });
});

describe('Function: listSyncAccounts', () => {
  it('lists enabled members of every page plus the administrator account itself, which ListMembers leaves out', async () => {
    // Arrange
    const members = [
      { AccountId: MEMBER, MemberStatus: 'Enabled' },
      { AccountId: '222233334444', MemberStatus: 'Removed' },
      { AccountId: OTHER_MEMBER, MemberStatus: 'Enabled' },
      { AccountId: '555566667777', MemberStatus: 'AccountSuspended' },
    ];
    securityHub.on(ListMembersCommand).callsFake((input: ListMembersCommandInput) => {
      const start = Number(input.NextToken ?? '0');
      return {
        Members: members.slice(start, start + 2),
        NextToken: start + 2 < members.length ? String(start + 2) : undefined,
      };
    });

    // Act
    const accountIds = await listSyncAccounts(new SecurityHubClient({ region: REGION }), SECURITY_ACCOUNT_ID);

    // Assert
    expect(accountIds).toEqual([SECURITY_ACCOUNT_ID, MEMBER, OTHER_MEMBER]);
    expect(securityHub).toHaveReceivedCommandWith(ListMembersCommand, { OnlyAssociated: true });
    expect(securityHub).toHaveReceivedCommandTimes(ListMembersCommand, 2);
  });

  it('fails with a typed error naming the administrator account', async () => {
    securityHub.on(ListMembersCommand).rejects(new Error('boom'));
    await expect(
      listSyncAccounts(new SecurityHubClient({ region: REGION }), SECURITY_ACCOUNT_ID),
    ).rejects.toMatchObject({
      name: 'ListSyncAccountsError',
      accountId: SECURITY_ACCOUNT_ID,
    });
  });
});

describe('Function: syncEnabledControls', () => {
  it('syncs the administrator account and the members; one failing account does not stop the others', async () => {
    // Arrange
    securityHub.on(ListMembersCommand).resolves({
      Members: [
        { AccountId: MEMBER, MemberStatus: 'Enabled' },
        { AccountId: OTHER_MEMBER, MemberStatus: 'Enabled' },
      ],
    });
    accounts.set(SECURITY_ACCOUNT_ID, anAccount());
    accounts.set(MEMBER, { ...anAccount(), failure: new Error('InternalException') });
    accounts.set(OTHER_MEMBER, anAccount());
    const accountIds = await listSyncAccounts(new SecurityHubClient({ region: REGION }), SECURITY_ACCOUNT_ID);

    // Act
    const summaries = await syncEnabledControls(accountIds, options({ concurrency: 2 }));

    // Assert
    expect(summaries.map((summary) => [summary.accountId, summary.status])).toEqual([
      [SECURITY_ACCOUNT_ID, 'synced'],
      [MEMBER, 'failed'],
      [OTHER_MEMBER, 'synced'],
    ]);
    expect(await rowsOf(SECURITY_ACCOUNT_ID)).toEqual(EXPECTED_ENABLED);
    expect(await rowsOf(OTHER_MEMBER)).toEqual(EXPECTED_ENABLED);
  });
});
