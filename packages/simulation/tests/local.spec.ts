import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateTableCommand, GetItemCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { safeParseFindingsEvent } from '@soar/asff-schema';
import { aControlFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { AccountMetadataService } from '@soar/accounts';
import { ENABLED_CONTROLS_TABLE } from '@soar/security-hub/controls';
import { loadGateData, createDynamoDbFailureRecorder, failuresTableDefinition } from '@soar/workflow/aws';
import { findingsImportedEvent, readFindingInputs, seedWorld, worldAccountSource, WorldSchema } from '../src';

const TABLES = {
  tickets: 'soar-tickets',
  enabledControls: 'soar-enabled-controls',
  controlSuppressions: 'soar-control-suppressions',
  remediableControls: 'soar-remediable-controls',
  remediationExclusions: 'soar-remediation-exclusions',
  accounts: 'soar-accounts',
  failures: 'soar-failures',
};

const simpleTable = (TableName: string): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
});

const world = WorldSchema.parse({
  accounts: [
    {
      id: 111122223333,
      name: 'payments-prod',
      email: 'aws+payments@example.com',
      joined: '2024-01-01T00:00:00Z',
      ou: ['Workloads', 'Prod'],
      tags: { 'soar:environment': 'PROD', 'soar:team:email': 'payments@example.com' },
      enabledControls: ['*'],
    },
    {
      id: '444455556666',
      name: 'sandbox',
      email: 'aws+sandbox@example.com',
      joined: '2026-11-30T12:00:00Z',
      enabledControls: ['S3.2'],
    },
  ],
  suppressions: { 'EC2.22': 'environment = DEV' },
  remediation: { enabled: ['EC2.2', 'S3.2'], exclusions: { 'S3.2': 'environment = PROD' } },
  now: '2026-12-01T00:00:00Z',
});

describe('World: seeding SOAR tables and answering for Organizations', () => {
  let db: LocalDynamoDb;
  beforeAll(async () => {
    db = await startDynalite();
    const client = db.client();
    for (const name of [
      TABLES.controlSuppressions,
      TABLES.remediableControls,
      TABLES.remediationExclusions,
      TABLES.tickets,
    ]) {
      await client.send(new CreateTableCommand(simpleTable(name)));
    }
    await client.send(
      new CreateTableCommand({
        ...simpleTable(TABLES.enabledControls),
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: ENABLED_CONTROLS_TABLE.accountAttribute, AttributeType: 'S' },
          { AttributeName: ENABLED_CONTROLS_TABLE.controlAttribute, AttributeType: 'S' },
        ],
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
    await client.send(new CreateTableCommand(failuresTableDefinition(TABLES.failures)));
    await seedWorld(world, {
      dynamodb: client,
      tables: TABLES,
      allControls: ['EC2.2', 'EC2.22', 'S3.2'],
      remediableControls: [],
    });
  });
  afterAll(() => db.stop());

  it('gives the gates what the world says, per account', async () => {
    const dynamodb = db.client();
    const prod = await loadGateData(aControlFinding({ controlId: 'S3.2', accountId: '111122223333' }), {
      dynamodb,
      tables: TABLES,
    });
    const sandboxEc2 = await loadGateData(
      aControlFinding({ controlId: 'EC2.2', accountId: '444455556666' }),
      { dynamodb, tables: TABLES },
    );
    const suppressed = await loadGateData(
      aControlFinding({ controlId: 'EC2.22', accountId: '111122223333' }),
      { dynamodb, tables: TABLES },
    );

    expect(prod).toMatchObject({
      controlEnabled: true,
      remediationEnabled: true,
      remediationExclusionRule: 'environment = PROD',
    });
    expect(sandboxEc2).toMatchObject({ controlEnabled: false, remediationEnabled: true });
    expect(suppressed).toMatchObject({
      controlEnabled: true,
      remediationEnabled: false,
      controlSuppressionRule: 'environment = DEV',
    });
  });

  it('answers for Organizations from the world: tags, OU path, and a new account by its join date', async () => {
    const accounts = new AccountMetadataService({
      source: worldAccountSource(world),
      config: { minAgeHours: 24 },
      clock: () => new Date('2026-12-01T00:00:00Z'),
    });

    const prod = await accounts.getAccount('111122223333');
    const sandbox = await accounts.getAccount('444455556666');

    expect(prod).toMatchObject({
      Name: 'payments-prod',
      Environment: 'PROD',
      TeamEmail: 'payments@example.com',
      AccountNew: false,
    });
    expect(prod.OrganizationalUnitPath).toEqual(['Root', 'Workloads', 'Prod']);
    expect(sandbox.AccountNew).toBe(true);
    await expect(accounts.getAccount('777788889999')).rejects.toThrow('not a member of the organization');
  });

  it('keeps one failure row per finding event and step', async () => {
    const dynamodb = db.client();
    const failures = createDynamoDbFailureRecorder({ dynamodb, tableName: TABLES.failures });
    const failure = {
      key: 'k-1',
      findingId: 'f-1',
      step: 'ticket',
      error: 'TicketSystemError',
      cause: 'Jira said 503',
      at: '2026-12-01T00:00:00.000Z',
    };

    await failures.record(failure);
    await failures.record({ ...failure, cause: 'Jira said 502' });
    const row = await dynamodb.send(
      new GetItemCommand({ TableName: TABLES.failures, Key: { id: { S: 'k-1#ticket' } } }),
    );

    expect(row.Item?.['cause']?.S).toBe('Jira said 502');
    expect(row.Item?.['finding_id']?.S).toBe('f-1');
    expect(Number(row.Item?.['expires_at']?.N)).toBe(Date.parse('2026-12-01T00:00:00Z') / 1000 + 90 * 86400);
  });
});

describe('Function: readFindingInputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-inputs-'));
    const a = aControlFinding({ controlId: 'EC2.2' });
    const b = aControlFinding({ controlId: 'S3.2' });
    fs.writeFileSync(path.join(dir, '1-finding.json'), JSON.stringify(a));
    fs.writeFileSync(path.join(dir, '2-event.json'), JSON.stringify(findingsImportedEvent(b)));
    fs.writeFileSync(
      path.join(dir, '3-list.json'),
      JSON.stringify({ Findings: [a, { ...b, Severity: { Label: 'HUGE' } }] }),
    );
    fs.writeFileSync(path.join(dir, '4-broken.json'), '{"Id": ');
    fs.writeFileSync(path.join(dir, '5-other.json'), '{"hello": "world"}');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not read');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads findings, events and lists, and names every problem with its file and field', () => {
    const { findings, problems, files } = readFindingInputs([dir, path.join(dir, 'missing.json')]);

    expect(files).toBe(5);
    expect(findings.map((f) => path.basename(f.source))).toEqual([
      '1-finding.json',
      '2-event.json',
      '3-list.json#1',
    ]);
    expect(problems.map((p) => [path.basename(p.source), p.error])).toEqual([
      ['missing.json', 'no such file or directory'],
      ['3-list.json#2', expect.stringContaining('Severity.Label')],
      ['4-broken.json', expect.stringContaining('not valid JSON')],
      ['5-other.json', expect.stringContaining('holds no finding')],
    ]);
  });
});

describe('Function: findingsImportedEvent', () => {
  it('builds an event as Security Hub sends it, the same for the same import', () => {
    const finding = aControlFinding();

    const event = findingsImportedEvent(finding, { accountId: '999999999999' });

    expect(safeParseFindingsEvent(event).success).toBe(true);
    expect(event.id).toBe(findingsImportedEvent(finding).id);
    expect(event.id).not.toBe(
      findingsImportedEvent({ ...finding, UpdatedAt: '2027-01-01T00:00:00.000Z' }).id,
    );
    expect(event.resources).toEqual([finding.Id]);
  });
});
