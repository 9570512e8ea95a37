import {
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { loadEvent, loadTemplate, WORKFLOW_IDS } from '../../tests/load-fixture';
import { type CloudFormationTemplate } from '../cloudformation/template';
import { LocalRuntimeError } from '../errors';
import { extractStateMachines } from '../state-machine/extract';
import { LocalStateMachine } from '../state-machine/local-state-machine';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded-dynamodb';
import { createTableInputsOf, createTablesFromTemplate } from './tables';
import { dynamoDbTaskHandler } from './task-handler';

let db: EmbeddedDynamoDb;
let client: DynamoDBClient;

beforeAll(async () => {
  db = await startEmbeddedDynamoDb();
  client = db.client();
});

afterAll(() => db.stop());

describe('Function: createTablesFromTemplate', () => {
  it('creates the tables of the synthesized stack with their indexes, and again without failing', async () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const first = await createTablesFromTemplate(template, client);
    await client.send(
      new PutItemCommand({
        TableName: first[WORKFLOW_IDS.tickets],
        Item: { findingId: { S: 'f-1' }, openedAt: { S: '2026-01-01' }, accountId: { S: '111122223333' } },
      }),
    );
    const second = await createTablesFromTemplate(template, client);

    // Assert
    expect(first).toEqual({
      [WORKFLOW_IDS.tickets]: WORKFLOW_IDS.tickets,
      [WORKFLOW_IDS.accounts]: 'soar-accounts',
    });
    expect(second).toEqual(first);
    const tickets = await client.send(new DescribeTableCommand({ TableName: WORKFLOW_IDS.tickets }));
    expect(tickets.Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema])).toEqual([
      [
        'byAccount',
        [
          { AttributeName: 'accountId', KeyType: 'HASH' },
          { AttributeName: 'openedAt', KeyType: 'RANGE' },
        ],
      ],
    ]);
    expect(tickets.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const kept = await client.send(
      new GetItemCommand({
        TableName: WORKFLOW_IDS.tickets,
        Key: { findingId: { S: 'f-1' }, openedAt: { S: '2026-01-01' } },
      }),
    );
    expect(kept.Item?.['accountId']?.S).toBe('111122223333'); // the second call kept the table and its item
    const accounts = await client.send(new DescribeTableCommand({ TableName: 'soar-accounts' }));
    expect(accounts.Table?.LocalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byTeam']);
  });

  it('creates tables that a Query on the GSI reads', async () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');
    const tables = await createTablesFromTemplate(template, client, {
      names: { [WORKFLOW_IDS.tickets]: 'gsi-tickets' },
    });
    const put = (findingId: string, accountId: string, openedAt: string) =>
      client.send(
        new PutItemCommand({
          TableName: tables[WORKFLOW_IDS.tickets],
          Item: { findingId: { S: findingId }, openedAt: { S: openedAt }, accountId: { S: accountId } },
        }),
      );
    await put('f-1', '111122223333', '2026-01-01');
    await put('f-2', '111122223333', '2026-01-02');
    await put('f-3', '444455556666', '2026-01-03');

    // Act
    const result = await client.send(
      new QueryCommand({
        TableName: 'gsi-tickets',
        IndexName: 'byAccount',
        KeyConditionExpression: 'accountId = :a',
        ExpressionAttributeValues: { ':a': { S: '111122223333' } },
        ScanIndexForward: false,
      }),
    );

    // Assert
    expect(tables[WORKFLOW_IDS.tickets]).toBe('gsi-tickets');
    expect(result.Items?.map((item) => item['findingId']?.S)).toEqual(['f-2', 'f-1']);
  });

  it('creates provisioned tables, giving indexes the table throughput', async () => {
    // Arrange
    const template: CloudFormationTemplate = {
      Resources: {
        Provisioned: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'provisioned',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            AttributeDefinitions: [
              { AttributeName: 'pk', AttributeType: 'S' },
              { AttributeName: 'gk', AttributeType: 'N' },
            ],
            ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 2 },
            GlobalSecondaryIndexes: [
              {
                IndexName: 'byG',
                KeySchema: [{ AttributeName: 'gk', KeyType: 'HASH' }],
                Projection: { ProjectionType: 'KEYS_ONLY' },
              },
            ],
          },
        },
      },
    };

    // Act
    await createTablesFromTemplate(template, client);

    // Assert
    const described = await client.send(new DescribeTableCommand({ TableName: 'provisioned' }));
    expect(described.Table?.ProvisionedThroughput).toMatchObject({
      ReadCapacityUnits: 3,
      WriteCapacityUnits: 2,
    });
    expect(described.Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byG',
      Projection: { ProjectionType: 'KEYS_ONLY' },
      ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 2 },
    });
  });

  it('reports a table it cannot create', async () => {
    // Arrange
    const template: CloudFormationTemplate = {
      Resources: { NoKeys: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'no-keys' } } },
    };

    // Act
    const act = createTablesFromTemplate(template, client);

    // Assert
    await expect(act).rejects.toThrow(LocalRuntimeError);
    await expect(act).rejects.toThrow(/Table NoKeys cannot be created locally: AttributeDefinitions/);
  });
});

describe('Function: createTableInputsOf', () => {
  it('gives the CreateTable request of the GlobalTable', () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const accounts = createTableInputsOf(template).find((t) => t.logicalId === WORKFLOW_IDS.accounts);

    // Assert
    expect(accounts?.input).toEqual({
      TableName: 'soar-accounts',
      AttributeDefinitions: [
        { AttributeName: 'accountId', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'team', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'accountId', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      LocalSecondaryIndexes: [
        {
          IndexName: 'byTeam',
          KeySchema: [
            { AttributeName: 'accountId', KeyType: 'HASH' },
            { AttributeName: 'team', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });
});

describe('Function: dynamoDbTaskHandler', () => {
  it('runs the workflow ticket lookup against the embedded DynamoDB', async () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');
    await createTablesFromTemplate(template, client);
    const event = loadEvent('aws.securityhub/findings-imported-s3-8');
    const findingId = (event['detail'] as { findings: { Id: string }[] }).findings[0]?.Id ?? '';
    await client.send(
      new PutItemCommand({
        TableName: WORKFLOW_IDS.tickets,
        Item: { findingId: { S: findingId }, openedAt: { S: 'current' }, status: { S: 'OPEN' } },
      }),
    );
    const [workflow] = extractStateMachines(template);
    if (workflow === undefined) throw new Error('fixture has no state machine');
    const enrichment = async () => ({ account: { id: '111122223333' }, source: 'organizations' });
    const machine = new LocalStateMachine(workflow, {
      handlers: (task) =>
        dynamoDbTaskHandler(task, client) ?? (task.stateName === 'Enrich' ? enrichment : async () => ({})),
    });

    // Act
    const trace = await machine.run(event);

    // Assert
    expect(trace.error).toBeUndefined();
    expect(trace.states.map((s) => s.name).at(-1)).toBe('AlreadyTicketed');
    expect(trace.output).toMatchObject({ ticket: { Item: { status: { S: 'OPEN' } } } });
  });

  it('names DynamoDB errors as Step Functions does and ignores other tasks', async () => {
    // Arrange
    const binding = {
      stateName: 'Get',
      path: [],
      resource: 'arn:aws:states:::dynamodb:getItem',
      kind: 'service' as const,
      integration: 'dynamodb:getItem',
    };
    const handler = dynamoDbTaskHandler(binding, client);

    // Act
    const failure = handler?.(
      { TableName: 'missing-table', Key: { pk: { S: 'x' } } },
      {
        stateName: 'Get',
        binding,
        attempt: 1,
        executionName: 'e',
      },
    );

    // Assert
    await expect(failure).rejects.toMatchObject({ name: 'DynamoDB.ResourceNotFoundException' });
    expect(dynamoDbTaskHandler({ ...binding, integration: 'sqs:sendMessage' }, client)).toBeUndefined();
  });
});
