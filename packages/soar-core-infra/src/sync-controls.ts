import { type CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  acknowledge,
  assumeMemberRoleStatement,
  lambdaTask,
  LogPatternAlarm,
  type MemberAccounts,
  type RetryProfile,
} from '@soar/constructs';
import { ENABLED_CONTROLS_TABLE } from '@soar/security-hub/controls';
import { FAILURE_RECORDED_LOG_MESSAGE } from '@soar/workflow/aws';
import { Construct } from 'constructs';

/** State names of the sync: what the traces, the CLI and the tests call each step. */
export const SYNC_STATE_NAMES = {
  listAccounts: 'ListAccounts',
  syncBatches: 'SyncBatches',
  syncBatch: 'SyncBatch',
} as const;

/** Batches synced at the same time: with 5 accounts at a time in each, at most 20 accounts at once. */
export const SYNC_MAP_CONCURRENCY = 4;

/** The workflow name and severity of the failed-execution alarm (LOW: findings wait, none is lost). */
export const SYNC_WORKFLOW_ALARM = { workflow: 'Sync-Enabled-Controls-Table', severity: 'LOW' } as const;
/** The alarm of a failed sync execution, the original's name (made by `SoarMonitoring.watchStateMachine`). */
export const SYNC_SM_ALARM_NAME = 'INFRA-SOAR-Sync-Enabled-Controls-Table-SM-Failure-LOW';
/** The alarm of an account that could not be synced (counted from its `Failure recorded` line). */
export const SYNC_ACCOUNT_ALARM_NAME = 'INFRA-SOAR-Sync-Enabled-Controls-Account-Failure-LOW';

/** Organizations and DynamoDB being slow or throttled: try again a few times within the run. */
const SYNC_TRANSIENT: RetryProfile = {
  errors: ['States.TaskFailed', 'States.Timeout'],
  interval: Duration.seconds(10),
  maxAttempts: 2,
  backoffRate: 2,
  maxDelay: Duration.seconds(60),
};

/** Props of {@link SyncControlsWorkflow}. */
export interface SyncControlsWorkflowProps {
  /** The SyncControls function (entry `functions/sync-controls.ts`). */
  readonly function: lambda.IFunction & { readonly logGroup: logs.ILogGroup };
  /** Intake syncs an account it has never synced before deciding: it gets the same table access. */
  readonly intake: lambda.IFunction;
  readonly enabledControls: dynamodb.ITableV2;
  readonly failures: dynamodb.ITableV2;
  /** EventBridge schedule expression, e.g. `rate(1 hour)`. */
  readonly schedule: string;
  readonly memberRoleName: string;
  readonly memberAccounts: MemberAccounts;
  readonly logRetentionDays: logs.RetentionDays;
  readonly retainLogs: boolean;
}

/**
 * The enabled-controls sync, started by an EventBridge schedule:
 *
 * ```
 * ListAccounts ─▶ SyncBatches (Map over batches of 10 accounts, 4 at a time) ─▶ SyncBatch
 * ```
 *
 * Why this shape: the original entered 2 states plus one per account (102 for 100 accounts) and
 * failed as a whole when one account failed. Here one state syncs ten accounts (five at a time in
 * the function), so 100 accounts cost 12 states, and the Map bounds how many run at once; one
 * function doing everything with a continuation would cost fewer states but a whole organization
 * would then hang on one invocation's 15 minutes. An account that fails is a failure row (step
 * `sync-controls`) and a `Failure recorded` log line, alarmed on below, and the others are synced;
 * the execution fails (and alarms) only when listing the accounts or a whole batch keeps failing.
 *
 * Member accounts are read through the member role, only in the configured organization, with a
 * session limited to reading Security Hub controls (`SYNC_CONTROLS_SCOPE`, set by the code).
 */
export class SyncControlsWorkflow extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly rule: events.Rule;

  public constructor(scope: Construct, id: string, props: SyncControlsWorkflowProps) {
    super(scope, id);
    const fn = props.function;

    const listAccounts = lambdaTask(this, SYNC_STATE_NAMES.listAccounts, fn, Duration.minutes(2), [
      SYNC_TRANSIENT,
    ]);
    const syncBatch = lambdaTask(this, SYNC_STATE_NAMES.syncBatch, fn, Duration.minutes(10), [
      SYNC_TRANSIENT,
    ]);
    const syncBatches = new sfn.Map(this, SYNC_STATE_NAMES.syncBatches, {
      itemsPath: '$.batches',
      itemSelector: { 'accountIds.$': '$$.Map.Item.Value' },
      maxConcurrency: SYNC_MAP_CONCURRENCY,
      // Each batch returns counts only: the whole run's result stays far below 256 KiB.
      resultPath: '$.results',
    });
    syncBatches.itemProcessor(syncBatch);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(listAccounts.next(syncBatches)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: "SOAR enabled-controls sync: every active account's enabled Security Hub controls.",
      timeout: Duration.hours(1),
      tracingEnabled: true,
      // States and errors only, never the data (account ids are all it holds, but the rule is one).
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    this.rule = new events.Rule(this, 'Schedule', {
      schedule: events.Schedule.expression(props.schedule),
      description: 'Starts the SOAR enabled-controls sync.',
      targets: [
        new targets.SfnStateMachine(this.stateMachine, { input: events.RuleTargetInput.fromObject({}) }),
      ],
    });

    // Least privilege: list the organization's accounts; read each member account's controls; keep
    // the rows (a query of one account's index partition, the marker read, batch writes); record
    // the accounts that failed.
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['organizations:ListAccounts'], resources: ['*'] }),
    );
    const stack = Stack.of(this);
    const memberRole = assumeMemberRoleStatement(
      stack,
      props.memberRoleName,
      props.memberAccounts,
      'SyncControlsAssumeMemberRole',
    );
    const tableAccess = [
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchWriteItem'],
        resources: [props.enabledControls.tableArn],
      }),
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.enabledControls.tableArn}/index/${ENABLED_CONTROLS_TABLE.accountIndexName}`],
      }),
    ];
    for (const syncing of [fn, props.intake]) {
      syncing.addToRolePolicy(memberRole);
      for (const statement of tableAccess) syncing.addToRolePolicy(statement);
    }
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.failures.tableArn] }),
    );

    const memberReason =
      'The sync reads the enabled controls of every account of the organization, not known at deploy time; only ' +
      'this role name may be assumed, in the organization (aws:ResourceOrgID) unless the deployment opted into ' +
      'any organization, and each session carries a policy limited to reading Security Hub controls.';
    const memberRoleFinding = `IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${props.memberRoleName}]`;
    acknowledge(fn, memberRoleFinding, memberReason);
    acknowledge(props.intake, memberRoleFinding, memberReason);
    acknowledge(
      fn,
      'IAM5[Resource::*]',
      'organizations:ListAccounts supports no resource-level permission: it lists the whole organization.',
    );
    const fnArn = `<${stack.getLogicalId(fn.node.defaultChild as CfnResource)}.Arn>`;
    acknowledge(
      this.stateMachine,
      `IAM5[Resource::${fnArn}:*]`,
      'CDK grants lambda:InvokeFunction on the function and its versions (`:*`); the sync invokes only this one.',
    );
    acknowledge(
      this.stateMachine,
      'IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, …) and CloudWatch Logs delivery (logs:CreateLogDelivery, …) do not ' +
        'support resource-level permissions.',
    );

    // The failed-execution alarm (SYNC_SM_ALARM_NAME) is the stack's monitoring's, as for every workflow.
    new LogPatternAlarm(this, 'AccountFailures', {
      logGroup: fn.logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', FAILURE_RECORDED_LOG_MESSAGE),
      metricName: 'SyncControlsAccountFailures',
      alarmName: SYNC_ACCOUNT_ALARM_NAME,
      description:
        'SOAR could not sync the enabled controls of an account: the failures table (step sync-controls) says ' +
        'which and why; its rows stay as they were.',
    });
  }
}
