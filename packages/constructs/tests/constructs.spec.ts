import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as z from 'zod';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ENTRY_METADATA_KEY } from '@soar/common';
import {
  AllowAnyOrganizationSchema,
  assumeMemberRoleStatement,
  checkOrganization,
  DeadLetterQueue,
  LogPatternAlarm,
  memberAccountsOf,
  OrganizationIdSchema,
  OrganizationRequiredError,
  SoarFunction,
} from '../src';

const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');

/** A stack with one SOAR function, synthesized without bundling. */
function synth(build: (stack: Stack) => void): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test');
  build(stack);
  return Template.fromStack(stack);
}

describe('Construct: SoarFunction', () => {
  it('runs Node.js 24 on ARM64 with its own log group and records its entry for the local runtime', () => {
    // Arrange / Act
    const template = synth((stack) => {
      const { queue } = new DeadLetterQueue(stack, 'DeadLetters', {
        alarmName: 'INFRA-Test-DLQ-Failure-HIGH',
        description: 'x',
      });
      new SoarFunction(stack, 'Suppress', {
        entry: path.join(WORKSPACE_ROOT, 'packages', 'constructs', 'tests', 'fixtures', 'entry.ts'),
        workspaceRoot: WORKSPACE_ROOT,
        serviceName: 'soar',
        description: 'SOAR Suppress step',
        timeout: Duration.seconds(60),
        logRetention: logs.RetentionDays.ONE_MONTH,
        retainLogs: false,
        environment: { SOAR_CONFIG: '{}' },
        deadLetterQueue: queue,
      });
    });

    // Assert
    template.hasResource('AWS::Lambda::Function', {
      Properties: Match.objectLike({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 60,
        Environment: {
          Variables: Match.objectLike({ SOAR_CONFIG: '{}', POWERTOOLS_SERVICE_NAME: 'soar' }),
        },
        LoggingConfig: Match.objectLike({ LogGroup: Match.anyValue() }),
      }),
      Metadata: Match.objectLike({ [ENTRY_METADATA_KEY]: 'packages/constructs/tests/fixtures/entry.ts' }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21_600,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });
});

describe('Construct: DeadLetterQueue', () => {
  it('is encrypted, TLS only, and alarms on its first message', () => {
    // Arrange / Act
    const template = synth((stack) => {
      new DeadLetterQueue(stack, 'DeadLetters', {
        alarmName: 'INFRA-Test-DLQ-Failure-HIGH',
        description: 'An event was not handled.',
      });
    });

    // Assert
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'INFRA-Test-DLQ-Failure-HIGH',
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
  });
});

describe('Construct: LogPatternAlarm', () => {
  it('counts the matching lines of the log group in SOAR/<metric> and alarms on the first in five minutes', () => {
    // Arrange / Act
    const template = synth((stack) => {
      const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
      new LogPatternAlarm(stack, 'Rejections', {
        logGroup,
        filterPattern: logs.FilterPattern.stringValue('$.message', '=', 'Finding rejected'),
        metricName: 'TestRejections',
        alarmName: 'INFRA-Test-Rejections-MEDIUM',
        description: 'A finding was refused.',
      });
    });

    // Assert
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logGroupId },
      FilterPattern: '{ $.message = "Finding rejected" }',
      MetricTransformations: [
        { MetricNamespace: 'SOAR', MetricName: 'TestRejections', MetricValue: '1', DefaultValue: 0 },
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'INFRA-Test-Rejections-MEDIUM',
      Namespace: 'SOAR',
      MetricName: 'TestRejections',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { Dimensions: Match.anyValue() } }),
    ).toEqual({});
  });
});

describe('Function: assumeMemberRoleStatement', () => {
  function withStatement(accounts: Parameters<typeof assumeMemberRoleStatement>[2]): Stack {
    const app = new App();
    const stack = new Stack(app, 'Test');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(assumeMemberRoleStatement(stack, 'AWSControlTowerExecution', accounts));
    return stack;
  }

  it('limits the role assumption to the organization, without a warning', () => {
    const stack = withStatement({ organizationId: 'o-abcdefghij' });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-abcdefghij' } },
          }),
        ],
      },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  it('drops the condition only when opted into any organization, and warns at synth', () => {
    const stack = withStatement({ anyOrganization: true });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: 'sts:AssumeRole', Condition: Match.absent() })],
      },
    });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('allowAnyOrganization is true'));
  });
});

describe('Function: memberAccountsOf', () => {
  it('refuses a configuration that names no organization and does not opt in, naming both fields', () => {
    expect(() => memberAccountsOf({})).toThrow(OrganizationRequiredError);
    expect(() => memberAccountsOf({ allowAnyOrganization: false })).toThrow(
      /organizationId is not set.*allowAnyOrganization: true/s,
    );
    expect(memberAccountsOf({ allowAnyOrganization: true })).toEqual({ anyOrganization: true });
    expect(memberAccountsOf({ organizationId: 'o-abcdefghij' })).toEqual({ organizationId: 'o-abcdefghij' });
  });
});

describe('Function: checkOrganization', () => {
  const Schema = z
    .strictObject({ organizationId: OrganizationIdSchema, allowAnyOrganization: AllowAnyOrganizationSchema })
    .superRefine(checkOrganization);

  it.each([
    [{}, 'organizationId', /is not set.*allowAnyOrganization: true/s],
    [{ allowAnyOrganization: false }, 'organizationId', /is not set/],
    [
      { organizationId: 'o-abcdefghij', allowAnyOrganization: true },
      'allowAnyOrganization',
      /organizationId/,
    ],
  ])('rejects %j at %s', (input, field, message) => {
    const result = Schema.safeParse(input);

    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: [field], message: expect.stringMatching(message) as unknown }),
    ]);
  });

  it.each([[{ organizationId: 'o-abcdefghij' }], [{ allowAnyOrganization: true }]])('accepts %j', (input) => {
    expect(Schema.safeParse(input).success).toBe(true);
  });
});
