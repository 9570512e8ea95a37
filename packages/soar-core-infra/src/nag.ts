import type { Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { acknowledge } from '@soar/constructs';
import type { IConstruct } from 'constructs';

/** The functions whose findings {@link acknowledgeNagFindings} names one by one. */
type NagFunctionId = 'Intake' | 'Suppress' | 'Remediate' | 'Ticket' | 'NotifyFixed' | 'CloseTicket';

/** A resource reference as cdk-nag writes it in a finding id: `<LogicalId.Arn>`. */
function arnRef(stack: Stack, fn: lambda.IFunction): string {
  return `<${stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)}.Arn>`;
}

/**
 * Every AwsSolutions finding of the stack that is acknowledged, one by one and each with its reason
 * (the shared constructs acknowledge their own: a function's basic execution role, a dead-letter
 * queue that has no dead-letter queue of its own);
 * anything else fails the synth (`tests/stack.spec.ts` proves an unacknowledged wildcard fails).
 */
export function acknowledgeNagFindings(
  stack: Stack,
  resources: {
    /** Every function of the stack by construct id; the finding processor's steps and intake by name. */
    readonly functions: Readonly<Record<string, lambda.IFunction> & Record<NagFunctionId, lambda.IFunction>>;
    /** The finding processor and the incidents workflow. */
    readonly stateMachines: readonly sfn.IStateMachine[];
    readonly memberRoleName: string;
    readonly ticketSecret?: IConstruct | undefined;
  },
): void {
  // The custom resource that seeds the remediable-controls table (a CDK singleton function); the
  // SOAR functions acknowledge their own basic execution role (`SoarFunction`).
  acknowledge(
    stack,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AWSLambdaBasicExecutionRole grants only CloudWatch Logs writes for the function’s own logs.',
  );

  const memberRole = `IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${resources.memberRoleName}]`;
  const memberReason =
    'SOAR acts in the account of each finding, which is not known at deploy time; only this role name may be ' +
    'assumed, each session carries a policy limited to the actions and resources of its purpose, and the role ' +
    'must belong to the organization (aws:ResourceOrgID) unless the deployment opted into any organization ' +
    '(allowAnyOrganization).';
  const { Suppress, Remediate, Ticket, NotifyFixed, CloseTicket, Intake } = resources.functions;
  const { HandleIncident } = resources.functions;
  for (const fn of [Suppress, Remediate, Ticket, NotifyFixed, CloseTicket, HandleIncident])
    if (fn !== undefined) acknowledge(fn, memberRole, memberReason);

  acknowledge(
    Intake,
    'IAM5[Resource::*]',
    'The Organizations read actions (DescribeAccount, ListTagsForResource, ListParents, DescribeOrganizationalUnit) ' +
      'are called for any account of the organization; Organizations supports no narrower resource here for an ' +
      'organization not known at deploy time.',
  );

  for (const stateMachine of resources.stateMachines) {
    for (const fn of Object.values(resources.functions)) {
      if (fn === Intake) continue;
      acknowledge(
        stateMachine,
        `IAM5[Resource::${arnRef(stack, fn)}:*]`,
        'CDK grants lambda:InvokeFunction on the function and its versions (`:*`); the state machine invokes only ' +
          'these functions.',
      );
    }
    acknowledge(
      stateMachine,
      'IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, …) and CloudWatch Logs delivery (logs:CreateLogDelivery, …) do not ' +
        'support resource-level permissions.',
    );
  }
  if (resources.ticketSecret !== undefined) {
    acknowledge(
      resources.ticketSecret,
      'SMG4',
      'The secret holds credentials the ticket system issues (an API token, a password); Secrets Manager ' +
        'cannot rotate them. Rotate them in the ticket system and update the secret value.',
    );
  }
}
