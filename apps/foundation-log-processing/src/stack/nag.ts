import type { CfnResource, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { acknowledge } from '@soar/constructs';

/** What {@link acknowledgeStackFindings} acknowledges findings on. */
export interface NagSubjects {
  readonly stack: Stack;
  readonly sourceBucketName: string;
  readonly organizationId: string;
  readonly archiveBucket: s3.Bucket;
  readonly archivePrefix: string;
  readonly aggregateAccountDay: lambda.IFunction;
  readonly machines: readonly {
    readonly machine: sfn.StateMachine;
    readonly invokes: readonly lambda.IFunction[];
    /** The state machine it starts with `startExecution.sync:2`, if any. */
    readonly starts?: sfn.StateMachine;
  }[];
}

const logicalId = (stack: Stack, resource: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(resource.node.defaultChild as CfnResource);

/**
 * Every AwsSolutions finding of the stack that is acknowledged, one by one with its reason; anything
 * else fails the synth (`tests/stack.spec.ts` proves a new wildcard fails). The only `*` resources
 * are X-Ray and CloudWatch Logs delivery, which support no resource-level permission.
 */
export function acknowledgeStackFindings(subjects: NagSubjects): void {
  const { stack } = subjects;
  const role = subjects.aggregateAccountDay.role ?? subjects.aggregateAccountDay;
  acknowledge(
    role,
    `IAM5[Resource::arn:<AWS::Partition>:s3:::${subjects.sourceBucketName}/${subjects.organizationId}/AWSLogs/*]`,
    'The function reads and deletes Control Tower log objects, whose keys (account, region, day, file) are not ' +
      'known at deploy time; the grant is limited to the organization’s log root, and a source is deleted only ' +
      'after its archive was verified against its manifest.',
  );
  acknowledge(
    role,
    `IAM5[Resource::<${logicalId(stack, subjects.archiveBucket)}.Arn>/${subjects.archivePrefix}/*]`,
    'The function writes archives, manifests and markers under the archive prefix, keyed by day, account, log ' +
      'type and region, which are not known at deploy time; nothing outside the prefix.',
  );
  acknowledge(
    subjects.archiveBucket,
    'S1',
    'The archive bucket is written only by this stack’s function (its requests are in the function’s logs and in ' +
      'CloudTrail); an access-log bucket for it would hold one log object per request, the very cost this app removes.',
  );
  for (const { machine, invokes, starts } of subjects.machines) {
    for (const fn of invokes) {
      acknowledge(
        machine,
        `IAM5[Resource::<${logicalId(stack, fn)}.Arn>:*]`,
        'CDK grants lambda:InvokeFunction on the function and its versions (`:*`); the workflow invokes only this one.',
      );
    }
    if (starts !== undefined) {
      acknowledge(
        machine,
        `IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId(stack, starts)}"}]}]}*]`,
        'startExecution.sync:2 describes and stops the executions it starts, whose names are generated at run ' +
          'time; the grant is limited to executions of the one child state machine.',
      );
    }
    acknowledge(
      machine,
      'IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, …) and CloudWatch Logs delivery (logs:CreateLogDelivery, …) do not ' +
        'support resource-level permissions.',
    );
  }
}
