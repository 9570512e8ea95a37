import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** Props of {@link TableSeed}. */
export interface TableSeedProps {
  readonly tableName: string;
  readonly tableArn: string;
  /** The string partition keys to put (attribute `id`); each deployment puts them again. */
  readonly ids: readonly string[];
  /**
   * How long the seeding function's logs are kept (default one month). Without a log group of our
   * own, the function's logs would never expire.
   */
  readonly logRetention?: logs.RetentionDays | undefined;
}

/**
 * Puts rows with the given ids into a table on every deployment (idempotent puts in batches of 25),
 * so that a list reviewed with the code (such as the controls SOAR may fix on its own) is in the
 * table. Rows added by hand stay; an id removed from the list must be deleted by hand.
 *
 * @example
 * ```ts
 * new TableSeed(this, 'SeedRemediableControls', { tableName, tableArn, ids: ['EC2.2', 'S3.8'] });
 * ```
 */
export class TableSeed extends Construct {
  public constructor(scope: Construct, id: string, props: TableSeedProps) {
    super(scope, id);
    const ids = [...new Set(props.ids)].sort();
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    for (let start = 0, index = 0; start < ids.length; start += 25, index += 1) {
      const batch = ids.slice(start, start + 25);
      const call: cr.AwsSdkCall = {
        service: 'DynamoDB',
        action: 'batchWriteItem',
        parameters: {
          RequestItems: {
            [props.tableName]: batch.map((key) => ({ PutRequest: { Item: { id: { S: key } } } })),
          },
        },
        physicalResourceId: cr.PhysicalResourceId.of(`${id}-${index}-${batch.join(',')}`),
      };
      new cr.AwsCustomResource(this, `Batch${index}`, {
        onCreate: call,
        onUpdate: call,
        installLatestAwsSdk: false,
        logGroup,
        policy: cr.AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({ actions: ['dynamodb:BatchWriteItem'], resources: [props.tableArn] }),
        ]),
      });
    }
  }
}
