import {
  Aws,
  BootstraplessSynthesizer,
  Duration,
  CfnCondition,
  CfnParameter,
  Fn,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '@soar/constructs';
import type { Construct } from 'constructs';

import type { AlarmsAppConfig } from '../config';
import { ALARM_EVENT_PATTERN_JSON } from '../event-pattern';

/**
 * The alarm on the forwarder's dead-letter queue, in each member account and region. It is forwarded
 * like any alarm once the security account's bus takes events again, and stays visible in the account.
 */
export const FORWARDER_DEAD_LETTERS_ALARM_NAME = 'INFRA-Alarms-To-SecHub-Forwarder-DLQ-Failure-HIGH';

/** Props of {@link AlarmForwarderStack}. */
export interface AlarmForwarderStackProps extends Omit<StackProps, 'synthesizer' | 'env'> {
  readonly config: AlarmsAppConfig;
}

/**
 * The member-account forwarder, deployed in every account and region by a service-managed StackSet
 * (and as a plain stack in the management account, which StackSets skip). A plain template: no
 * assets, no Lambda, no bootstrap parameter or rule, no CDK metadata; its inputs are the
 * `SecurityAccountId` and `EventBusName` parameters.
 *
 * A rule on the local default bus sends alarms entering ALARM to the security account's bus in the
 * **same** region, with a role that EventBridge assumes and that may only `events:PutEvents` on that
 * bus. Events it cannot deliver (after retrying for 24 hours) go to a dead-letter queue whose first
 * message raises an alarm. In the security account itself the stack creates nothing (its own alarms
 * reach its rule).
 */
export class AlarmForwarderStack extends Stack {
  public readonly securityAccountId: CfnParameter;
  public readonly eventBusName: CfnParameter;

  public constructor(scope: Construct, id: string, props: AlarmForwarderStackProps) {
    super(scope, id, {
      ...props,
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      description:
        props.description ??
        'alarms-to-sechub forwarder: CloudWatch alarms entering ALARM go to the security account bus in this region.',
    });
    const { config } = props;

    this.securityAccountId = new CfnParameter(this, 'SecurityAccountId', {
      type: 'String',
      description: 'The security account, where alarms-to-sechub runs in this region.',
      allowedPattern: '^\\d{12}$',
      constraintDescription: 'a 12-digit account id',
      ...(config.securityAccountId === undefined ? {} : { default: config.securityAccountId }),
    });
    this.eventBusName = new CfnParameter(this, 'EventBusName', {
      type: 'String',
      description: 'The bus of the security account that alarms-to-sechub listens on.',
      allowedPattern: '^[.\\-_A-Za-z0-9]{1,256}$',
      default: config.eventBusName,
    });
    const memberAccount = new CfnCondition(this, 'IsMemberAccount', {
      expression: Fn.conditionNot(Fn.conditionEquals(Aws.ACCOUNT_ID, this.securityAccountId.valueAsString)),
    });

    const busArn = Fn.sub(
      'arn:${AWS::Partition}:events:${AWS::Region}:${SecurityAccountId}:event-bus/${EventBusName}',
    );
    const role = new iam.CfnRole(this, 'ForwardAlarmsRole', {
      description: 'EventBridge forwards CloudWatch alarm events to the security account bus in this region.',
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          },
        ],
      },
      policies: [
        {
          policyName: 'PutAlarmEventsOnSecurityAccountBus',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn }],
          },
        },
      ],
    });
    role.cfnOptions.condition = memberAccount;

    // What EventBridge could not deliver to the security account (its bus gone, a policy changed)
    // waits here for 14 days, and its first message raises an alarm, rather than being dropped.
    const deadLetters = new sqs.CfnQueue(this, 'ForwardAlarmsDeadLetters', {
      messageRetentionPeriod: Duration.days(14).toSeconds(),
      sqsManagedSseEnabled: true,
    });
    deadLetters.cfnOptions.condition = memberAccount;
    acknowledge(
      deadLetters,
      'SQS3',
      `This queue is itself the rule target's dead-letter queue; its depth raises ${FORWARDER_DEAD_LETTERS_ALARM_NAME}.`,
    );

    const rule = new events.CfnRule(this, 'ForwardAlarms', {
      description: 'CloudWatch alarms entering ALARM go to the security account bus in this region.',
      eventBusName: 'default',
      state: 'ENABLED',
      eventPattern: ALARM_EVENT_PATTERN_JSON,
      targets: [
        {
          id: 'SecurityAccountBus',
          arn: busArn,
          roleArn: role.attrArn,
          deadLetterConfig: { arn: deadLetters.attrArn },
          retryPolicy: {
            maximumEventAgeInSeconds: Duration.hours(24).toSeconds(),
            maximumRetryAttempts: 185,
          },
        },
      ],
    });
    rule.cfnOptions.condition = memberAccount;

    const queuePolicy = new sqs.CfnQueuePolicy(this, 'ForwardAlarmsDeadLettersPolicy', {
      queues: [deadLetters.ref],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'UndeliveredAlarmEvents',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: deadLetters.attrArn,
            Condition: { ArnEquals: { 'aws:SourceArn': rule.attrArn } },
          },
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Resource: deadLetters.attrArn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
    queuePolicy.cfnOptions.condition = memberAccount;

    const alarm = new cloudwatch.CfnAlarm(this, 'ForwardAlarmsDeadLettersAlarm', {
      alarmName: FORWARDER_DEAD_LETTERS_ALARM_NAME,
      alarmDescription:
        'An alarm event could not be forwarded to the security account: it is in the forwarder dead-letter queue.',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ name: 'QueueName', value: deadLetters.attrQueueName }],
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    });
    alarm.cfnOptions.condition = memberAccount;
  }
}
