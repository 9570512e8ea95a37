import { Match, Template } from 'aws-cdk-lib/assertions';
import { createSoarApp } from '../src/app';
import { parseAppConfig, SoarConfigError, type SoarAppConfigInput } from '../src/config';

const ORG = 'o-abcdefghij';

function synth(config: SoarAppConfigInput = {}, nag = false): Template {
  const { stack } = createSoarApp(parseAppConfig({ organizationId: ORG, ...config }), { bundle: false, nag });
  return Template.fromStack(stack);
}

describe('Stack: scheduled jobs', () => {
  let template: Template;
  beforeAll(() => {
    template = synth({});
  });

  it('runs the hourly tasks and the account cache refresh on their schedules, each a function directly', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      Description: 'SOAR hourly tasks: the statistics, then the overdue reminders.',
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(6 hours)',
      Description: 'SOAR account metadata cache refresh, account by account.',
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
  });

  it('alarms once on a failed run, named for SOAR’s alarm routing', () => {
    for (const name of ['HourlyTasks', 'RefreshAccounts']) {
      const errors = template.findResources('AWS::CloudWatch::Alarm', {
        Properties: {
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp(`${name}`) } }],
        },
      });
      expect(Object.values(errors).map((alarm) => alarm.Properties?.AlarmName)).toEqual([
        `INFRA-SOAR-${name}-Lambda-Errors-MEDIUM`,
      ]);
    }
  });

  it('lets the hourly statistics read the remediation history by its day index only', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('/index/byDay');
    const queries = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap(
        (policy) =>
          (policy as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument
            .Statement,
      )
      .filter((statement) => JSON.stringify(statement).includes('/index/byDay'));
    expect(queries.map((statement) => (statement as { Action: unknown }).Action)).toEqual(['dynamodb:Query']);
  });

  it('takes the schedules from the configuration, and refuses one that is not a schedule', () => {
    const custom = synth({ scheduledJobs: { hourly: 'cron(15 * * * ? *)', accountRefreshHours: 3 } });
    custom.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(15 * * * ? *)' });
    custom.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(3 hours)' });
    expect(() => parseAppConfig({ organizationId: ORG, scheduledJobs: { hourly: 'every hour' } })).toThrow(
      SoarConfigError,
    );
  });
});
