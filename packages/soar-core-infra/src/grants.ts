import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Stack, Token } from 'aws-cdk-lib';
import { acknowledge, type SoarFunction } from '@soar/constructs';
import { BEDROCK_IAM_ACTIONS, bedrockResourceArns } from '@soar/bedrock';
import type { SoarChannels } from './channels';
import type { SoarTableSet } from './tables';

/** What {@link grantFindingProcessing} grants, to whom. */
export interface FindingProcessingAccess {
  readonly intake: lambda.IFunction;
  /** The finding processor's functions, by construct id. */
  readonly steps: {
    readonly Suppress: SoarFunction;
    readonly Remediate: SoarFunction;
    readonly Ticket: SoarFunction;
    readonly NotifyFixed: SoarFunction;
    readonly CloseTicket: SoarFunction;
    readonly RecordFailure: SoarFunction;
  };
  /** The hourly tasks send reminders through the channels. */
  readonly hourlyTasks: SoarFunction;
  readonly tables: SoarTableSet;
  readonly stateMachine: sfn.IStateMachine;
  /** `sts:AssumeRole` on the member role (`assumeMemberRoleStatement`). */
  readonly memberRole: iam.PolicyStatement;
  /** `ses:SendEmail` as the configured sender (`sendEmailStatement`). */
  readonly sendEmail: iam.PolicyStatement;
  readonly ticketSecret: secretsmanager.ISecret | undefined;
  readonly channels: SoarChannels;
  /** The functions that write AI sections with Amazon Bedrock, and the model they call. */
  readonly ai?: {
    readonly model: { readonly modelId: string; readonly region?: string | undefined };
    readonly functions: readonly SoarFunction[];
  };
}

/**
 * Least privilege, per function, for intake and the finding processor's steps: table-level grants
 * only (none of these functions queries an index), the member role for the steps that act in an
 * account, SES for the ones that email, the channels' secrets for the ones that send copies.
 */
export function grantFindingProcessing(access: FindingProcessingAccess): void {
  const { intake, steps, tables, memberRole, sendEmail, channels } = access;
  if (access.ai !== undefined) grantModel(access.ai);
  const organizationsRead = new iam.PolicyStatement({
    actions: [
      'organizations:DescribeAccount',
      'organizations:ListTagsForResource',
      'organizations:ListParents',
      'organizations:DescribeOrganizationalUnit',
    ],
    resources: ['*'],
  });
  const allow = (fn: lambda.IFunction, table: { readonly tableArn: string }, ...actions: string[]) =>
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
  for (const table of [
    tables.tickets,
    tables.enabledControls,
    tables.controlSuppressions,
    tables.remediableControls,
    tables.remediationExclusions,
  ]) {
    allow(intake, table, 'dynamodb:BatchGetItem');
  }
  allow(
    intake,
    tables.accounts,
    'dynamodb:BatchGetItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:DeleteItem',
  );
  intake.addToRolePolicy(organizationsRead);
  access.stateMachine.grantStartExecution(intake);
  allow(intake, tables.failures, 'dynamodb:PutItem');

  // Intake's pre-processing (a reassigned finding imported into its account, the original
  // suppressed; a Health notification lowered) goes through the member role too, which intake may
  // already assume for its inline enabled-controls sync (SyncControlsWorkflow grants it).
  steps.Suppress.addToRolePolicy(memberRole);
  steps.Remediate.addToRolePolicy(memberRole);
  for (const ticketing of [steps.Ticket, steps.CloseTicket]) {
    allow(ticketing, tables.tickets, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem');
    ticketing.addToRolePolicy(memberRole);
    ticketing.addToRolePolicy(sendEmail);
    access.ticketSecret?.grantRead(ticketing);
  }
  steps.NotifyFixed.addToRolePolicy(memberRole);
  steps.NotifyFixed.addToRolePolicy(sendEmail);
  allow(steps.RecordFailure, tables.failures, 'dynamodb:PutItem');
  // Each remediation outcome is kept in the history; a channel that fails gets a failure row.
  allow(steps.Remediate, tables.remediationHistory, 'dynamodb:PutItem');
  allow(steps.Remediate, tables.failures, 'dynamodb:PutItem');
  channels.countFailures(steps.Remediate);
  for (const sending of [steps.Ticket, steps.NotifyFixed, steps.CloseTicket, access.hourlyTasks]) {
    channels.grantSend(sending);
    channels.countFailures(sending);
    if (channels.enabled) allow(sending, tables.failures, 'dynamodb:PutItem');
  }
  // The steps that act claim their finding event first (read, then a conditional put), and intake
  // leaves an event older than one already seen.
  for (const acting of [intake, steps.Suppress, steps.Remediate, steps.Ticket, steps.CloseTicket]) {
    allow(acting, tables.watermarks, 'dynamodb:GetItem', 'dynamodb:PutItem');
  }
}

/**
 * `bedrock:InvokeModel` on the configured model only: its inference profile and the foundation
 * model in the regions the profile routes to (Bedrock checks the permission in each).
 */
function grantModel(ai: NonNullable<FindingProcessingAccess['ai']>): void {
  for (const fn of ai.functions) {
    const stack = Stack.of(fn);
    const arns = (literal: (value: string, pseudo: string) => string) =>
      bedrockResourceArns({
        modelId: ai.model.modelId,
        region: ai.model.region ?? literal(stack.region, 'AWS::Region'),
        accountId: literal(stack.account, 'AWS::AccountId'),
        partition: literal(stack.partition, 'AWS::Partition'),
      });
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...BEDROCK_IAM_ACTIONS], resources: arns((value) => value) }),
    );
    // cdk-nag names a resource by its pseudo parameters (`arn:<AWS::Partition>:…`), not their tokens.
    const named = arns((value, pseudo) => (Token.isUnresolved(value) ? `<${pseudo}>` : value));
    for (const arn of named.filter((resource) => resource.includes('*'))) {
      acknowledge(
        fn,
        `IAM5[Resource::${arn}]`,
        'A cross-region inference profile routes to the model in any region of its geography; Bedrock ' +
          'checks the permission in the region it routes to.',
      );
    }
  }
}
