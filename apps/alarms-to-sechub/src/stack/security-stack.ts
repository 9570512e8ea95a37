import * as path from 'node:path';
import { Annotations, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  assumeMemberRoleStatement,
  memberAccountsOf,
  DeadLetterQueue,
  deliverTo,
  failureAlarm,
  SoarFunction,
} from '@soar/constructs';
import type { Construct } from 'constructs';

import type { AlarmsAppConfig } from '../config';
import { ALARM_EVENT_DETAIL_TYPE, ALARM_EVENT_PATTERN, ALARM_EVENT_SOURCE } from '../event-pattern';
import { type AlarmsRuntimeConfigInput, RUNTIME_CONFIG_VARIABLE } from '../functions/runtime-config';
import { acknowledgeSecurityStackFindings } from './nag';

/** The workspace root: the lockfile and esbuild live there. */
const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const ENTRY = path.resolve(__dirname, '..', 'functions', 'alarm-to-sechub.ts');

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
  public readonly function: SoarFunction;
  public readonly deadLetterQueue: sqs.IQueue;
  public readonly rules: readonly events.Rule[];

  public constructor(scope: Construct, id: string, props: AlarmsToSecHubStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      alarmName: FAILURE_ALARM_NAMES.deadLetters,
      description:
        'A CloudWatch alarm event could not become a Security Hub finding: it is in the alarms-to-sechub dead-letter queue.',
    }).queue;

    // Least privilege: its own log group, the import role in member accounts, and the DLQ (added by CDK).
    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'alarms-to-sechub: write its logs, assume the import role in the alarm account',
    });
    role.addToPolicy(
      assumeMemberRoleStatement(this, config.roleName, memberAccountsOf(config), 'AssumeImportRole'),
    );

    const runtime: AlarmsRuntimeConfigInput = { roleName: config.roleName, finding: config.finding };
    this.function = new SoarFunction(this, 'AlarmToSecurityHub', {
      entry: ENTRY,
      workspaceRoot: WORKSPACE_ROOT,
      serviceName: 'alarms-to-sechub',
      description: 'A CloudWatch alarm in ALARM becomes a Security Hub finding in its own account and region',
      timeout: Duration.seconds(60),
      memorySize: 256,
      role,
      environment: { [RUNTIME_CONFIG_VARIABLE]: JSON.stringify(runtime) },
      logRetention: config.logRetentionDays,
      retainLogs: config.retainLogs,
      // An invocation that keeps failing lands in the dead-letter queue (and raises its alarm).
      deadLetterQueue: this.deadLetterQueue,
    });
    this.function.logGroup.grantWrite(role);

    const target = deliverTo(this.function, this.deadLetterQueue);
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
      roleName: config.roleName,
    });
  }

  /** An alarm that did not become a finding raises an alarm (`INFRA-…-HIGH`, so SOAR routes it too). */
  private alarms(): void {
    failureAlarm(this, 'FunctionFailureAlarm', {
      alarmName: FAILURE_ALARM_NAMES.function,
      description:
        'alarms-to-sechub failed to turn a CloudWatch alarm into a Security Hub finding (it is retried, then dead-lettered).',
      metric: this.function.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
    });
  }
}
