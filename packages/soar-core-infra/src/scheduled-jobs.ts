import { type CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge, type SoarFunction } from '@soar/constructs';
import { HISTORY_TABLE } from '@soar/history';
import { Construct } from 'constructs';
import type { WeeklyReportConfig } from './config';

/** When the scheduled jobs run (`scheduledJobs` of the app configuration). */
export interface ScheduledJobsSchedule {
  /** EventBridge schedule expression of the hourly tasks, e.g. `cron(0 * * * ? *)`. */
  readonly hourly: string;
  /** Every how many hours each account's cached metadata is refreshed. */
  readonly accountRefreshHours: number;
}

/** Props of {@link ScheduledJobs}. */
export interface ScheduledJobsProps {
  readonly config: ScheduledJobsSchedule;
  /** The hourly tasks' function (entry `functions/hourly.ts`). */
  readonly hourly: SoarFunction;
  /** The account cache refresh's function (entry `functions/refresh-accounts.ts`). */
  readonly refreshAccounts: SoarFunction;
  readonly tables: {
    readonly tickets: dynamodb.TableV2;
    readonly accounts: dynamodb.TableV2;
    readonly failures: dynamodb.TableV2;
    /** Read by the hourly statistics (auto-remediations performed). */
    readonly remediationHistory: dynamodb.TableV2;
    /** Read by the hourly statistics and the weekly report (incidents). */
    readonly incidentLog: dynamodb.TableV2;
  };
  /** CloudWatch namespace of the statistics (the dashboards read it). */
  readonly metricNamespace: string;
  readonly fromAddress: iam.PolicyStatement;
  /** The weekly AI security report's function (entry `functions/weekly-report.ts`) and settings. */
  readonly weeklyReport?: {
    readonly fn: SoarFunction;
    readonly config: WeeklyReportConfig;
    /** Keep the report bucket when the stack is deleted. */
    readonly retainData: boolean;
  };
}

/**
 * SOAR's hourly tasks and account cache refresh: each an EventBridge schedule that invokes its
 * function directly (no state machine: the original spent 2 + 3–5 states per overdue ticket every
 * hour), least-privilege grants, and an alarm on each function's errors named for SOAR's alarm
 * routing.
 *
 * Each function's asynchronous retries are off: the next scheduled run is the retry (reminders are
 * claimed before they are sent, so a rerun never sends one twice), and the alarm says a run failed.
 */
export class ScheduledJobs extends Construct {
  public readonly hourlyRule: events.Rule;
  public readonly refreshRule: events.Rule;
  /** Where the weekly reports are kept (when the report is on). */
  public readonly reportBucket?: s3.Bucket;

  public constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    const { hourly, refreshAccounts, tables } = props;
    const ttlSeconds = props.config.accountRefreshHours * 2 * 3600;
    hourly.addEnvironment('POWERTOOLS_METRICS_NAMESPACE', props.metricNamespace);
    refreshAccounts.addEnvironment('SOAR_ACCOUNT_REFRESH_TTL_SECONDS', String(ttlSeconds));
    for (const fn of [hourly, refreshAccounts]) {
      new lambda.EventInvokeConfig(this, `${fn.node.id}InvokeConfig`, { function: fn, retryAttempts: 0 });
    }

    this.hourlyRule = new events.Rule(this, 'HourlyTasks', {
      description: 'SOAR hourly tasks: the statistics, then the overdue reminders.',
      schedule: events.Schedule.expression(props.config.hourly),
      targets: [new targets.LambdaFunction(hourly, { retryAttempts: 2 })],
    });
    this.refreshRule = new events.Rule(this, 'AccountCacheRefresh', {
      description: 'SOAR account metadata cache refresh, account by account.',
      schedule: events.Schedule.rate(Duration.hours(props.config.accountRefreshHours)),
      targets: [new targets.LambdaFunction(refreshAccounts, { retryAttempts: 2 })],
    });

    // Table and index grants, nothing wider: the overdue and open-ticket queries read the sparse
    // open index, reminders are recorded with a conditional write.
    const allow = (fn: SoarFunction, resources: string[], ...actions: string[]) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
    allow(
      hourly,
      [tables.tickets.tableArn, `${tables.tickets.tableArn}/index/open-due-index`],
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    );
    allow(
      hourly,
      [tables.accounts.tableArn],
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
    );
    allow(hourly, [tables.failures.tableArn], 'dynamodb:PutItem');
    // The auto-remediation and incident statistics read the histories' day index, day by day.
    allow(hourly, dayIndexes(tables), 'dynamodb:Query');
    hourly.addToRolePolicy(props.fromAddress);
    allow(refreshAccounts, [tables.accounts.tableArn], 'dynamodb:PutItem', 'dynamodb:DeleteItem');
    allow(refreshAccounts, [tables.failures.tableArn], 'dynamodb:PutItem');
    const organizationsRead = new iam.PolicyStatement({
      actions: [
        'organizations:ListAccounts',
        'organizations:DescribeAccount',
        'organizations:ListTagsForResource',
        'organizations:ListParents',
        'organizations:DescribeOrganizationalUnit',
      ],
      resources: ['*'],
    });
    refreshAccounts.addToRolePolicy(organizationsRead);
    hourly.addToRolePolicy(
      new iam.PolicyStatement({
        actions: organizationsRead.actions.filter((a) => a !== 'organizations:ListAccounts'),
        resources: ['*'],
      }),
    );
    for (const fn of [hourly, refreshAccounts]) {
      acknowledge(
        fn,
        'IAM5[Resource::*]',
        'The Organizations read actions are called for any account of the organization; Organizations supports ' +
          'no narrower resource here for an organization not known at deploy time.',
      );
    }
    acknowledge(
      hourly,
      `IAM5[Resource::<${Stack.of(this).getLogicalId(tables.tickets.node.defaultChild as CfnElement)}.Arn>/index/open-due-index]`,
      'Only the sparse open-ticket index is queried.',
    );
    if (props.weeklyReport !== undefined) this.reportBucket = this.weeklyReport(props, props.weeklyReport);
    // Their errors are alarmed with every SOAR function's (`SoarMonitoring`:
    // INFRA-SOAR-HourlyTasks-Lambda-Errors-MEDIUM, INFRA-SOAR-RefreshAccounts-Lambda-Errors-MEDIUM);
    // a second alarm here would raise two incidents for one failed run.
  }

  /**
   * The weekly report: its schedule, and a private bucket (encrypted, TLS only, public access blocked,
   * old reports expired) that only its function writes. It reads the tickets account by account (the
   * account index), the auto-remediations by day, and the accounts from Organizations.
   */
  private weeklyReport(
    props: ScheduledJobsProps,
    report: NonNullable<ScheduledJobsProps['weeklyReport']>,
  ): s3.Bucket {
    const { fn, config } = report;
    const { tables } = props;
    const bucket = new s3.Bucket(this, 'WeeklyReports', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(config.retentionDays) }],
      removalPolicy: report.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      bucket,
      'S1',
      'One function writes the reports and no one else may; reads are audited by CloudTrail. An access-log ' +
        'bucket per deployment would hold more than the reports it logs.',
    );
    fn.addEnvironment('SOAR_REPORT_BUCKET', bucket.bucketName);
    fn.addEnvironment('SOAR_WEEKLY_REPORT', JSON.stringify(config));
    new lambda.EventInvokeConfig(this, 'WeeklyReportInvokeConfig', { function: fn, retryAttempts: 0 });
    new events.Rule(this, 'WeeklyReport', {
      description: 'SOAR weekly AI security report: tickets, incidents and auto-remediations of the week.',
      schedule: events.Schedule.expression(config.schedule),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
    });
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('weekly-security-report-*')],
      }),
    );
    const tickets = `${tables.tickets.tableArn}/index/account-opened-index`;
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [tickets] }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: dayIndexes(tables) }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [tables.accounts.tableArn],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'organizations:ListAccounts',
          'organizations:DescribeAccount',
          'organizations:ListTagsForResource',
          'organizations:ListParents',
          'organizations:DescribeOrganizationalUnit',
        ],
        resources: ['*'],
      }),
    );
    fn.addToRolePolicy(props.fromAddress);
    acknowledge(
      fn,
      'IAM5[Resource::*]',
      'The Organizations read actions list every account of an organization not known at deploy time.',
    );
    acknowledge(
      fn,
      `IAM5[Resource::<${Stack.of(this).getLogicalId(tables.tickets.node.defaultChild as CfnElement)}.Arn>/index/account-opened-index]`,
      'Only the account index is queried, one account at a time.',
    );
    acknowledge(
      fn,
      `IAM5[Resource::<${Stack.of(this).getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/weekly-security-report-*]`,
      'The function writes only report objects, named by date.',
    );
    return bucket;
  }
}

/** The day indexes of the remediation history and the incident log (`@soar/history`). */
function dayIndexes(tables: {
  readonly remediationHistory: dynamodb.ITableV2;
  readonly incidentLog: dynamodb.ITableV2;
}): string[] {
  return [tables.remediationHistory, tables.incidentLog].map(
    (table) => `${table.tableArn}/index/${HISTORY_TABLE.dayIndexName}`,
  );
}
