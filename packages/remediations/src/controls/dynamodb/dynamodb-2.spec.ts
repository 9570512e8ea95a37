import {
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  ResourceNotFoundException,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import type { PlanContext } from '../../engine/control';
import { registerControl } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { remediate } from '../../engine/runner';
import { dynamodb_2, DYNAMODB_NO_PIT_RECOVERY_TAG, type DynamoDb2State } from './dynamodb-2';
import { directAccess as directAccessIn } from '../../../tests/direct-clients';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;
const resource = { Type: 'AwsDynamoDbTable', Id: TABLE_ARN, Partition: 'aws' as const, Region: REGION };
const finding = aControlFinding({ controlId: 'DynamoDB.2', accountId: ACCOUNT, region: REGION, resource });
const planContext: PlanContext = {
  finding,
  resource,
  accountId: ACCOUNT,
  region: REGION,
  partition: 'aws',
  now: new Date('2026-11-20T10:15:30Z'),
};

function aTable(overrides: Partial<DynamoDb2State> = {}): DynamoDb2State {
  return {
    tableName: 'orders',
    tableArn: TABLE_ARN,
    pointInTimeRecoveryStatus: 'DISABLED',
    tags: {},
    ...overrides,
  };
}

const directAccess = directAccessIn(REGION);

describe('DynamoDB.2 plan (pure)', () => {
  it('plans to turn point-in-time recovery on, with a before-image to undo it', () => {
    // Act
    const plan = dynamodb_2.plan(aTable(), planContext);

    // Assert
    expect(plan).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'dynamodb:UpdateContinuousBackups',
          description: expect.stringContaining(
            'Turned on point-in-time recovery for the DynamoDB table orders',
          ),
          params: { tableName: 'orders' },
        },
      ],
      beforeImage: {
        tableArn: TABLE_ARN,
        tableName: 'orders',
        pointInTimeRecoveryEnabled: false,
        enabledWithRecoveryPeriodInDays: 35,
      },
      actionsRequired: expect.stringContaining('template'),
    });
  });

  it('is compliant when point-in-time recovery is already on', () => {
    expect(dynamodb_2.plan(aTable({ pointInTimeRecoveryStatus: 'ENABLED' }), planContext)).toMatchObject({
      kind: 'compliant',
    });
  });

  it.each(['', 'true', 'anything'])(
    'refuses a table tagged soar:dynamodb:no-pit-recovery (value %p ignored, as in the original)',
    (value) => {
      // Act
      const plan = dynamodb_2.plan(
        aTable({ tags: { team: 'pay', [DYNAMODB_NO_PIT_RECOVERY_TAG]: value } }),
        planContext,
      );

      // Assert
      expect(plan).toEqual({ kind: 'refuse', reason: expect.stringContaining(DYNAMODB_NO_PIT_RECOVERY_TAG) });
    },
  );

  it('ignores the tag on a table whose recovery is already on (nothing to refuse)', () => {
    const state = aTable({
      pointInTimeRecoveryStatus: 'ENABLED',
      tags: { [DYNAMODB_NO_PIT_RECOVERY_TAG]: '' },
    });
    expect(dynamodb_2.plan(state, planContext).kind).toBe('compliant');
  });

  it('exposes the table tags for the generic opt-out tag', () => {
    const tags = { 'soar:auto-remediation': 'off' };
    expect(dynamodb_2.tags?.(aTable({ tags }))).toEqual(tags);
  });

  it('declares exactly the IAM actions it calls', () => {
    expect([...dynamodb_2.iamActions].sort()).toEqual([
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:ListTagsOfResource',
      'dynamodb:UpdateContinuousBackups',
    ]);
  });
});

describe('DynamoDB.2 read and apply (aws-sdk-client-mock)', () => {
  const dynamodb = mockClient(DynamoDBClient);
  beforeEach(() => dynamodb.reset());

  const remediateTable = () =>
    remediate(createScratchpad(finding), {
      access: directAccess,
      registry: new Registry([registerControl(dynamodb_2)]),
    });

  it('suppresses a table the tag lookup reports deleted (ResourceNotFoundException), like TableNotFoundException (aws-sdk-client-mock: moto lacks a table deleted between two calls)', async () => {
    // Arrange: the table disappears between DescribeContinuousBackups and ListTagsOfResource
    dynamodb.on(DescribeContinuousBackupsCommand).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    });
    dynamodb
      .on(ListTagsOfResourceCommand)
      .rejects(new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} }));

    // Act
    const { result, scratchpad } = await remediateTable();

    // Assert: the original opened a ticket here; a deleted table is gone, so the finding is suppressed
    expect(result).toEqual({
      kind: 'resource_gone',
      controlId: 'DynamoDB.2',
      reason: expect.stringContaining('ResourceNotFoundException'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(true);
    expect(scratchpad.actions.autoremediation_not_done).toBe(false);
    expect(dynamodb.commandCalls(UpdateContinuousBackupsCommand)).toHaveLength(0);
  });

  it('reads every page of tags (NextToken) before deciding', async () => {
    // Arrange: the legacy opt-out tag is on the second page
    dynamodb.on(DescribeContinuousBackupsCommand).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    });
    dynamodb
      .on(ListTagsOfResourceCommand, { ResourceArn: TABLE_ARN })
      .resolvesOnce({ Tags: [{ Key: 'team', Value: 'pay' }], NextToken: 'team' })
      .resolvesOnce({ Tags: [{ Key: DYNAMODB_NO_PIT_RECOVERY_TAG, Value: '' }] });

    // Act
    const { result } = await remediateTable();

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining(DYNAMODB_NO_PIT_RECOVERY_TAG),
    });
    expect(dynamodb.commandCalls(ListTagsOfResourceCommand)[1]?.args[0].input).toEqual({
      ResourceArn: TABLE_ARN,
      NextToken: 'team',
    });
    expect(dynamodb.commandCalls(UpdateContinuousBackupsCommand)).toHaveLength(0);
  });

  it('tickets (does not suppress) an access-denied tag lookup', async () => {
    // Arrange
    dynamodb.on(DescribeContinuousBackupsCommand).resolves({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    });
    dynamodb
      .on(ListTagsOfResourceCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));

    // Act
    const { result, scratchpad } = await remediateTable();

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      error: expect.stringContaining('AccessDeniedException'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(false);
  });
});
