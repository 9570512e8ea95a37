import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { dynamodb_2 } from '../../src/controls/dynamodb/dynamodb-2';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

let tables = 0;

/** DynamoDB.2: a new on-demand table in the member account, point-in-time recovery off (the default). */
export const scenario: RemediationScenario = {
  control: registerControl(dynamodb_2),
  async arrange(access) {
    const dynamodb = access.client(
      DynamoDBClient,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    tables += 1;
    const created = await dynamodb.send(
      new CreateTableCommand({
        TableName: `soar-dynamodb-2-${tables}-${Date.now().toString(36)}`,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const arn = created.TableDescription?.TableArn;
    if (arn === undefined) throw new Error('CreateTable returned no table ARN.');
    return { Type: 'AwsDynamoDbTable', Id: arn, Partition: 'aws', Region: REGION };
  },
  async observe(access, resource) {
    const dynamodb = access.client(
      DynamoDBClient,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'observe' },
    );
    const output = await dynamodb.send(
      new DescribeContinuousBackupsCommand({
        TableName: resource.Id.slice(resource.Id.lastIndexOf('/') + 1),
      }),
    );
    return output.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
  },
};
