import { type Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { FunctionId } from '../handlers/functions';

/** A cdk-nag (AwsSolutions) finding acknowledged on purpose, with the reason an auditor reads. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/** A resource reference as cdk-nag writes it in a finding id: `<LogicalId.Arn>`. */
function arnRef(stack: Stack, fn: lambda.IFunction): string {
  return `<${stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)}.Arn>`;
}

/**
 * Every AwsSolutions finding of the stack that is acknowledged, one by one and each with its reason;
 * anything else fails the synth (`tests/stack.spec.ts` proves an unacknowledged wildcard fails).
 */
export function acknowledgeNagFindings(
  stack: Stack,
  resources: {
    readonly functions: Readonly<Record<FunctionId, lambda.IFunction>>;
    readonly stateMachine: sfn.IStateMachine;
    readonly deadLetterQueue: sqs.IQueue;
    readonly memberRoleName: string;
    readonly ticketSecret?: IConstruct | undefined;
  },
): void {
  const basicExecution =
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
  const basicReason =
    'AWSLambdaBasicExecutionRole grants only CloudWatch Logs writes for the function’s own logs.';
  for (const fn of Object.values(resources.functions)) acknowledge(fn, basicExecution, basicReason);
  // The custom resource that seeds the remediable-controls table (a CDK singleton function).
  acknowledge(stack, basicExecution, basicReason);

  const memberRole = `IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${resources.memberRoleName}]`;
  const memberReason =
    'SOAR acts in the account of each finding, which is not known at deploy time; only this role name may be ' +
    'assumed, each session carries a policy limited to the actions of its purpose, and with `organizationId` ' +
    'set the role must belong to the organization (aws:ResourceOrgID).';
  const { Suppress, Remediate, Ticket, NotifyFixed, CloseTicket, Intake } = resources.functions;
  for (const fn of [Suppress, Remediate, Ticket, NotifyFixed, CloseTicket])
    acknowledge(fn, memberRole, memberReason);

  acknowledge(
    Intake,
    'IAM5[Resource::*]',
    'The Organizations read actions (DescribeAccount, ListTagsForResource, ListParents, DescribeOrganizationalUnit) ' +
      'are called for any account of the organization; Organizations supports no narrower resource here for an ' +
      'organization not known at deploy time.',
  );

  for (const fn of Object.values(resources.functions)) {
    if (fn === Intake) continue;
    acknowledge(
      resources.stateMachine,
      `IAM5[Resource::${arnRef(stack, fn)}:*]`,
      'CDK grants lambda:InvokeFunction on the function and its versions (`:*`); the state machine invokes only ' +
        'these functions.',
    );
  }
  acknowledge(
    resources.stateMachine,
    'IAM5[Resource::*]',
    'X-Ray tracing (xray:PutTraceSegments, …) and CloudWatch Logs delivery (logs:CreateLogDelivery, …) do not ' +
      'support resource-level permissions.',
  );
  if (resources.ticketSecret !== undefined) {
    acknowledge(
      resources.ticketSecret,
      'SMG4',
      'The secret holds a Jira API token or ServiceNow password issued by that system; Secrets Manager cannot ' +
        'rotate it. Rotate it in the ticket system and update the secret value.',
    );
  }
  acknowledge(
    resources.deadLetterQueue,
    'SQS3',
    'This queue is itself the dead-letter queue of SOAR intake; its depth raises the intake failure alarm.',
  );
}
