import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ENTRY_METADATA_KEY } from '@soar/common';
import { DeadLetterQueue, SoarFunction } from '../src';

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
