import {
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  TagResourceCommand,
} from '@aws-sdk/client-dynamodb';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { DYNAMODB_NO_PIT_RECOVERY_TAG } from '../src/controls/dynamodb/dynamodb-2';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/dynamodb-2';

function dynamodbOf(access: AwsAccess): DynamoDBClient {
  return access.client(DynamoDBClient, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'assert' });
}

function tableName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

async function pitrStatus(access: AwsAccess, arn: string): Promise<string | undefined> {
  const output = await dynamodbOf(access).send(
    new DescribeContinuousBackupsCommand({ TableName: tableName(arn) }),
  );
  return output.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
}

describe('Control: DynamoDB.2 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('turns on point-in-time recovery, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    expect(await pitrStatus(access, resource.Id)).toBe('DISABLED');

    // Act
    const first = await run(scenario.control, padFor('DynamoDB.2', resource), { access });
    const second = await run(scenario.control, padFor('DynamoDB.2', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Turned on point-in-time recovery')],
      beforeImages: [{ tableArn: resource.Id, pointInTimeRecoveryEnabled: false }],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    expect(await pitrStatus(access, resource.Id)).toBe('ENABLED');
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('suppresses the finding of a deleted table', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await dynamodbOf(access).send(new DeleteTableCommand({ TableName: tableName(resource.Id) }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('DynamoDB.2', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('TableNotFoundException'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });

  it('leaves a table tagged soar:dynamodb:no-pit-recovery alone (tag on the second page of tags) and tickets why', async () => {
    // Arrange: 12 tags, moto pages ListTagsOfResource by 10; the opt-out tag sorts last
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const filler = Array.from({ length: 11 }, (_, i) => ({ Key: `a-tag-${i}`, Value: 'x' }));
    await dynamodbOf(access).send(
      new TagResourceCommand({
        ResourceArn: resource.Id,
        Tags: [...filler, { Key: DYNAMODB_NO_PIT_RECOVERY_TAG, Value: '' }],
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('DynamoDB.2', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining(DYNAMODB_NO_PIT_RECOVERY_TAG),
    });
    expect(scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: true,
      reconsider_later: false,
    });
    expect(await pitrStatus(access, resource.Id)).toBe('DISABLED');
  });

  it('leaves a table with the generic opt-out tag alone', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await dynamodbOf(access).send(
      new TagResourceCommand({
        ResourceArn: resource.Id,
        Tags: [{ Key: 'soar:auto-remediation', Value: 'off' }],
      }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('DynamoDB.2', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'opted_out', controlId: 'DynamoDB.2' });
    expect(await pitrStatus(access, resource.Id)).toBe('DISABLED');
  });
});
