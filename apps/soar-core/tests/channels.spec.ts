/**
 * The optional channels (Slack, Teams, Sentinel) and the remediation history in the stack: secrets
 * instead of URLs in the configuration, `secretsmanager:GetSecretValue` on those secrets only and only
 * for the functions that send, the channels in `SOAR_CONFIG`, the alarm on their failure rows, and the
 * history table the Remediate function writes.
 */
import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { FAILURE_RECORDED_LOG_MESSAGE } from '@soar/workflow/aws';
import { parseRuntimeConfig } from '@soar/workflow/config';
import { createSoarApp } from '../src/app';
import { parseAppConfig, SoarConfigError, type SoarAppConfigInput } from '../src/config';
import { CHANNEL_FAILURES_ALARM_NAME } from '@soar/soar-core-infra';
import type { SoarCoreStack } from '../src/stack/soar-core-stack';

const ORG = 'o-abcdefghij';
const TEAMS_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:soar/teams-AbCdEf';

function synth(config: SoarAppConfigInput = {}): { stack: SoarCoreStack; template: Template } {
  const { stack } = createSoarApp(parseAppConfig({ organizationId: ORG, ...config }), {
    bundle: false,
    nag: false,
  });
  return { stack, template: Template.fromStack(stack) };
}

type Statement = { Action: string | string[]; Resource: unknown };

/** The IAM statements attached to one function's role. */
function statementsOf(template: Template, stack: Stack, fn: { role?: iam.IRole | undefined }): Statement[] {
  const role = fn.role?.node.defaultChild;
  if (role === undefined) throw new Error('function without a role');
  const roleId = stack.getLogicalId(role as iam.CfnRole);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The SOAR_CONFIG of a function, with the tokens left as they are. */
function runtimeConfigOf(
  stack: SoarCoreStack,
  id: keyof SoarCoreStack['functions'],
): Record<string, unknown> {
  const environment = stack.resolve(
    (stack.functions[id].node.defaultChild as lambda.CfnFunction).environment,
  ) as { variables: { SOAR_CONFIG: unknown } };
  const joined = environment.variables.SOAR_CONFIG as { 'Fn::Join': [string, unknown[]] };
  // Each token becomes its own placeholder: the tables must keep distinct names. The account id
  // (the security account of pre-processing) becomes an account id, as CloudFormation resolves it.
  const text = joined['Fn::Join'][1]
    .map((part, index) =>
      typeof part === 'string'
        ? part
        : JSON.stringify(part) === '{"Ref":"AWS::AccountId"}'
          ? '111122223333'
          : `TOKEN${index}`,
    )
    .join('');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('Config: channels', () => {
  it('are off by default', () => {
    expect(parseAppConfig({ organizationId: ORG }).channels).toEqual({});
  });

  it('name a typo, at any level, and the key meant', () => {
    expect(() => parseAppConfig({ organizationId: ORG, chanels: {} })).toThrow(/chanels.*"channels"/);
    expect(() =>
      parseAppConfig({ organizationId: ORG, channels: { slack: { when: { environment: ['PROD'] } } } }),
    ).toThrow(SoarConfigError);
    expect(() =>
      parseAppConfig({ organizationId: ORG, channels: { slack: { when: { environment: ['PROD'] } } } }),
    ).toThrow(/channels\.slack\.when.*"environments"/);
    // The webhook URL is a credential: it has no place in the configuration.
    expect(() =>
      parseAppConfig({
        organizationId: ORG,
        channels: { slack: { webhookUrl: 'https://hooks.slack.com/x' } },
      }),
    ).toThrow(/channels\.slack.*webhookUrl/);
  });
});

describe('Stack: channels', () => {
  it('without channels: no channel secret, no secret access, the history table and its alarm still there', () => {
    const { stack, template } = synth();

    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    for (const fn of Object.values(stack.functions)) {
      expect(statementsOf(template, stack, fn).flatMap(actions)).not.toContain(
        'secretsmanager:GetSecretValue',
      );
    }
    expect(runtimeConfigOf(stack, 'Ticket')['channels']).toEqual({});
  });

  it('creates or references each channel secret and puts only its ARN in SOAR_CONFIG', () => {
    const { stack, template } = synth({
      channels: {
        slack: { when: { teams: ['payments'] } },
        teams: {
          secretId: TEAMS_SECRET_ARN,
          allowedHosts: ['.logic.azure.com'],
          when: { environments: ['PROD'] },
        },
        sentinel: { secretId: 'soar/sentinel' },
      },
    });

    // Only Slack's secret is created (to fill in); the others are the configured ones.
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('SOAR slack channel: set the value to \\{"webhookUrl"'),
    });
    const channels = runtimeConfigOf(stack, 'Ticket')['channels'] as Record<string, Record<string, unknown>>;
    expect(channels['slack']).toEqual({
      secretId: expect.stringMatching(/^TOKEN/),
      when: { teams: ['payments'] },
    });
    expect(channels['teams']).toEqual({
      secretId: TEAMS_SECRET_ARN,
      allowedHosts: ['.logic.azure.com'],
      when: { environments: ['PROD'] },
    });
    expect(channels['sentinel']?.['secretId']).toMatch(/secret:soar\/sentinel$/);
    // The functions' configuration is valid as they read it (every channel names its secret).
    expect(() => parseRuntimeConfig(runtimeConfigOf(stack, 'NotifyFixed'), 'SOAR_CONFIG')).not.toThrow();
  });

  it('lets the sending functions, and only them, read the channel secrets (GetSecretValue, no wildcard of its own)', () => {
    const { stack, template } = synth({
      channels: { slack: {}, teams: { secretId: TEAMS_SECRET_ARN }, sentinel: { secretId: 'soar/sentinel' } },
    });

    const sending = ['Ticket', 'NotifyFixed', 'CloseTicket', 'NotifyIncident', 'HourlyTasks'] as const;
    for (const id of Object.keys(stack.functions) as (keyof SoarCoreStack['functions'])[]) {
      const secretStatements = statementsOf(template, stack, stack.functions[id]).filter((s) =>
        actions(s).some((a) => a.startsWith('secretsmanager:')),
      );
      if (!(sending as readonly string[]).includes(id)) {
        expect({ id, secretStatements }).toEqual({ id, secretStatements: [] });
        continue;
      }
      expect(secretStatements).toHaveLength(1);
      const [statement] = secretStatements;
      expect(statement?.Action).toBe('secretsmanager:GetSecretValue');
      const resources = JSON.stringify(stack.resolve(statement?.Resource));
      expect(resources).toContain(TEAMS_SECRET_ARN);
      // A secret known by its name gets Secrets Manager's six-character suffix, nothing wider.
      expect(resources).toMatch(/secret:soar\/sentinel-\?\?\?\?\?\?/);
      expect(resources).toMatch(/ChannelsSlackSecret/);
      expect(resources).not.toMatch(/"\*"/);
      // Their failure rows go to the failures table.
      expect(statementsOf(template, stack, stack.functions[id])).toContainEqual(
        expect.objectContaining({ Action: 'dynamodb:PutItem' }),
      );
    }
  });

  it('counts the channel and history failure rows of the sending functions, the hourly tasks and Remediate, and alarms on the first', () => {
    const { template } = synth({ channels: { slack: {} } });

    const filters = template.findResources('AWS::Logs::MetricFilter', {
      Properties: { MetricTransformations: [Match.objectLike({ MetricName: 'ChannelFailures' })] },
    });
    expect(Object.keys(filters)).toHaveLength(6);
    for (const filter of Object.values(filters)) {
      expect(JSON.stringify(filter)).toContain(FAILURE_RECORDED_LOG_MESSAGE);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: CHANNEL_FAILURES_ALARM_NAME,
      MetricName: 'ChannelFailures',
      Threshold: 1,
    });
  });

  it('passes cdk-nag with every channel on, secrets created and named', () => {
    const { app } = createSoarApp(
      parseAppConfig({
        organizationId: ORG,
        channels: { slack: {}, teams: {}, sentinel: { secretId: 'soar/sentinel' } },
      }),
      { bundle: false },
    );
    expect(() => app.synth()).not.toThrow();
  });
});

describe('Stack: the remediation history and the incident log', () => {
  it.each([
    ['remediation history', 'TablesRemediationHistory', 'Remediate', 'remediationHistory'],
    ['incident log', 'TablesIncidentLog', 'NotifyIncident', 'incidentLog'],
  ] as const)(
    'the %s is on demand, recoverable, expiring, listed by day, and written by %s alone',
    (_what, logicalId, writer, configKey) => {
      const { stack, template } = synth();

      const tables = template.findResources('AWS::DynamoDB::GlobalTable', {
        Properties: { GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byDay' })] },
      });
      // The two histories, and no other table, are listed by day.
      expect(
        Object.keys(tables)
          .map((id) => id.replace(/[0-9A-F]{8}$/, ''))
          .sort(),
      ).toEqual(['TablesIncidentLog', 'TablesRemediationHistory']);
      const tableId = Object.keys(tables).find((id) => id.startsWith(logicalId)) ?? '';
      expect(tables[tableId]?.['Properties']).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
        Replicas: [
          expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      });
      const onTable = (fn: SoarCoreStack['functions']['Remediate']) =>
        statementsOf(template, stack, fn).filter((s) => JSON.stringify(s.Resource).includes(tableId));
      const writers = Object.entries(stack.functions).filter(([, fn]) =>
        onTable(fn).some((s) => actions(s).some((action) => action !== 'dynamodb:Query')),
      );
      expect(writers.map(([id]) => id)).toEqual([writer]);
      expect(onTable(stack.functions[writer]).flatMap(actions)).toEqual(['dynamodb:PutItem']);
      // The hourly statistics and the weekly report only read it, by its day index.
      const readers = Object.entries(stack.functions).filter(([, fn]) => onTable(fn).length > 0);
      expect(readers.map(([id]) => id).sort()).toEqual(['HourlyTasks', 'WeeklyReport', writer].sort());
      expect(onTable(stack.functions.HourlyTasks).flatMap(actions)).toEqual(['dynamodb:Query']);
      expect(onTable(stack.functions.WeeklyReport).flatMap(actions)).toEqual(['dynamodb:Query']);
      expect(runtimeConfigOf(stack, writer)['tables']).toMatchObject({
        [configKey]: expect.stringMatching(/^TOKEN/),
      });
    },
  );
});
