import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LogPatternAlarm, SoarFunction, stateMachineFailureAlarm } from '@soar/constructs';
import { Monitoring } from '@soar/constructs/monitoring';
import type { Construct } from 'constructs';

import { type AppConfig, MAX_ROUNDS_PER_DAY, partSizeBytes } from '../config';
import { type RuntimeConfig, RUNTIME_CONFIG_VARIABLE } from '../functions/runtime-config';
import { LOG_MESSAGES } from '../messages';
import { ALARM_NAMES, MONITORING_SYSTEM } from './names';
import { acknowledgeStackFindings } from './nag';
import { LogProcessingWorkflows } from './workflows';

/** The workspace root: the lockfile and esbuild live there. */
const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FUNCTIONS = path.resolve(__dirname, '..', 'functions');
const DAY = Duration.days(1);

/** AggregateAccountDay's Lambda timeout (the most Lambda allows) and the margin it keeps. */
export const AGGREGATE_TIMEOUT = Duration.minutes(15);
export const STOP_MARGIN = Duration.minutes(2);

/** Props of {@link LogProcessingStack}. */
export interface LogProcessingStackProps extends StackProps {
  readonly config: AppConfig;
}

/**
 * The Log Archive account's stack: the archive bucket, the three functions with least-privilege
 * roles, the nightly and historical workflows, the nightly schedule, the alarms and the dashboard.
 */
export class LogProcessingStack extends Stack {
  public readonly archiveBucket: s3.Bucket;
  public readonly workflows: LogProcessingWorkflows;
  public readonly functions: {
    readonly discoverAccounts: SoarFunction;
    readonly aggregateAccountDay: SoarFunction;
    readonly computeDateList: SoarFunction;
  };
  public readonly schedule: events.Rule;
  public readonly monitoring: Monitoring;

  public constructor(scope: Construct, id: string, props: LogProcessingStackProps) {
    super(scope, id, props);
    const { config } = props;
    const archive = config.archive;

    this.archiveBucket = new s3.Bucket(this, 'ArchiveBucket', {
      ...(archive.bucketName === undefined ? {} : { bucketName: archive.bucketName }),
      versioned: archive.versioned,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: archive.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      lifecycleRules: [
        {
          id: 'ArchivesToDeepArchive',
          // Manifests and markers are small and read on every rerun: they stay in Standard.
          objectSizeGreaterThan: archive.deepArchiveMinObjectBytes,
          transitions: [
            {
              storageClass: s3.StorageClass.DEEP_ARCHIVE,
              transitionAfter: Duration.days(archive.deepArchiveAfterDays),
            },
          ],
        },
        { id: 'Expiration', expiration: Duration.days(archive.expireAfterDays) },
        // An upload a crashed run left behind is rebuilt by the rerun; its parts must not linger.
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ...(archive.versioned
          ? [
              {
                id: 'NoncurrentVersions',
                noncurrentVersionExpiration: Duration.days(archive.noncurrentVersionExpirationDays),
              },
            ]
          : []),
      ],
    });

    // CloudFormation types ObjectSizeGreaterThan as a string (a long); the L2 construct writes a
    // number, which the synth's CloudFormation validation reports on every synth.
    (this.archiveBucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'LifecycleConfiguration.Rules.0.ObjectSizeGreaterThan',
      String(archive.deepArchiveMinObjectBytes),
    );

    const runtime: RuntimeConfig = {
      orgId: config.organizationId,
      sourceBucket: config.controlTowerBucketName,
      archiveBucket: this.archiveBucket.bucketName,
      archivePrefix: archive.prefix,
      partSizeBytes: partSizeBytes(config),
      deleteVersions: config.deleteVersions,
      catchUpDays: config.catchUpDays,
      accountsPerBatch: config.accountsPerBatch,
      maxRoundsPerDay: MAX_ROUNDS_PER_DAY,
      maxHistoricalDays: config.maxHistoricalDays,
      stopMarginSeconds: STOP_MARGIN.toSeconds(),
    };
    const fn = (id: string, file: string, description: string, timeout: Duration, memorySize: number) => {
      const role = new iam.Role(this, `${id}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `foundation-log-processing ${id}: its logs and the S3 access its step needs`,
      });
      const created = new SoarFunction(this, id, {
        entry: path.join(FUNCTIONS, file),
        workspaceRoot: WORKSPACE_ROOT,
        serviceName: 'foundation-log-processing',
        description,
        timeout,
        memorySize,
        role,
        environment: { [RUNTIME_CONFIG_VARIABLE]: JSON.stringify(runtime) },
        logRetention: config.logRetentionDays,
        retainLogs: config.retainLogs,
      });
      created.logGroup.grantWrite(role);
      return created;
    };
    this.functions = {
      discoverAccounts: fn(
        'DiscoverAccounts',
        'discover-accounts.ts',
        'The days to process and the accounts with Control Tower logs, in batches',
        Duration.minutes(5),
        256,
      ),
      // Memory: about twice the part size is buffered at a time; more memory also buys network share.
      aggregateAccountDay: fn(
        'AggregateAccountDay',
        'aggregate-account-day.ts',
        "One account's day of Control Tower logs into verified archives; sources deleted only once verified",
        AGGREGATE_TIMEOUT,
        Math.max(1024, 4 * config.partSizeMiB + 256),
      ),
      computeDateList: fn(
        'ComputeDateList',
        'compute-date-list.ts',
        'The days of a historical run, validated',
        Duration.seconds(30),
        256,
      ),
    };
    this.grantAccess(config);

    this.workflows = new LogProcessingWorkflows(this, 'Workflows', {
      discoverAccounts: this.functions.discoverAccounts,
      aggregateAccountDay: this.functions.aggregateAccountDay,
      computeDateList: this.functions.computeDateList,
      aggregateTimeout: AGGREGATE_TIMEOUT,
      maxRoundsPerDay: MAX_ROUNDS_PER_DAY,
      batchConcurrency: config.batchConcurrency,
      accountConcurrency: config.accountConcurrency,
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainLogs,
    });

    this.schedule = new events.Rule(this, 'NightlySchedule', {
      schedule: events.Schedule.expression(config.schedule),
      description: 'Starts CombineLogFilesSM: yesterday and the catch-up days of every account.',
      targets: [
        new targets.SfnStateMachine(this.workflows.combineLogFiles, {
          input: events.RuleTargetInput.fromObject({}),
        }),
      ],
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      system: MONITORING_SYSTEM,
      executionDashboardName: config.dashboardName,
    });
    this.alarms();
    this.archiveWidgets();
    const { discoverAccounts, aggregateAccountDay, computeDateList } = this.functions;
    const { combineLogFiles, combineAccountBatch, processHistorical } = this.workflows;
    acknowledgeStackFindings({
      stack: this,
      sourceBucketName: config.controlTowerBucketName,
      organizationId: config.organizationId,
      archiveBucket: this.archiveBucket,
      archivePrefix: archive.prefix,
      aggregateAccountDay,
      machines: [
        { machine: combineLogFiles, invokes: [discoverAccounts], starts: combineAccountBatch },
        { machine: combineAccountBatch, invokes: [aggregateAccountDay] },
        { machine: processHistorical, invokes: [computeDateList], starts: combineLogFiles },
      ],
    });
  }

  /**
   * Least privilege, resource-scoped: listing only under `{orgId}/AWSLogs/`, reading and deleting
   * only objects under it, writing only under the archive prefix; the key only when configured.
   */
  private grantAccess(config: AppConfig): void {
    const sourceBucketArn = this.formatArn({
      service: 's3',
      region: '',
      account: '',
      resource: config.controlTowerBucketName,
    });
    const logsRoot = `${config.organizationId}/AWSLogs/`;
    const listLogs = (versions: boolean) =>
      new iam.PolicyStatement({
        sid: 'ListControlTowerLogs',
        actions: ['s3:ListBucket', ...(versions ? ['s3:ListBucketVersions'] : [])],
        resources: [sourceBucketArn],
        conditions: { StringLike: { 's3:prefix': [`${logsRoot}*`] } },
      });
    this.functions.discoverAccounts.addToRolePolicy(listLogs(false));

    const aggregate = this.functions.aggregateAccountDay;
    aggregate.addToRolePolicy(listLogs(config.deleteVersions));
    aggregate.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadAndDeleteControlTowerLogs',
        actions: [
          's3:GetObject',
          's3:DeleteObject',
          // Only to delete exactly the archived version (by version id) on a versioned bucket.
          ...(config.deleteVersions ? ['s3:DeleteObjectVersion'] : []),
        ],
        resources: [`${sourceBucketArn}/${logsRoot}*`],
      }),
    );
    const prefix = config.archive.prefix;
    aggregate.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ListArchives',
        actions: ['s3:ListBucket'],
        resources: [this.archiveBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}/*`] } },
      }),
    );
    aggregate.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WriteArchives',
        actions: [
          's3:PutObject',
          's3:GetObject',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
          // A crashed run's unverified archive and manifest, never a verified one (the library's rule).
          's3:DeleteObject',
        ],
        resources: [this.archiveBucket.arnForObjects(`${prefix}/*`)],
      }),
    );
    if (config.controlTowerBucketKmsKeyArn !== undefined) {
      // Reading a source encrypted under the bucket's key; archives are written under S3-managed keys.
      aggregate.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'DecryptControlTowerLogs',
          actions: ['kms:Decrypt'],
          resources: [config.controlTowerBucketKmsKeyArn],
        }),
      );
    }
  }

  /** Failed, timed-out and aborted executions of both workflows; kept sources and unfinished days. */
  private alarms(): void {
    stateMachineFailureAlarm(this, 'CombineLogFilesFailureAlarm', {
      stateMachine: this.workflows.combineLogFiles,
      alarmName: ALARM_NAMES.combineFailure,
      description:
        'A CombineLogFilesSM execution failed, timed out or was aborted: some accounts or days were not archived ' +
        '(their logs are kept; the next night retries the catch-up days).',
    });
    stateMachineFailureAlarm(this, 'ProcessHistoricalFailureAlarm', {
      stateMachine: this.workflows.processHistorical,
      alarmName: ALARM_NAMES.historicalFailure,
      description:
        'A ProcessHistoricalMainLogsSM execution failed, timed out or was aborted: some days of the range were not ' +
        'archived (their logs are kept).',
    });
    const logGroup = this.functions.aggregateAccountDay.logGroup;
    new LogPatternAlarm(this, 'SourcesKept', {
      logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', LOG_MESSAGES.sourcesKept),
      metricName: 'LogProcessingSourcesKept',
      alarmName: ALARM_NAMES.sourcesKept,
      description:
        'Archived Control Tower logs were kept: DeleteObjects refused them, or they changed after they were archived. ' +
        'The AggregateAccountDay log line lists the keys.',
    });
    new LogPatternAlarm(this, 'DayIncomplete', {
      logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', LOG_MESSAGES.dayIncomplete),
      metricName: 'LogProcessingDayIncomplete',
      alarmName: ALARM_NAMES.dayIncomplete,
      description:
        "An account's day did not finish within one run; the next night's catch-up continues it. If it repeats, " +
        'raise catchUpDays or run ProcessHistoricalMainLogsSM for that day.',
    });
  }

  /** The archive bucket on the dashboard: size and objects over every storage class (Deep Archive included). */
  private archiveWidgets(): void {
    const bucket = this.archiveBucket.bucketName;
    const search = `SEARCH('{AWS/S3,BucketName,StorageType} MetricName="BucketSizeBytes" BucketName="${bucket}"', 'Maximum', 86400)`;
    const objects = new cloudwatch.Metric({
      namespace: 'AWS/S3',
      metricName: 'NumberOfObjects',
      dimensionsMap: { BucketName: bucket, StorageType: 'AllStorageTypes' },
      statistic: 'Maximum',
      period: DAY,
    });
    this.monitoring.executionDashboard?.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Archive bucket: size by storage class (bytes)',
        width: 8,
        left: [new cloudwatch.MathExpression({ expression: search, label: '', period: DAY })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Archive bucket: total size (bytes) and objects',
        width: 8,
        left: [new cloudwatch.MathExpression({ expression: `SUM(${search})`, label: 'Bytes', period: DAY })],
        right: [objects.with({ label: 'Objects' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Archive bucket: average object size (bytes)',
        width: 8,
        left: [
          new cloudwatch.MathExpression({
            expression: `SUM(${search}) / objects`,
            usingMetrics: { objects },
            label: 'Average',
            period: DAY,
          }),
        ],
      }),
    );
  }
}
