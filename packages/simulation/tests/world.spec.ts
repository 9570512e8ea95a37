import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { aControlFinding, nonStrictObjects, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { parse as parseYaml } from 'yaml';
import { internalTicketId } from '@soar/ticket-systems';
import { TicketStore, ticketsTableDefinition } from '@soar/tickets';
import { loadGateData } from '@soar/workflow/aws';
import { defaultRegistry } from '@soar/remediations';
import { checkWorldResources, loadWorldFile, parseWorld, seedWorld, WorldError, WorldSchema } from '../src';

const ROOT = path.resolve(__dirname, '../../..');

const FINDING = aControlFinding({ controlId: 'IAM.6', accountId: '111122223333' });

describe('Function: parseWorld', () => {
  it('names an unknown key, its path and the key that was probably meant', () => {
    const parse = () =>
      parseWorld(
        {
          acounts: [],
          remediation: { enabeld: ['EC2.2'] },
          decide: { soarEnabeld: false },
          tickets: [{ findingId: FINDING.Id, accountId: '111122223333', ticketID: 'SOAR-1' }],
        },
        'my-world.yaml',
      );

    expect(parse).toThrow(WorldError);
    expect(parse).toThrow('acounts: unknown key; did you mean "accounts"?');
    expect(parse).toThrow('remediation.enabeld: unknown key; did you mean "enabled"?');
    expect(parse).toThrow('decide.soarEnabeld: unknown key; did you mean "soarEnabled"?');
    expect(parse).toThrow('tickets.0.ticketID: unknown key; did you mean "ticketId"?');
    expect(parse).toThrow(/^my-world\.yaml: invalid world/);
  });

  it('rejects a bad value with its field', () => {
    expect(() =>
      parseWorld({ accounts: [{ id: '12', name: 'x', email: 'a@b.c', joined: '2024-01-01' }] }),
    ).toThrow('accounts.0.id: must be a 12-digit AWS account id');
  });

  it('takes an empty world', () => {
    expect(parseWorld(undefined)).toMatchObject({ accounts: [], tickets: [], resources: [] });
  });

  it('leaves no object in the schema that would drop an unknown key', () => {
    expect(nonStrictObjects(WorldSchema)).toEqual([]);
  });
});

describe('Function: loadWorldFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-world-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names a misspelt section and misspelt keys deep in the file, with the key meant or the valid ones', () => {
    // Arrange
    const file = path.join(dir, 'my-world.yaml');
    fs.writeFileSync(
      file,
      [
        'suppresions:',
        '  EC2.22: environment = DEV',
        'accounts:',
        "  - id: '111122223333'",
        '    name: payments-prod',
        '    email: aws+payments-prod@example.com',
        '    joined: 2023-04-01T09:30:00Z',
        '    tag: { soar:environment: PROD }',
        'remediation:',
        '  ticketOnly:',
        '    - { controlId: EC2.4, environments: [PROD], enviroment: [DEV] }',
        'decide:',
        '  environments: { production: [LIVE] }',
        '',
      ].join('\n'),
    );

    // Act
    const load = () => loadWorldFile(file);

    // Assert
    expect(load).toThrow(WorldError);
    expect(load).toThrow(`${file}: invalid world:`);
    expect(load).toThrow('  suppresions: unknown key; did you mean "suppressions"?');
    expect(load).toThrow('  accounts.0.tag: unknown key; did you mean "tags"?');
    expect(load).toThrow('  remediation.ticketOnly.0.enviroment: unknown key; did you mean "environments"?');
    expect(load).toThrow('  decide.environments.production: unknown key; valid keys: dev, prod, staging');
  });

  it('reads the example world and the world of the README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'packages/simulation/README.md'), 'utf8');
    const block = /## The world file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    if (block === undefined) throw new Error('the README has no world file example');

    const example = loadWorldFile(path.join(ROOT, 'examples/world.yaml'));
    checkWorldResources(example, defaultRegistry, 'examples/world.yaml');
    expect(example.accounts.length).toBeGreaterThan(0);
    expect(parseWorld(parseYaml(block), 'README.md').accounts).toHaveLength(1);
  });
});

describe('Function: checkWorldResources', () => {
  it("checks each resource's state against its control's state schema, naming the field", () => {
    // Arrange
    const world = parseWorld({
      resources: [
        {
          resourceId: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0',
          controlId: 'EC2.2',
          state: { groupId: 'sg-0123456789abcdef0', ingres: [], egress: [], networkInterfaces: [], tags: {} },
        },
        { resourceId: 'arn:aws:iam::111122223333:root', controlId: 'IAM.6', state: {} },
      ],
    });

    // Act
    const check = () => checkWorldResources(world, defaultRegistry, 'my-world.yaml');

    // Assert
    expect(check).toThrow(WorldError);
    expect(check).toThrow('resources.0.state.ingres: unknown key; did you mean "ingress"?');
    expect(check).toThrow('resources.0.state.ingress: Invalid input');
    expect(check).toThrow('resources.1.controlId: SOAR has no remediation for IAM.6');
  });
});

describe('Function: seedWorld (tickets)', () => {
  let db: LocalDynamoDb;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  it('opens the world tickets through the ticket store, so the gates see an open ticket', async () => {
    // Arrange
    const dynamodb = db.client();
    const tables = {
      tickets: 'world-tickets',
      enabledControls: 'world-enabled',
      controlSuppressions: 'world-suppressions',
      remediableControls: 'world-remediable',
      remediationExclusions: 'world-exclusions',
    };
    await dynamodb.send(new CreateTableCommand(ticketsTableDefinition(tables.tickets)));
    for (const name of [
      tables.enabledControls,
      tables.controlSuppressions,
      tables.remediableControls,
      tables.remediationExclusions,
    ]) {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
    }
    const store = new TicketStore({ dynamodb, tableName: tables.tickets });
    const world = parseWorld({
      now: '2026-12-01T12:00:00Z',
      tickets: [
        { findingId: FINDING.Id, accountId: '111122223333', controlId: 'IAM.6', severity: 'CRITICAL' },
      ],
    });

    // Act
    await seedWorld(world, { dynamodb, tables, allControls: [], remediableControls: [], tickets: store });

    // Assert
    const gates = await loadGateData(FINDING, { dynamodb, tables });
    expect(gates.openTicket).toEqual({ ticketId: internalTicketId(FINDING.Id) });
    await expect(store.get(FINDING.Id)).resolves.toMatchObject({
      status: 'OPEN',
      openedAt: '2026-11-30T12:00:00.000Z',
    });
  });
});
