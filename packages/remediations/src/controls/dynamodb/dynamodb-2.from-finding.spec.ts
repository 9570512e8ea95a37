import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { DYNAMODB_NO_PIT_RECOVERY_TAG, dynamodb_2 } from './dynamodb-2';

const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;
const control = registerControl(dynamodb_2);

/** A table as Security Hub describes it: ASFF table details carry no point-in-time recovery status. */
const table = (tags?: Record<string, string>): FindingResource => ({
  Type: 'AwsDynamoDbTable',
  Id: TABLE_ARN,
  Partition: 'aws',
  Region: REGION,
  Details: {
    AwsDynamoDbTable: {
      TableName: 'orders',
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      DeletionProtectionEnabled: false,
    },
  },
  ...(tags === undefined ? {} : { Tags: tags }),
});

describe('Control: DynamoDB.2 fromFinding', () => {
  it('takes a failing verdict to mean point-in-time recovery is off, and plans to turn it on', () => {
    // Act
    const derived = dynamodb_2.fromFinding?.(findingContext({ controlId: 'DynamoDB.2', resource: table() }));
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'DynamoDB.2', resource: table() }),
    );

    // Assert
    expect(derived).toEqual({
      kind: 'found',
      state: { tableName: 'orders', tableArn: TABLE_ARN, pointInTimeRecoveryStatus: 'DISABLED', tags: {} },
    });
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{ action: 'dynamodb:UpdateContinuousBackups' }] },
    });
  });

  it('is compliant for a passing finding', () => {
    expect(
      control.evaluateFromFinding(
        findingContext({ controlId: 'DynamoDB.2', resource: table(), status: 'PASSED' }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('refuses a table the finding shows tagged to keep point-in-time recovery off', () => {
    expect(
      control.evaluateFromFinding(
        findingContext({ controlId: 'DynamoDB.2', resource: table({ [DYNAMODB_NO_PIT_RECOVERY_TAG]: '' }) }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind: 'refuse' } });
  });

  it.each(['WARNING', 'none'] as const)('is unknown for a finding with status %s', (status) => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'DynamoDB.2', resource: table(), status })),
    ).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('SOAR checks point-in-time recovery'),
    });
  });
});
