import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { aControlFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { internalTicketId } from '@soar/ticket-systems';
import { TicketStore, ticketsTableDefinition } from '@soar/tickets';
import { loadGateData } from '@soar/workflow/aws';
import { defaultRegistry } from '@soar/remediations';
import { checkWorldResources, parseWorld, seedWorld, WorldError } from '../src';

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
