import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { dynamodb_2, type DynamoDb2State } from './dynamodb-2';

const REGION = 'eu-west-1';
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:111122223333:table/orders`;
const context = unitContext({
  controlId: 'DynamoDB.2',
  resource: { Type: 'AwsDynamoDbTable', Id: TABLE_ARN, Partition: 'aws', Region: REGION },
  accountId: '111122223333',
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const rollback = rollbackOf(dynamodb_2);
const before = parsedBeforeImage(dynamodb_2, {
  tableArn: TABLE_ARN,
  tableName: 'orders',
  pointInTimeRecoveryEnabled: false,
  enabledWithRecoveryPeriodInDays: 35,
});

function aTable(overrides: Partial<DynamoDb2State> = {}): DynamoDb2State {
  return {
    tableName: 'orders',
    tableArn: TABLE_ARN,
    pointInTimeRecoveryStatus: 'ENABLED',
    recoveryPeriodInDays: 35,
    tags: {},
    ...overrides,
  };
}

describe('Control: DynamoDB.2 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    // Act
    const plan = dynamodb_2.plan(aTable({ pointInTimeRecoveryStatus: 'DISABLED' }), context);

    // Assert
    expect(
      plan.kind === 'changes' ? parsedBeforeImage(dynamodb_2, stored(plan.beforeImage)) : undefined,
    ).toEqual(before);
  });

  it('turns point-in-time recovery back off when SOAR turned it on', () => {
    // Act
    const plan = rollback.plan(before, aTable(), context);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'dynamodb:UpdateContinuousBackups', params: { tableName: 'orders' } }],
      actionsRequired: expect.stringContaining('restore points'),
    });
  });

  it('reads an older before-image without the recovery window as the default window', () => {
    // Arrange
    const older = parsedBeforeImage(dynamodb_2, {
      tableArn: TABLE_ARN,
      tableName: 'orders',
      pointInTimeRecoveryEnabled: false,
    });

    // Act / Assert
    expect(older.enabledWithRecoveryPeriodInDays).toBe(35);
    expect(rollback.plan(older, aTable({ recoveryPeriodInDays: undefined }), context).kind).toBe('changes');
  });

  it('is already as before when point-in-time recovery is off', () => {
    // Act / Assert
    expect(rollback.plan(before, aTable({ pointInTimeRecoveryStatus: 'DISABLED' }), context).kind).toBe(
      'already_as_before',
    );
  });

  it.each([
    [
      'the recovery window was changed since the fix',
      aTable({ recoveryPeriodInDays: 7 }),
      'now keeps 7 days',
    ],
    ['DynamoDB does not say', aTable({ pointInTimeRecoveryStatus: undefined }), 'does not say'],
    ['the before-image is of another table', aTable({ tableArn: `${TABLE_ARN}-2` }), 'not arn:'],
  ])('refuses when %s', (_name, state, reason) => {
    // Act / Assert
    expect(rollback.plan(before, state, context)).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining(reason),
    });
  });

  it.each([
    ['recovery that was on', { ...before, pointInTimeRecoveryEnabled: true }, 'pointInTimeRecoveryEnabled'],
    ['no table ARN', { tableName: 'orders', pointInTimeRecoveryEnabled: false }, 'tableArn'],
    [
      'a window that is no number of days',
      { ...before, enabledWithRecoveryPeriodInDays: 'all' },
      'enabledWithRecoveryPeriodInDays',
    ],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(dynamodb_2, value).field).toBe(field);
  });
});

describe('Control: DynamoDB.2 rollback apply', () => {
  const dynamodb = mockClient(DynamoDBClient);
  afterEach(() => dynamodb.reset());

  it('turns point-in-time recovery off', async () => {
    // Arrange
    dynamodb.on(UpdateContinuousBackupsCommand).resolves({});
    const plan = rollback.plan(before, aTable(), context);

    // Act
    await rollback.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(dynamodb.commandCalls(UpdateContinuousBackupsCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } },
    ]);
  });
});
