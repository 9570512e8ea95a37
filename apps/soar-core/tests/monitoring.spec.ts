/**
 * Self-monitoring and deployability: an alarm per workflow, per function (errors, throttles) and per
 * queue, named for alarms-to-sechub; the optional SNS action; the two dashboards reading the
 * statistics by their shared names; X-Ray tracing; and synth + cdk-nag for the three configuration
 * profiles (minimal, full, multi-region).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { TOTAL_METRICS, breakdownMetric } from '@soar/scheduled-jobs/metric-names';
import { infraAlarmReference } from '@soar/ai-prompts';
import { createSoarApp } from '../src/app';
import { parseAppConfig, SoarConfigError, type SoarAppConfigInput } from '../src/config';
import type { SoarCoreStack } from '../src/stack/soar-core-stack';

const ORG = 'o-abcdefghij';

/** The configuration profiles every release synthesizes and checks with cdk-nag. */
const PROFILES: Record<string, SoarAppConfigInput> = {
  minimal: { organizationId: ORG },
  full: {
    organizationId: ORG,
    account: '111122223333',
    region: 'eu-west-1',
    productName: 'Acme SOAR',
    consoleBaseUrl: 'https://console.aws.amazon.com',
    email: { from: 'soar@acme.example', cc: ['audit@acme.example'], send: true },
    ticketing: { system: 'jira', secretId: 'soar/jira', finalTransitions: ['Done'] },
    channels: { slack: {}, teams: { allowedHosts: ['.logic.azure.com'] }, sentinel: {} },
    remediation: {
      enabled: ['S3.8', 'EC2.2'],
      optOutTag: { key: 'soar', values: ['off'], action: 'ticket' },
    },
    metricNamespace: 'AcmeSOAR',
    alarms: { email: ['secops@acme.example'] },
    dashboards: { securityStatusName: 'Acme-SOAR-Status', executionName: 'Acme-SOAR-Execution' },
    logRetentionDays: 90,
    tracing: 'powertools',
  },
  multiRegion: { organizationId: ORG, account: '111122223333', region: 'us-east-1' },
};

function synth(config: SoarAppConfigInput, nag = false): { stack: SoarCoreStack; template: Template } {
  const { app, stack } = createSoarApp(parseAppConfig(config), { bundle: false, nag });
  const assembly = app.synth();
  return { stack, template: Template.fromJSON(assembly.getStackByName(stack.stackName).template) };
}

interface AlarmProps {
  AlarmName: string;
  AlarmActions?: unknown[];
  MetricName?: string;
  Namespace?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: unknown[];
}
function alarms(template: Template): AlarmProps[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
    (resource) => (resource as { Properties: AlarmProps }).Properties,
  );
}

describe('Stack: SoarCore self-monitoring', () => {
  const { stack, template } = synth(PROFILES['minimal'] ?? {});
  const names = alarms(template).map((alarm) => alarm.AlarmName);

  it('names every alarm INFRA-SOAR-…-<SEVERITY>, so alarms-to-sechub makes each an incident', () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names)
      expect(name).toMatch(/^INFRA-SOAR-[A-Za-z0-9-]+-(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it("is the list the AI's INFRA alarm reference explains, alarm for alarm (full profile too)", () => {
    const reference = infraAlarmReference()
      .filter((alarm) => alarm.stack === 'soar-core')
      .map((alarm) => alarm.alarmName)
      .sort();
    const full = alarms(synth(PROFILES['full'] ?? {}).template).map((alarm) => alarm.AlarmName);

    expect([...names].sort()).toEqual(reference);
    expect([...full].sort()).toEqual(reference);
  });

  it('alarms on every state machine of the stack, by the original workflow names', () => {
    const machines = stack.node.findAll().filter((c): c is sfn.StateMachine => c instanceof sfn.StateMachine);
    expect(machines.length).toBeGreaterThan(0);
    for (const machine of machines) {
      const ref = stack.resolve(machine.stateMachineArn) as unknown;
      const watched = alarms(template).filter((alarm) =>
        JSON.stringify(alarm.Metrics ?? []).includes(JSON.stringify(ref)),
      );
      expect({
        machine: machine.node.path,
        watched: watched.map((a) => a.AlarmName).filter((n) => /-SM-Failure-/.test(n)).length,
      }).toEqual({
        machine: machine.node.path,
        watched: 1,
      });
    }
    expect(names).toContain('INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH');
  });

  it('alarms on the errors and the throttles of every function, each named for it', () => {
    for (const id of Object.keys(stack.functions)) {
      expect(names).toContain(`INFRA-SOAR-${id}-Lambda-Errors-MEDIUM`);
      expect(names).toContain(`INFRA-SOAR-${id}-Lambda-Throttles-MEDIUM`);
    }
    const functionIds = Object.keys(template.findResources('AWS::Lambda::Function'));
    const errorAlarms = alarms(template).filter((a) => /-Lambda-Errors-/.test(a.AlarmName));
    // The CDK's own singleton (the table seed's provider) is not SOAR's: every SOAR function is watched.
    expect(errorAlarms.length).toBe(Object.keys(stack.functions).length);
    expect(errorAlarms.every((a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda')).toBe(true);
    expect(functionIds.length).toBeGreaterThanOrEqual(errorAlarms.length);
  });

  it('alarms on the first message in every queue of the stack (each is a dead-letter queue)', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBeGreaterThan(0);
    for (const queue of queues) {
      const depth = alarms(template).filter(
        (a) =>
          a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(a.Dimensions).includes(`"${queue}"`),
      );
      expect({ queue, alarms: depth.length }).toEqual({ queue, alarms: 1 });
    }
  });

  it('has no alarm action without a topic: alarms-to-sechub picks up the state changes', () => {
    for (const alarm of alarms(template)) expect(alarm.AlarmActions).toBeUndefined();
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('traces every function (X-Ray active) and every state machine', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      if (!id.startsWith('AWS'))
        expect({
          id,
          tracing: (fn as { Properties: { TracingConfig?: unknown } }).Properties.TracingConfig,
        }).toEqual({ id, tracing: { Mode: 'Active' } });
    }
    for (const machine of Object.values(template.findResources('AWS::StepFunctions::StateMachine')))
      expect(
        (machine as { Properties: { TracingConfiguration?: unknown } }).Properties.TracingConfiguration,
      ).toEqual({
        Enabled: true,
      });
    // X-Ray's wildcard lives in a policy of its own per function, next to the function's grants.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' },
        ],
      },
    });
  });

  describe('dashboards', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map(
      (resource) =>
        (resource as { Properties: { DashboardName: unknown; DashboardBody: unknown } }).Properties,
    );
    const body = (index: number): string => JSON.stringify(stack.resolve(dashboards[index]?.DashboardBody));

    it('builds two, named with the region (dashboard names are global in an account)', () => {
      expect(dashboards).toHaveLength(2);
      expect(JSON.stringify(dashboards.map((d) => d.DashboardName))).toMatch(
        /SoarCore-Security-Status-.*AWS::Region/,
      );
      expect(JSON.stringify(dashboards.map((d) => d.DashboardName))).toMatch(
        /SoarCore-Execution-.*AWS::Region/,
      );
    });

    it('shows the security status from the statistics, by the names their publisher uses', () => {
      const status = body(0);
      for (const total of Object.values(TOTAL_METRICS)) {
        expect(status).toContain(total.metricName);
        expect(status).toContain(total.value);
      }
      for (const population of ['openTickets', 'overdueTickets', 'autoRemediations', 'incidents'] as const)
        for (const by of ['Severity', 'Environment', 'Account', 'Team'] as const) {
          const { metricName, dimension } = breakdownMetric(population, by);
          expect(status).toContain(
            `SELECT MAX(${metricName}) FROM SCHEMA(\\\\\\"SOAR\\\\\\", ${dimension}) GROUP BY ${dimension}`,
          );
        }
      expect(status).toContain('\\"view\\":\\"pie\\"');
    });

    it('shows state transitions, executions per workflow and each function’s errors and duration', () => {
      const execution = body(1);
      expect(execution).toContain('ConsumedCapacity');
      expect(execution).toContain('ExecutionsStarted');
      expect(execution).toContain('ExecutionsFailed');
      for (const id of Object.keys(stack.functions)) expect(execution).toContain(`${id}: duration (ms)`);
      // Every workflow, whether its alarm came from watchStateMachine or not.
      const machines = stack.node.findAll().filter((c) => c instanceof sfn.StateMachine);
      expect(execution.match(/: executions/g)?.length).toBe(machines.length);
    });
  });

  it('builds no dashboard when they are turned off', () => {
    const { template: without } = synth({ organizationId: ORG, dashboards: { enabled: false } });
    without.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });
});

describe('Alarm notifications', () => {
  it('with alarms.email: one encrypted topic with the subscribers, the action of every alarm', () => {
    const { template } = synth({ organizationId: ORG, alarms: { email: ['secops@example.com'] } });
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'secops@example.com',
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    for (const alarm of alarms(template))
      expect({ alarm: alarm.AlarmName, actions: alarm.AlarmActions?.length }).toEqual({
        alarm: alarm.AlarmName,
        actions: 1,
      });
  });

  it('with alarms.snsTopicArn: every alarm notifies that topic, and no topic is made', () => {
    const topic = 'arn:aws:sns:eu-west-1:111122223333:secops-alarms';
    const { template } = synth({ organizationId: ORG, alarms: { snsTopicArn: topic } });
    template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const alarm of alarms(template)) expect(alarm.AlarmActions).toEqual([topic]);
  });

  it('refuses both a topic and addresses, and a malformed topic ARN, naming the field', () => {
    expect(() =>
      parseAppConfig({
        organizationId: ORG,
        alarms: { snsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:t', email: ['a@b.example'] },
      }),
    ).toThrow(/alarms\.email: set snsTopicArn or email, not both/);
    expect(() => parseAppConfig({ organizationId: ORG, alarms: { snsTopicArn: 'secops' } })).toThrow(
      /alarms\.snsTopicArn: must be an SNS topic ARN/,
    );
    expect(() => parseAppConfig({ organizationId: ORG, alarms: { emails: ['a@b.example'] } })).toThrow(
      SoarConfigError,
    );
  });
});

describe('Configuration profiles: synth and cdk-nag', () => {
  it.each(Object.keys(PROFILES))('%s synthesizes with no unacknowledged cdk-nag finding', (profile) => {
    expect(() => synth(PROFILES[profile] ?? {}, true)).not.toThrow();
  });

  it('multi-region: the same account in two regions has distinct dashboards, alarms stay regional', () => {
    const regions = ['eu-west-1', 'us-east-1'].map(
      (region) => synth({ ...PROFILES['multiRegion'], region }).template,
    );
    const dashboardNames = regions.flatMap((template) =>
      Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map(
        (d) => (d as { Properties: { DashboardName: string } }).Properties.DashboardName,
      ),
    );
    expect(new Set(dashboardNames).size).toBe(4);
    expect(dashboardNames).toContain('SoarCore-Execution-us-east-1');
  });

  it('full: every function is bundled with the Powertools Tracer, and says so in its environment', () => {
    const { template } = synth(PROFILES['full'] ?? {});
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> }; TracingConfig?: unknown };
    }[];
    const soarFunctions = functions.filter((fn) => fn.Properties.TracingConfig !== undefined);
    expect(soarFunctions.length).toBeGreaterThanOrEqual(10);
    for (const fn of soarFunctions)
      expect(fn.Properties.Environment?.Variables?.['SOAR_POWERTOOLS_TRACER']).toBe('true');
  });

  it('full: statistics read from the configured namespace', () => {
    const { template } = synth(PROFILES['full'] ?? {});
    const bodies = JSON.stringify(
      Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map(
        (d) => (d as { Properties: { DashboardBody: unknown } }).Properties.DashboardBody,
      ),
    );
    expect(bodies).toContain('AcmeSOAR');
    expect(bodies).not.toContain('SCHEMA(\\"SOAR\\"');
  });
});

describe('cdk.json', () => {
  it('sets every feature flag the pinned aws-cdk-lib recommends (synth warns of none)', () => {
    for (const app of ['soar-core', 'alarms-to-sechub']) {
      const cdkJson = JSON.parse(
        fs.readFileSync(path.resolve(__dirname, '..', '..', app, 'cdk.json'), 'utf8'),
      ) as { context: Record<string, unknown> };
      expect({ app, context: cdkJson.context }).toEqual({
        app,
        context: expect.objectContaining(CURRENTLY_RECOMMENDED_FLAGS),
      });
    }
  });
});
