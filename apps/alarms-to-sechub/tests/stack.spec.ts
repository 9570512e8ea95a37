/**
 * Stack assertions: the rule pattern (and what it matches), the cross-region and cross-account
 * forwarding, least-privilege IAM, the dead-letter queue and alarms, the StackSet-ready forwarder,
 * and cdk-nag AwsSolutions passing with reasoned acknowledgements and failing on a new wildcard.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { matchesEventPattern, validateEventPattern } from '@soar/local-runtime';
import { anAlarmStateChangeEvent } from '@soar/testing';
import { infraAlarmReference } from '@soar/ai-prompts';

import { createAlarmsApp } from '../src/app';
import { type AlarmsAppConfigInput, parseAppConfig } from '../src/config';
import { ALARM_EVENT_PATTERN_JSON } from '../src/event-pattern';
import { FORWARDER_DEAD_LETTERS_ALARM_NAME } from '../src/stack/forwarder-stack';
import { FAILURE_ALARM_NAMES, type AlarmsToSecHubStack } from '../src/stack/security-stack';

const ORG = 'o-abcdefghij';
const SECURITY = '999988887777';

function synth(config: AlarmsAppConfigInput = { organizationId: ORG }, nag = false) {
  const { app, securityStacks, forwarderStack } = createAlarmsApp(parseAppConfig(config), {
    bundle: false,
    nag,
  });
  const [stack] = securityStacks;
  if (stack === undefined) throw new Error('no security stack');
  return {
    app,
    stack,
    securityStacks,
    template: Template.fromStack(stack),
    forwarder: Template.fromStack(forwarderStack),
    forwarderStack,
  };
}

/** Every IAM statement attached to a role. */
function statementsOf(
  template: Template,
  stack: Stack,
  role: iam.IRole | undefined,
): Record<string, unknown>[] {
  const cfnRole = role?.node.defaultChild;
  if (cfnRole === undefined) throw new Error('no role');
  const roleId = stack.getLogicalId(cfnRole as iam.CfnRole);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
        .PolicyDocument.Statement,
  );
}

const actionsOf = (statements: Record<string, unknown>[]) =>
  statements.flatMap((statement) => [statement['Action']].flat()).sort();

describe('Stack: AlarmsToSecHub (security account)', () => {
  const { stack, template } = synth();

  it('listens on the default bus for CloudWatch alarms entering ALARM, with retries and a DLQ', () => {
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: ALARM_EVENT_PATTERN_JSON,
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [stack.getLogicalId(stack.function.node.defaultChild as CfnElement), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
    expect(ALARM_EVENT_PATTERN_JSON).toEqual({
      source: ['aws.cloudwatch'],
      'detail-type': ['CloudWatch Alarm State Change'],
      detail: { state: { value: ['ALARM'] } },
    });
  });

  describe('event pattern', () => {
    it('is a valid EventBridge pattern', () => {
      expect(validateEventPattern(ALARM_EVENT_PATTERN_JSON)).toEqual([]);
    });

    it.each([
      ['a metric alarm entering ALARM', { kind: 'metric', state: 'ALARM' }, true],
      ['a metric-math alarm entering ALARM', { kind: 'metric-math', state: 'ALARM' }, true],
      ['a composite alarm entering ALARM', { kind: 'composite', state: 'ALARM' }, true],
      ['an alarm going back to OK', { kind: 'metric', state: 'OK' }, false],
      ['an alarm going to INSUFFICIENT_DATA', { kind: 'metric', state: 'INSUFFICIENT_DATA' }, false],
    ] as const)('%s: matched %s', (_label, options, matched) => {
      expect(matchesEventPattern(ALARM_EVENT_PATTERN_JSON, anAlarmStateChangeEvent(options))).toBe(matched);
    });

    it('matches an alarm event forwarded from another account and region unchanged', () => {
      const event = anAlarmStateChangeEvent({ account: '444455556666', region: 'ap-southeast-2' });
      expect(matchesEventPattern(ALARM_EVENT_PATTERN_JSON, event)).toBe(true);
    });

    it('does not match other CloudWatch events', () => {
      const event = { ...anAlarmStateChangeEvent(), 'detail-type': 'CloudWatch Alarm Configuration Change' };
      expect(matchesEventPattern(ALARM_EVENT_PATTERN_JSON, event)).toBe(false);
    });
  });

  it('runs the function on Node.js 24, ARM64, with its configuration and an expiring log group', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment: { Variables: Record<string, string> } } & Record<string, unknown>;
    }[];
    expect(fn?.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 60,
      LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
    });
    expect(JSON.parse(fn?.Properties.Environment.Variables['ALARMS_CONFIG'] ?? '{}')).toEqual({
      roleName: 'SecurityHubRole',
      finding: {
        alarmType: 'soar-cloudwatch-alarms',
        companyName: 'SOAR',
        defaultSeverity: 'MEDIUM',
        defaultDomain: 'APP',
        suppress: { firstSegments: ['CIS'], names: [] },
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  describe('least privilege', () => {
    it('lets the function assume only the import role, in organization accounts, and write its own logs', () => {
      const statements = statementsOf(template, stack, stack.function.role);
      expect(actionsOf(statements)).toEqual(
        [
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:SendMessage',
          'sts:AssumeRole',
          // X-Ray active tracing (SoarFunction), in a policy of its own.
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
        ].sort(),
      );
      expect(statements).toContainEqual({
        Sid: 'AssumeImportRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/SecurityHubRole']] },
        Condition: { StringEquals: { 'aws:ResourceOrgID': ORG } },
      });
      const byAction = (action: string) => statements.find((s) => [s['Action']].flat().includes(action));
      expect(byAction('logs:PutLogEvents')?.['Resource']).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^AlarmToSecurityHubLogs/), 'Arn'],
      });
      expect(JSON.stringify(byAction('sqs:SendMessage')?.['Resource'])).toContain('DeadLetters');
    });

    it('attaches no managed policy to the function role', () => {
      const roles = template.findResources('AWS::IAM::Role');
      for (const role of Object.values(roles) as { Properties: Record<string, unknown> }[]) {
        expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
      }
    });

    it('uses the configured role name, and no organization condition only when opted into any organization, with a synth warning', () => {
      const plain = synth({ roleName: 'OrganizationAccountAccessRole', allowAnyOrganization: true });
      const statements = statementsOf(plain.template, plain.stack, plain.stack.function.role);
      expect(statements.find((s) => s['Action'] === 'sts:AssumeRole')).toEqual({
        Sid: 'AssumeImportRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/OrganizationAccountAccessRole']],
        },
      });
      Annotations.fromStack(plain.stack).hasWarning(
        '*',
        Match.stringLikeRegexp(
          'allowAnyOrganization is true: the role OrganizationAccountAccessRole may be assumed',
        ),
      );
    });

    it('refuses to synthesize without organizationId unless opted into any organization, naming both fields', () => {
      // A forgotten (or misspelt) organization id must not silently drop the organization condition
      expect(() => synth({ roleName: 'OrganizationAccountAccessRole' })).toThrow(
        /organizationId: is not set\..*allowAnyOrganization: true/s,
      );
    });
  });

  it('lets accounts of the organization put alarm events on the bus, and nothing else', () => {
    template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      EventBusName: 'default',
      StatementId: 'alarms-to-sechub-organization-put-alarm-events',
      Statement: {
        Sid: 'alarms-to-sechub-organization-put-alarm-events',
        Effect: 'Allow',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':events:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':event-bus/default',
            ],
          ],
        },
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': ORG, 'events:detail-type': 'CloudWatch Alarm State Change' },
          'ForAllValues:StringEquals': { 'events:source': ['aws.cloudwatch'] },
        },
      },
    });
  });

  it('has no bus policy without organizationId, and warns that only its own alarms arrive', () => {
    const plain = synth({ allowAnyOrganization: true });
    plain.template.resourceCountIs('AWS::Events::EventBusPolicy', 0);
    Annotations.fromStack(plain.stack).hasWarning('*', Match.stringLikeRegexp('No organizationId'));
  });

  it('dead-letters invocations that keep failing, encrypted and TLS-only, and alarms on them', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: FAILURE_ALARM_NAMES.deadLetters,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: FAILURE_ALARM_NAMES.function,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('AlarmToSecurityHub') } }],
      Statistic: 'Sum',
      Threshold: 1,
    });
    expect(Object.values(FAILURE_ALARM_NAMES)).toEqual([
      'INFRA-Alarms-To-SecHub-Failure-HIGH',
      'INFRA-Alarms-To-SecHub-DLQ-Failure-HIGH',
    ]);
  });
});

describe('Regions and buses', () => {
  it('deploys one security stack per configured region, in the security account', () => {
    const { securityStacks } = synth({
      organizationId: ORG,
      securityAccountId: SECURITY,
      regions: ['eu-west-1', 'eu-north-1', 'us-east-1'],
    });
    expect(securityStacks.map((s: AlarmsToSecHubStack) => [s.stackName, s.region, s.account])).toEqual([
      ['AlarmsToSecHub-eu-west-1', 'eu-west-1', SECURITY],
      ['AlarmsToSecHub-eu-north-1', 'eu-north-1', SECURITY],
      ['AlarmsToSecHub-us-east-1', 'us-east-1', SECURITY],
    ]);
    for (const stack of securityStacks) Template.fromStack(stack).resourceCountIs('AWS::Events::Rule', 1);
  });

  it('with a custom bus: a rule on it for the forwarders and one on the default bus for its own alarms', () => {
    const { template, forwarder } = synth({ organizationId: ORG, eventBusName: 'soar-alarms' });
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'soar-alarms',
      EventPattern: ALARM_EVENT_PATTERN_JSON,
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: ALARM_EVENT_PATTERN_JSON,
    });
    template.hasResourceProperties('AWS::Events::EventBusPolicy', { EventBusName: 'soar-alarms' });
    expect(forwarder.toJSON()['Parameters']['EventBusName']['Default']).toBe('soar-alarms');
  });
});

describe('Stack: AlarmsToSecHubForwarder (member accounts, StackSet)', () => {
  const { forwarder, app, forwarderStack } = synth({ organizationId: ORG, securityAccountId: SECURITY });
  const template = forwarder.toJSON() as {
    Parameters: Record<string, Record<string, unknown>>;
    Conditions: Record<string, unknown>;
    Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
    Rules?: unknown;
  };
  const busArn = {
    'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${SecurityAccountId}:event-bus/${EventBusName}',
  };

  it('is a plain template: parameters, a condition, a role and a rule; no Lambda, asset, bootstrap rule or CDK metadata resource', () => {
    expect(Object.keys(template.Parameters).sort()).toEqual(['EventBusName', 'SecurityAccountId']);
    expect(template.Parameters['SecurityAccountId']).toMatchObject({
      Type: 'String',
      Default: SECURITY,
      AllowedPattern: '^\\d{12}$',
    });
    expect(template.Rules).toBeUndefined();
    expect(
      Object.values(template.Resources)
        .map((resource) => resource.Type)
        .sort(),
    ).toEqual([
      'AWS::CloudWatch::Alarm',
      'AWS::Events::Rule',
      'AWS::IAM::Role',
      'AWS::SQS::Queue',
      'AWS::SQS::QueuePolicy',
    ]);
    const assembly = app.synth();
    const artifact = assembly.getStackByName(forwarderStack.stackName);
    expect(artifact.assets).toEqual([]);
    expect(artifact.dependencies.map((dependency) => dependency.id)).toEqual([]);
  });

  it('creates nothing in the security account itself (its own alarms reach its rule)', () => {
    expect(template.Conditions['IsMemberAccount']).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, { Ref: 'SecurityAccountId' }] }],
    });
    for (const resource of Object.values(template.Resources))
      expect(resource.Condition).toBe('IsMemberAccount');
  });

  it('forwards alarms entering ALARM to the security account bus in the same region', () => {
    forwarder.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      State: 'ENABLED',
      EventPattern: ALARM_EVENT_PATTERN_JSON,
      Targets: [
        Match.objectLike({
          Id: 'SecurityAccountBus',
          Arn: busArn,
          RoleArn: { 'Fn::GetAtt': ['ForwardAlarmsRole', 'Arn'] },
        }),
      ],
    });
  });

  it('keeps what it could not deliver in a dead-letter queue, whose first message raises an alarm', () => {
    forwarder.hasResourceProperties('AWS::Events::Rule', {
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['ForwardAlarmsDeadLetters', 'Arn'] } },
          RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
        }),
      ],
    });
    forwarder.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 1_209_600,
      SqsManagedSseEnabled: true,
    });
    forwarder.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['ForwardAlarms', 'Arn'] } } },
          }),
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    forwarder.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: FORWARDER_DEAD_LETTERS_ALARM_NAME,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(FORWARDER_DEAD_LETTERS_ALARM_NAME).toMatch(/^INFRA-.*-HIGH$/);
  });

  it('forwards with a role EventBridge assumes that may only put events on that bus', () => {
    forwarder.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'PutAlarmEventsOnSecurityAccountBus',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn }],
          },
        },
      ],
    });
    expect(template.Resources['ForwardAlarmsRole']?.Properties['ManagedPolicyArns']).toBeUndefined();
  });

  it('has no parameter default without a configured security account (set it in the StackSet)', () => {
    const plain = synth({ organizationId: ORG }).forwarder.toJSON() as {
      Parameters: Record<string, Record<string, unknown>>;
    };
    expect(plain.Parameters['SecurityAccountId']).not.toHaveProperty('Default');
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes for every stack, every acknowledgement carrying its reason', () => {
    const { app } = createAlarmsApp(
      parseAppConfig({
        organizationId: ORG,
        securityAccountId: SECURITY,
        regions: ['eu-west-1', 'eu-north-1'],
        eventBusName: 'soar-alarms',
      }),
      { bundle: false },
    );
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the synth when a new wildcard permission appears on the function', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // the validation report
    const { app, securityStacks } = createAlarmsApp(parseAppConfig({ organizationId: ORG }), {
      bundle: false,
    });
    securityStacks[0]?.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });

  it('fails the synth when a wildcard appears on the forwarder role', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // the validation report
    const { app, forwarderStack } = createAlarmsApp(parseAppConfig({ organizationId: ORG }), {
      bundle: false,
    });
    const role = forwarderStack.node.findChild('ForwardAlarmsRole') as iam.CfnRole;
    role.policies = [
      {
        policyName: 'Everything',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'events:*', Resource: '*' }],
        },
      },
    ];
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });
});

describe('Bundling', () => {
  it('bundles the function with the local esbuild, from the TypeScript sources', () => {
    // Arrange
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'alarms-synth-'));
    const { app, securityStacks } = createAlarmsApp(parseAppConfig({ organizationId: ORG }), {
      nag: false,
      outdir,
    });

    // Act
    const assembly = app.synth();

    // Assert: one code asset, a CommonJS bundle with the handler and the workspace libraries inside
    const bundles = fs
      .readdirSync(outdir)
      .filter((name) => name.startsWith('asset.') && fs.existsSync(path.join(outdir, name, 'index.js')));
    expect(bundles).toHaveLength(1);
    const code = fs.readFileSync(path.join(outdir, bundles[0] ?? '', 'index.js'), 'utf8');
    expect(code).toContain('handler');
    expect(code).not.toMatch(/require\(["']@soar\//);
    expect(code).not.toMatch(/require\(["']yaml["']\)/);
    expect(assembly.getStackByName(securityStacks[0]?.stackName ?? '').template).toBeDefined();
    fs.rmSync(outdir, { recursive: true, force: true });
  }, 60_000);
});

describe("The AI's INFRA alarm reference", () => {
  it('explains exactly the alarms these stacks create', () => {
    const { template, forwarder } = synth();
    const names = [template, forwarder]
      .flatMap((t) => Object.values(t.findResources('AWS::CloudWatch::Alarm')))
      .map((alarm) => (alarm as { Properties: { AlarmName: string } }).Properties.AlarmName)
      .sort();

    expect(names).toEqual(
      infraAlarmReference()
        .filter((alarm) => alarm.stack === 'alarms-to-sechub')
        .map((alarm) => alarm.alarmName)
        .sort(),
    );
  });
});
