import {
  BatchGetItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { aControlFinding, aGuardDutyFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { GateDataError } from '../src/errors';
import { loadGateData } from '../src/aws/gate-loader';
import { type GateTables } from '../src/runtime-config';

const tables: GateTables = {
  tickets: 'soar-tickets',
  enabledControls: 'soar-enabled-controls',
  controlSuppressions: 'soar-control-suppressions',
  remediableControls: 'soar-remediable-controls',
  remediationExclusions: 'soar-remediation-exclusions',
};

describe('Function: loadGateData (dynalite)', () => {
  let db: LocalDynamoDb;
  let dynamodb: DynamoDBClient;
  let calls: string[];

  beforeAll(async () => {
    db = await startDynalite();
    dynamodb = db.client();
    for (const TableName of Object.values(tables)) {
      await dynamodb.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
    }
    calls = [];
    dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(String(context['commandName']));
        return next(args);
      },
      { step: 'initialize' },
    );
  });
  afterAll(() => db.stop());
  beforeEach(() => {
    calls.length = 0;
  });

  const put = (TableName: string, item: Record<string, string>) =>
    dynamodb.send(
      new PutItemCommand({
        TableName,
        Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, { S: v }])),
      }),
    );

  it('reads every gate of a control finding in one BatchGetItem', async () => {
    // Arrange
    const finding = aControlFinding({ controlId: 'S3.8', workflowStatus: 'RESOLVED' });
    await put(tables.tickets, { id: finding.Id, ticket_id: 'SEC-7', status: 'OPEN' });
    await put(tables.enabledControls, { id: `${finding.AwsAccountId}#S3.8` });
    await put(tables.enabledControls, { id: `${finding.AwsAccountId}#$synced` });
    await put(tables.controlSuppressions, { id: 'S3.8', suppress_when: 'environment = DEV' });
    await put(tables.remediableControls, { id: 'S3.8' });
    await put(tables.remediationExclusions, { id: 'S3.8', suppress_when: 'team = data' });
    calls.length = 0;

    // Act
    const gates = await loadGateData(finding, { dynamodb, tables });

    // Assert
    expect(gates).toEqual({
      openTicket: { ticketId: 'SEC-7' },
      controlEnabled: true,
      accountSynced: true,
      controlSuppressionRule: 'environment = DEV',
      remediationEnabled: true,
      remediationExclusionRule: 'team = data',
    });
    expect(calls).toEqual(['BatchGetItemCommand']);
  });

  it('reports absent rows as closed gates', async () => {
    const gates = await loadGateData(aControlFinding({ controlId: 'KMS.4' }), { dynamodb, tables });

    expect(gates).toEqual({
      openTicket: undefined,
      controlEnabled: false,
      accountSynced: true, // the account's marker from the test above: synced, and KMS.4 not enabled
      controlSuppressionRule: undefined,
      remediationEnabled: false,
      remediationExclusionRule: undefined,
    });
  });

  it('ignores closed tickets', async () => {
    const finding = aControlFinding({ workflowStatus: 'RESOLVED' });
    await put(tables.tickets, { id: finding.Id, ticket_id: 'SEC-8', status: 'CLOSED' });

    expect((await loadGateData(finding, { dynamodb, tables })).openTicket).toBeUndefined();
  });

  it('keeps the enabled-controls gate per account', async () => {
    const finding = aControlFinding({ controlId: 'EC2.6', accountId: '444455556666' });
    await put(tables.enabledControls, { id: '111122223333#EC2.6' });

    expect((await loadGateData(finding, { dynamodb, tables })).controlEnabled).toBe(false);
  });

  it('reads only the ticket of an incident', async () => {
    const finding = aGuardDutyFinding();
    await put(tables.tickets, { id: finding.Id, ticket_id: 'SOC-1', status: 'OPEN' });
    calls.length = 0;

    const gates = await loadGateData(finding, { dynamodb, tables });

    expect(gates.openTicket).toEqual({ ticketId: 'SOC-1' });
    expect(calls).toEqual(['BatchGetItemCommand']);
  });
});

describe('Function: loadGateData (unprocessed keys and failures)', () => {
  // Mock this instance only: mocking the class would also hijack the dynalite client above.
  const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
  const ddb = mockClient(dynamodb);
  const sleep = jest.fn(async () => undefined);
  const finding = aControlFinding({ controlId: 'EC2.2' });

  beforeEach(() => {
    ddb.reset();
    sleep.mockClear();
  });

  it('retries the keys DynamoDB left unprocessed and merges the answers', async () => {
    const unprocessed = { [tables.remediableControls]: { Keys: [{ id: { S: 'EC2.2' } }] } };
    ddb
      .on(BatchGetItemCommand)
      .resolvesOnce({
        Responses: { [tables.enabledControls]: [{ id: { S: `${finding.AwsAccountId}#EC2.2` } }] },
        UnprocessedKeys: unprocessed,
      })
      .resolvesOnce({ Responses: { [tables.remediableControls]: [{ id: { S: 'EC2.2' } }] } });

    const gates = await loadGateData(finding, { dynamodb, tables, sleep });

    expect(gates).toMatchObject({ controlEnabled: true, remediationEnabled: true });
    expect(ddb).toHaveReceivedCommandTimes(BatchGetItemCommand, 2);
    expect(ddb).toHaveReceivedNthCommandWith(2, BatchGetItemCommand, { RequestItems: unprocessed });
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('gives up with a named error after the retries', async () => {
    ddb
      .on(BatchGetItemCommand)
      .resolves({ UnprocessedKeys: { [tables.tickets]: { Keys: [{ id: { S: finding.Id } }] } } });

    await expect(loadGateData(finding, { dynamodb, tables, sleep, maxRetries: 2 })).rejects.toThrow(
      GateDataError,
    );
    expect(ddb).toHaveReceivedCommandTimes(BatchGetItemCommand, 3);
  });

  it('wraps DynamoDB errors with the finding and control', async () => {
    ddb
      .on(BatchGetItemCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' }));

    await expect(loadGateData(finding, { dynamodb, tables, sleep })).rejects.toMatchObject({
      name: 'GateDataError',
      controlId: 'EC2.2',
      findingId: finding.Id,
      message: expect.stringContaining('ProvisionedThroughputExceededException'),
    });
  });
});
