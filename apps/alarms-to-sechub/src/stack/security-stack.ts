import * as path from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

import type { AlarmsAppConfig } from '../config';
import { ALARM_EVENT_DETAIL_TYPE, ALARM_EVENT_PATTERN, ALARM_EVENT_SOURCE } from '../event-pattern';
import { type AlarmsRuntimeConfigInput, RUNTIME_CONFIG_VARIABLE } from '../handlers/runtime-config';
import { acknowledgeSecurityStackFindings } from './nag';

/** The repository root: the lockfile and esbuild live there. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const ENTRY = path.resolve(__dirname, '..', 'handlers', 'alarm-to-sechub.ts');

/** The alarms that say an alarm did not become a finding, named by the convention they enforce. */
export const FAILURE_ALARM_NAMES = {
  function: 'INFRA-Alarms-To-SecHub-Failure-HIGH',
  deadLetters: 'INFRA-Alarms-To-SecHub-DLQ-Failure-HIGH',
} as const;

/** Props of {@link AlarmsToSecHubStack}. */
export interface AlarmsToSecHubStackProps extends StackProps {
  readonly config: AlarmsAppConfig;
}

/**
 * The security-account stack, one per region: a rule for CloudWatch alarms entering ALARM (the
 * account's own, and those the member forwarders put on its bus), the function that turns each into
 * a finding in the alarm's account, its dead-letter queue, the alarms that watch it, and the bus
 * policy that lets the organization's accounts put events on the bus.
 */
export class AlarmsToSecHubStack extends Stack {
  public readonly function: nodejs.NodejsFunction;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly rules: readonly events.Rule[];

  public constructor(scope: Construct, id: string, props: AlarmsToSecHubStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const logGroup = new logs.LogGroup(this, 'FunctionLogs', {
      retention: config.logRetentionDays,
      removalPolicy: config.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // Least privilege: its own log group, the import role in member accounts, and the DLQ (added by CDK).
    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'alarms-to-sechub: write its logs, assume the import role in the alarm account',
    });
    logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeImportRole',
        actions: ['sts:AssumeRole'],
        resources: [`arn:${this.partition}:iam::*:role/${config.roleName}`],
        ...(config.organizationId === undefined
          ? {}
          : { conditions: { StringEquals: { 'aws:ResourceOrgID': config.organizationId } } }),
      }),
    );

    const runtime: AlarmsRuntimeConfigInput = { roleName: config.roleName, finding: config.finding };
    this.function = new nodejs.NodejsFunction(this, 'AlarmToSecurityHub', {
      entry: ENTRY,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(60),
      description: 'A CloudWatch alarm in ALARM becomes a Security Hub finding in its own account and region',
      role,
      logGroup,
      environment: {
        [RUNTIME_CONFIG_VARIABLE]: JSON.stringify(runtime),
        POWERTOOLS_SERVICE_NAME: 'alarms-to-sechub',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: nodejs.OutputFormat.CJS,
        // The Node.js runtime ships SDK v3.
        externalModules: ['@aws-sdk/*'],
        esbuildArgs: { '--conditions': '@soar/source' },
      },
    });
    // An invocation that keeps failing lands in the dead-letter queue (and raises its alarm).
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });

    const target = new targets.LambdaFunction(this.function, {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 8,
      maxEventAge: Duration.hours(6),
    });
    const rule = (ruleId: string, bus: events.IEventBus, description: string) =>
      new events.Rule(this, ruleId, {
        eventBus: bus,
        description,
        eventPattern: ALARM_EVENT_PATTERN,
        targets: [target],
      });
    const bus = events.EventBus.fromEventBusName(this, 'AlarmBus', config.eventBusName);
    this.rules =
      config.eventBusName === 'default'
        ? [
            rule(
              'AlarmsInAlarm',
              bus,
              'CloudWatch alarms entering ALARM, here and from the forwarders, become findings.',
            ),
          ]
        : [
            rule(
              'AlarmsInAlarm',
              bus,
              'CloudWatch alarms entering ALARM from the forwarders become findings.',
            ),
            // The account's own alarms arrive on its default bus, not on the custom one.
            rule(
              'OwnAlarmsInAlarm',
              events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
              'CloudWatch alarms of this account entering ALARM become findings.',
            ),
          ];

    if (config.organizationId === undefined) {
      Annotations.of(this).addWarningV2(
        'alarms-to-sechub:no-organization',
        'No organizationId: no bus policy, so only this account’s own alarms become findings. Set organizationId to receive the forwarders’ events.',
      );
    } else {
      new events.CfnEventBusPolicy(this, 'OrganizationMayPutAlarmEvents', {
        eventBusName: config.eventBusName,
        statementId: 'alarms-to-sechub-organization-put-alarm-events',
        statement: {
          Sid: 'alarms-to-sechub-organization-put-alarm-events',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: bus.eventBusArn,
          Condition: {
            StringEquals: {
              'aws:PrincipalOrgID': config.organizationId,
              'events:detail-type': ALARM_EVENT_DETAIL_TYPE,
            },
            'ForAllValues:StringEquals': { 'events:source': [ALARM_EVENT_SOURCE] },
          },
        },
      });
    }

    this.alarms();
    acknowledgeSecurityStackFindings({
      functionRole: role,
      deadLetterQueue: this.deadLetterQueue,
      roleName: config.roleName,
    });
  }

  /** An alarm that did not become a finding raises an alarm (`INFRA-…-HIGH`, so SOAR routes it too). */
  private alarms(): void {
    new cloudwatch.Alarm(this, 'FunctionFailureAlarm', {
      alarmName: FAILURE_ALARM_NAMES.function,
      alarmDescription:
        'alarms-to-sechub failed to turn a CloudWatch alarm into a Security Hub finding (it is retried, then dead-lettered).',
      metric: this.function.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmName: FAILURE_ALARM_NAMES.deadLetters,
      alarmDescription:
        'A CloudWatch alarm event could not become a Security Hub finding: it is in the alarms-to-sechub dead-letter queue.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
