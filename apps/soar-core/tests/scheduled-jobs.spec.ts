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

  it('lets the hourly statistics and the weekly report read the remediation history by its day index only', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('/index/byDay');
    const queries = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap(
        (policy) =>
          (policy as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument
            .Statement,
      )
      .filter((statement) => JSON.stringify(statement).includes('/index/byDay'));
    expect(queries.map((statement) => (statement as { Action: unknown }).Action)).toEqual([
      'dynamodb:Query',
      'dynamodb:Query',
    ]);
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

describe('Stack: the weekly AI security report', () => {
  const policiesOf = (template: Template) =>
    Object.values(template.findResources('AWS::IAM::Policy')).map(
      (policy) =>
        policy as {
          Properties: {
            Roles: { Ref: string }[];
            PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] };
          };
        },
    );
  /** The logical ids of the roles allowed `action`. */
  const rolesAllowed = (template: Template, action: string) =>
    policiesOf(template)
      .filter((policy) =>
        policy.Properties.PolicyDocument.Statement.some((statement) =>
          JSON.stringify(statement.Action).includes(action),
        ),
      )
      .flatMap((policy) => policy.Properties.Roles.map((role) => role.Ref))
      .sort();

  it('runs on Monday at 01:00 UTC by default, writing into a private, encrypted, expiring bucket', () => {
    const template = synth({});

    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 1 ? * MON *)' });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365, Status: 'Enabled' })] },
    });
    // TLS only: the bucket policy denies any request without it.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(rolesAllowed(template, 's3:PutObject')).toEqual([expect.stringMatching(/^WeeklyReport/)]);
  });

  it('lets the functions that write AI sections, and only them, invoke the configured model', () => {
    const bedrock = synth({ ai: { bedrock: { modelId: 'eu.anthropic.claude-sonnet-4-6' } } });
    const none = synth({ ai: { provider: 'none' } });

    const allowed = rolesAllowed(bedrock, 'bedrock:InvokeModel').map((role) =>
      role.replace(/ServiceRole.*$/, ''),
    );
    expect(allowed).toEqual(['CloseTicket', 'NotifyFixed', 'NotifyIncident', 'Ticket', 'WeeklyReport']);
    expect(JSON.stringify(bedrock.toJSON())).toContain(':inference-profile/eu.anthropic.claude-sonnet-4-6');
    expect(rolesAllowed(none, 'bedrock:InvokeModel')).toEqual([]);
  });

  it('takes its schedule and recipients from the configuration, and can be turned off', () => {
    const custom = synth({
      weeklyReport: { schedule: 'cron(0 6 ? * FRI *)', recipients: ['ciso@example.com'] },
    });
    const off = synth({ weeklyReport: { enabled: false } });

    custom.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 6 ? * FRI *)' });
    expect(JSON.stringify(custom.toJSON())).toContain('ciso@example.com');
    expect(JSON.stringify(off.toJSON())).not.toContain('cron(0 1 ? * MON *)');
    expect(() => synth({ weeklyReport: { recipients: ['not an address'] } })).toThrow(SoarConfigError);
  });
});
