import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ConstructsError, SoarFunction } from '../src';
import { AlarmsConfigSchema, infraAlarmName, Monitoring, type MonitoringProps } from '../src/monitoring';

const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');

/** A stack with one function, one workflow and one queue, watched by a `Monitoring` with `props`. */
function synth(props: MonitoringProps): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Logs');
  const monitoring = new Monitoring(stack, 'Monitoring', props);
  new SoarFunction(stack, 'Forward', {
    entry: path.join(WORKSPACE_ROOT, 'packages', 'constructs', 'tests', 'fixtures', 'entry.ts'),
    workspaceRoot: WORKSPACE_ROOT,
    serviceName: 'logs',
    description: 'x',
    timeout: Duration.seconds(10),
    logRetention: logs.RetentionDays.ONE_WEEK,
    retainLogs: false,
  });
  const workflow = new sfn.StateMachine(stack, 'Workflow', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
  });
  monitoring.watchStateMachine(workflow, 'Log-Processing', 'HIGH');
  monitoring.watchQueue(new sqs.Queue(stack, 'Queue'), 'Forward', 'LOW');
  return Template.fromStack(stack);
}

function alarmNames(template: Template): string[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    .map((alarm) => (alarm as { Properties: { AlarmName: string } }).Properties.AlarmName)
    .sort();
}

describe('Construct: Monitoring', () => {
  it('names every alarm INFRA-<system>-…-<SEVERITY> and makes no dashboard unless named', () => {
    // Arrange / Act
    const template = synth({ system: 'FLP' });

    // Assert
    expect(alarmNames(template)).toEqual([
      'INFRA-FLP-Forward-DLQ-Failure-LOW',
      'INFRA-FLP-Forward-Lambda-Errors-MEDIUM',
      'INFRA-FLP-Forward-Lambda-Throttles-MEDIUM',
      'INFRA-FLP-Log-Processing-SM-Failure-HIGH',
    ]);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('charts the workflow and the function on the execution dashboard, and notifies the topic of every alarm', () => {
    // Arrange / Act
    const template = synth({
      executionDashboardName: 'Logs-Execution',
      alarms: { email: ['ops@example.com'] },
    });

    // Assert
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as {
      Properties: { DashboardName: string; DashboardBody: unknown };
    }[];
    expect(dashboard?.Properties.DashboardName).toBe('Logs-Execution');
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    expect(body).toContain('Log-Processing: executions');
    expect(body).toContain('Forward: invocations and errors');
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm')))
      expect((alarm as { Properties: { AlarmActions?: unknown[] } }).Properties.AlarmActions).toHaveLength(1);
    expect(alarmNames(template)[0]).toBe(infraAlarmName('SOAR', 'Forward-DLQ-Failure', 'LOW'));
  });

  it('refuses a second execution dashboard, naming the construct', () => {
    // Arrange
    class Twice extends Monitoring {
      public again(): void {
        this.addExecutionDashboard('Again');
      }
    }
    const stack = new Stack(new App(), 'Logs');
    const monitoring = new Twice(stack, 'Monitoring', { executionDashboardName: 'Once' });

    // Act / Assert
    expect(() => monitoring.again()).toThrow(ConstructsError);
    expect(() => monitoring.again()).toThrow('Logs/Monitoring: the execution dashboard exists already');
  });

  it.each([
    [{ snsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:alarms', email: ['a@example.com'] }, 'email'],
    [{ snsTopicArn: 'not-an-arn' }, 'snsTopicArn'],
    [{ sms: [] }, ''],
  ])('alarms configuration %j is refused at %s', (input, path) => {
    // Act
    const parsed = AlarmsConfigSchema.safeParse(input);

    // Assert
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(path);
  });
});
