/**
 * The conversion over realistic events, written as AWS documents them (`tests/events/cloudwatch`),
 * and over the `@soar/testing` builder: every kind of alarm, every severity, both domains, CIS, names
 * without severity, transitions that are not ALARM, and malformed events.
 */
import { AwsSecurityFindingSchema, type AwsSecurityFinding } from '@soar/asff-schema';
import { anAlarmStateChangeEvent } from '@soar/testing';

import {
  alarmFindingId,
  AlarmEventError,
  alarmToFinding,
  type AlarmToFindingResult,
  DEFAULT_ALARM_FINDING_CONFIG,
  parseAlarmFindingConfig,
} from '../src';
import { alarmEventVariants, type EventDocument, loadAlarmEvent } from './helpers/events';

function findingOf(result: AlarmToFindingResult): AwsSecurityFinding {
  if (result.kind !== 'finding') throw new Error(`expected a finding, got: ${result.reason}`);
  return result.finding;
}

function convert(event: unknown): AwsSecurityFinding {
  return findingOf(alarmToFinding(event, DEFAULT_ALARM_FINDING_CONFIG));
}

function errorOf(event: unknown): AlarmEventError {
  try {
    alarmToFinding(event);
  } catch (error) {
    if (error instanceof AlarmEventError) return error;
    throw error;
  }
  throw new Error('expected an AlarmEventError');
}

describe('Function: alarmToFinding, realistic events', () => {
  // variant, severity, domain, resource types after the alarm itself, alarm kind
  const cases: [string, string, string, string[], string][] = [
    ['metric-stepfunctions-high', 'HIGH', 'INFRA', ['AwsStepFunctionStateMachine'], 'metric'],
    ['metric-lambda-medium', 'MEDIUM', 'APP', ['AwsLambdaFunction'], 'metric'],
    ['metric-math-critical', 'CRITICAL', 'APP', ['AwsLambdaFunction', 'AwsLambdaFunction'], 'metric-math'],
    ['composite-low', 'LOW', 'INFRA', [], 'composite'],
    ['anomaly-detection-lowercase-informational', 'INFORMATIONAL', 'INFRA', [], 'anomaly-detection'],
    ['metrics-insights-high', 'HIGH', 'APP', [], 'metrics-insights'],
    ['missing-data-breaching-high', 'HIGH', 'INFRA', ['AwsLambdaFunction'], 'metric'],
    ['no-severity', 'MEDIUM', 'APP', [], 'metric'],
  ];

  it.each(cases)('%s: %s, %s, monitored %j, kind %s', (variant, severity, domain, monitored, kind) => {
    // Arrange
    const event = loadAlarmEvent(variant);

    // Act
    const finding = convert(event);

    // Assert
    expect(AwsSecurityFindingSchema.safeParse(finding).success).toBe(true);
    expect(finding.Severity).toEqual({ Label: severity });
    expect(finding.ProductFields?.['IncidentDomain']).toBe(domain);
    expect(finding.ProductFields?.['TicketDestination']).toBe('TEAM');
    expect(finding.ProductFields?.['soar/alarm/kind']).toBe(kind);
    expect(finding.Resources.map((resource) => resource.Type)).toEqual(['Other', ...monitored]);
    expect(finding.Resources[0]?.Id).toBe(event.resources[0]);
    expect(finding.AwsAccountId).toBe(event.account);
    expect(finding.ProductArn).toBe(
      `arn:aws:securityhub:${event.region}:${event.account}:product/${event.account}/default`,
    );
    expect(finding.GeneratorId).toBe(event.detail.alarmName);
    expect(finding.Title).toBe(event.detail.alarmName);
    expect(finding.Types).toEqual([
      'Software and Configuration Checks/CloudWatch Alarms/soar-cloudwatch-alarms',
    ]);
    expect(finding.Workflow).toEqual({ Status: 'NEW' });
    expect(finding.RecordState).toBe('ACTIVE');
    expect(finding.CreatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (const resource of finding.Resources) expect(resource.Region).toBe(event.region);
  });

  it('writes the whole Step Functions alarm: ids, timestamps, state, metric and evaluation settings', () => {
    // Arrange
    const event = loadAlarmEvent('metric-stepfunctions-high');
    const arn = 'arn:aws:cloudwatch:eu-north-1:111122223333:alarm:INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH';

    // Act
    const finding = convert(event);

    // Assert
    expect(finding).toMatchObject({
      SchemaVersion: '2018-10-08',
      Id: `${arn}/ALARM/2026-11-20T10:15:30.123Z`,
      CreatedAt: '2026-11-20T10:15:30.123Z',
      UpdatedAt: '2026-11-20T10:15:30.123Z',
      FirstObservedAt: '2026-11-20T10:15:30.123Z',
      LastObservedAt: '2026-11-20T10:15:30.123Z',
      Description:
        'A SOAR finding processor execution failed, timed out or was aborted: a finding was not handled.',
    });
    expect(finding.ProductFields).toEqual({
      IncidentDomain: 'INFRA',
      TicketDestination: 'TEAM',
      'aws/securityhub/ProductName': 'Default',
      'aws/securityhub/CompanyName': 'SOAR',
      'soar/alarm/name': 'INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH',
      'soar/alarm/arn': arn,
      'soar/alarm/kind': 'metric',
      'soar/alarm/account': '111122223333',
      'soar/alarm/region': 'eu-north-1',
      'soar/alarm/stateValue': 'ALARM',
      'soar/alarm/stateTimestamp': '2026-11-20T10:15:30.123Z',
      'soar/alarm/stateReason': event.detail.state['reason'],
      'soar/alarm/stateReasonData': event.detail.state['reasonData'],
      'soar/alarm/previousStateValue': 'OK',
      'soar/alarm/previousStateTimestamp': '2026-11-20T10:00:30.505Z',
      'soar/alarm/previousStateReason': event.detail.previousState['reason'],
      'soar/alarm/severitySource': 'name',
      'soar/alarm/domainSource': 'name',
      'soar/alarm/eventId': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'soar/alarm/namespace': 'AWS/States',
      'soar/alarm/metricName': 'ExecutionsFailed',
      'soar/alarm/dimensions':
        '{"StateMachineArn":"arn:aws:states:eu-north-1:111122223333:stateMachine:SOARASFFProcessor"}',
      'soar/alarm/statistic': 'Sum',
      'soar/alarm/period': '60',
      'soar/alarm/threshold': '1',
      'soar/alarm/comparisonOperator': 'GreaterThanOrEqualToThreshold',
      'soar/alarm/evaluationPeriods': '1',
      'soar/alarm/datapointsToAlarm': '1',
      'soar/alarm/recentDatapoints': '[1]',
    });
    expect(finding.Resources[1]).toEqual({
      Type: 'AwsStepFunctionStateMachine',
      Id: 'arn:aws:states:eu-north-1:111122223333:stateMachine:SOARASFFProcessor',
      Partition: 'aws',
      Region: 'eu-north-1',
      Details: {
        AwsStepFunctionStateMachine: {
          StateMachineArn: 'arn:aws:states:eu-north-1:111122223333:stateMachine:SOARASFFProcessor',
          Name: 'SOARASFFProcessor',
        },
      },
    });
    expect(finding.Resources[0]?.Details?.Other).toMatchObject({
      alarmName: 'INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH',
      alarmArn: arn,
      kind: 'metric',
      namespace: 'AWS/States',
      metricName: 'ExecutionsFailed',
      threshold: '1',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('reads M-out-of-N evaluation from the reason text and builds the function ARN', () => {
    const finding = convert(loadAlarmEvent('metric-lambda-medium'));
    expect(finding.ProductFields).toMatchObject({
      'soar/alarm/evaluationPeriods': '3',
      'soar/alarm/datapointsToAlarm': '2',
      'soar/alarm/comparisonOperator': 'GreaterThanThreshold',
      'soar/alarm/dimensions': '{"FunctionName":"payments"}',
    });
    expect(finding.Resources[1]).toMatchObject({
      Type: 'AwsLambdaFunction',
      Id: 'arn:aws:lambda:eu-west-1:111122223333:function:payments',
      Details: { AwsLambdaFunction: { FunctionName: 'payments' } },
    });
  });

  it('carries the expression and every query of a metric-math alarm, and each function once', () => {
    const finding = convert(loadAlarmEvent('metric-math-critical'));
    const fields = finding.ProductFields ?? {};
    expect(fields['soar/alarm/expression']).toBe('100 * (m1 + m3) / (m2 + m4)');
    expect(fields['soar/alarm/namespace']).toBeUndefined();
    const metrics = JSON.parse(fields['soar/alarm/metrics'] ?? '[]') as { id: string }[];
    expect(metrics.map((query) => query.id)).toEqual(['e1', 'm1', 'm2', 'm3', 'm4']);
    expect(fields['soar/alarm/period']).toBe('300');
    expect(fields['soar/alarm/threshold']).toBe('5');
    expect(fields['soar/alarm/previousStateValue']).toBe('INSUFFICIENT_DATA');
    expect(finding.Resources.slice(1).map((resource) => resource.Id)).toEqual([
      'arn:aws:lambda:us-east-1:111122223333:function:checkout-api',
      'arn:aws:lambda:us-east-1:111122223333:function:checkout-worker',
    ]);
  });

  it('carries the rule, the triggering alarms and the suppression of a composite alarm', () => {
    const finding = convert(loadAlarmEvent('composite-low'));
    expect(finding.ProductFields).toMatchObject({
      'soar/alarm/alarmRule':
        'ALARM("APP-Payments-Lambda-Errors-MEDIUM") OR ALARM("APP-Payments-Lambda-Throttles-MEDIUM")',
      'soar/alarm/triggeringAlarms':
        '["arn:aws:cloudwatch:eu-west-1:111122223333:alarm:APP-Payments-Lambda-Errors-MEDIUM"]',
      'soar/alarm/actionsSuppressor': 'INFRA-Payments-Maintenance',
      'soar/alarm/actionsSuppressedBy': 'WaitPeriod',
    });
  });

  it('carries the band of an anomaly detection alarm', () => {
    const finding = convert(loadAlarmEvent('anomaly-detection-lowercase-informational'));
    expect(finding.ProductFields).toMatchObject({
      'soar/alarm/expression': 'ANOMALY_DETECTION_BAND(m1, 0.8)',
      'soar/alarm/namespace': 'AWS/EC2',
      'soar/alarm/comparisonOperator': 'LessThanLowerOrGreaterThanUpperThreshold',
      'soar/alarm/recentLowerThresholds': '[0.020599444741798756]',
      'soar/alarm/recentUpperThresholds': '[0.3006915352732461]',
    });
  });

  it('reads how missing data was treated', () => {
    expect(
      convert(loadAlarmEvent('missing-data-breaching-high')).ProductFields?.['soar/alarm/treatMissingData'],
    ).toBe('breaching');
  });

  it('prefers evaluation settings the configuration carries over what it reads from the reason', () => {
    const event = loadAlarmEvent('metric-lambda-medium');
    Object.assign(event.detail.configuration, {
      evaluationPeriods: 5,
      datapointsToAlarm: 4,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      threshold: 2,
    });
    expect(convert(event).ProductFields).toMatchObject({
      'soar/alarm/evaluationPeriods': '5',
      'soar/alarm/datapointsToAlarm': '4',
      'soar/alarm/comparisonOperator': 'GreaterThanOrEqualToThreshold',
      'soar/alarm/treatMissingData': 'notBreaching',
      'soar/alarm/threshold': '2',
    });
  });

  it('gives an alarm without severity the default severity and a warning, not a silent drop', () => {
    // Act
    const result = alarmToFinding(
      loadAlarmEvent('no-severity'),
      parseAlarmFindingConfig({ defaultSeverity: 'LOW' }),
    );

    // Assert
    expect(result.kind).toBe('finding');
    if (result.kind !== 'finding') return;
    expect(result.finding.Severity.Label).toBe('LOW');
    expect(result.finding.ProductFields?.['soar/alarm/severitySource']).toBe('default');
    expect(result.finding.ProductFields?.['IncidentDomain']).toBe('APP');
    expect(result.warnings).toEqual([
      expect.stringMatching(/no severity segment .*default severity LOW/),
      expect.stringMatching(/no domain segment .*default domain APP/),
    ]);
    expect(JSON.parse(result.finding.ProductFields?.['soar/alarm/warnings'] ?? '[]')).toHaveLength(2);
  });

  it.each([
    ['ok-transition', 'OK'],
    ['insufficient-data', 'INSUFFICIENT_DATA'],
  ])('ignores the %s event (to %s) with a reason', (variant, state) => {
    const result = alarmToFinding(loadAlarmEvent(variant));
    expect(result).toEqual({
      kind: 'ignored',
      code: 'not-in-alarm',
      reason: `The alarm went to ${state}, not ALARM: no finding.`,
      alarmName: loadAlarmEvent(variant).detail.alarmName,
      accountId: '111122223333',
      region: loadAlarmEvent(variant).region,
    });
  });

  it('suppresses CIS alarms with a reason', () => {
    expect(alarmToFinding(loadAlarmEvent('cis-unauthorized-api-calls'))).toMatchObject({
      kind: 'ignored',
      code: 'suppressed',
      reason: 'The alarm is suppressed by its first segment "CIS": no finding.',
    });
  });

  it('does not suppress INFRA-PRECIS-HIGH (the original suppressed every "CIS-" substring)', () => {
    const event = anAlarmStateChangeEvent({ alarmName: 'INFRA-PRECIS-HIGH' });
    expect(convert(event).Severity.Label).toBe('HIGH');
  });

  it('uses the configured finding type', () => {
    const finding = findingOf(
      alarmToFinding(
        loadAlarmEvent('metric-lambda-medium'),
        parseAlarmFindingConfig({ alarmType: 'acme-alarms' }),
      ),
    );
    expect(finding.Types).toEqual(['Software and Configuration Checks/CloudWatch Alarms/acme-alarms']);
  });

  it('turns every fixture into a finding that validates, or ignores it with a reason', () => {
    for (const variant of alarmEventVariants()) {
      const result = alarmToFinding(loadAlarmEvent(variant));
      if (result.kind === 'finding')
        expect(AwsSecurityFindingSchema.safeParse(result.finding).success).toBe(true);
      else expect(result.reason).toMatch(/no finding/);
    }
  });
});

describe('Function: alarmToFinding, the @soar/testing builder', () => {
  const severities = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
  const kinds = ['metric', 'metric-math', 'composite'] as const;
  const cases = kinds.flatMap((kind) =>
    severities.flatMap((severity) =>
      (['INFRA', 'APP'] as const).map((domain) => [kind, severity, domain] as const),
    ),
  );

  it.each(cases)('a %s alarm %s in %s', (kind, severity, domain) => {
    const event = anAlarmStateChangeEvent({ kind, alarmName: `${domain}-Payments-Errors-${severity}` });

    const finding = convert(event);

    expect(AwsSecurityFindingSchema.safeParse(finding).success).toBe(true);
    expect(finding.Severity.Label).toBe(severity);
    expect(finding.ProductFields?.['IncidentDomain']).toBe(domain);
    expect(finding.Resources.map((resource) => resource.Type)).toEqual(
      kind === 'composite' ? ['Other'] : ['Other', 'AwsLambdaFunction'],
    );
  });
});

describe('Finding id', () => {
  it('is the same for a re-delivery, whatever the event id and the offset notation', () => {
    // Arrange
    const event = loadAlarmEvent('metric-lambda-medium');
    const redelivered = structuredClone(event);
    redelivered['id'] = 'another-delivery-of-the-same-event';
    redelivered.detail.state['timestamp'] = '2026-11-20T12:02:10.317+01:00';

    // Act & Assert
    expect(convert(redelivered).Id).toBe(convert(event).Id);
    expect(convert(event).Id).toBe(
      alarmFindingId(
        'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:APP-Payments-Lambda-Errors-MEDIUM',
        '2026-11-20T11:02:10.317Z',
      ),
    );
  });

  it('differs for two transitions into ALARM', () => {
    const first = loadAlarmEvent('metric-lambda-medium');
    const second = structuredClone(first);
    second.detail.state['timestamp'] = '2026-11-20T11:20:00.001+0000';
    expect(convert(second).Id).not.toBe(convert(first).Id);
  });

  it('differs for alarms of the same name in two regions or accounts', () => {
    const west = anAlarmStateChangeEvent({ region: 'eu-west-1' });
    const north = {
      ...west,
      region: 'eu-north-1',
      resources: [west.resources[0]?.replace('eu-west-1', 'eu-north-1') ?? ''],
    };
    expect(convert(north).Id).not.toBe(convert(west).Id);
    expect(convert(north).ProductArn).toContain(':eu-north-1:');
  });
});

describe('Partitions and cross-account metrics', () => {
  it('keeps the partition of the alarm ARN', () => {
    const event = anAlarmStateChangeEvent({ region: 'us-gov-west-1' });
    event.resources = [event.resources[0]?.replace('arn:aws:', 'arn:aws-us-gov:') ?? ''];
    const finding = convert(event);
    expect(finding.ProductArn).toMatch(/^arn:aws-us-gov:securityhub:us-gov-west-1:/);
    expect(finding.Resources[1]?.Id).toMatch(/^arn:aws-us-gov:lambda:us-gov-west-1:/);
  });

  it('derives the partition from the region when the event names no resource', () => {
    const event = { ...anAlarmStateChangeEvent({ region: 'cn-north-1' }), resources: [] };
    expect(convert(event).ProductArn).toMatch(/^arn:aws-cn:securityhub:cn-north-1:/);
  });

  it('builds the function ARN in the account the metric is read from', () => {
    const event = loadAlarmEvent('metric-lambda-medium');
    const metrics = event.detail.configuration['metrics'] as Record<string, unknown>[];
    Object.assign(metrics[0] ?? {}, { accountId: '444455556666' });
    const finding = convert(event);
    expect(finding.Resources[1]?.Id).toBe('arn:aws:lambda:eu-west-1:444455556666:function:payments');
    expect(finding.ProductFields?.['soar/alarm/metricAccountId']).toBe('444455556666');
  });

  it('skips dimension values that are no state machine ARN or function name', () => {
    const event = loadAlarmEvent('metric-stepfunctions-high');
    const [query] = event.detail.configuration['metrics'] as {
      metricStat: { metric: { dimensions: Record<string, string> } };
    }[];
    if (query === undefined) throw new Error('fixture without metrics');
    query.metricStat.metric.dimensions['StateMachineArn'] = 'not an arn';
    expect(convert(event).Resources.map((resource) => resource.Type)).toEqual(['Other']);
  });
});

describe('ASFF limits', () => {
  it('cuts long values, lists them, and stays within 50 product fields', () => {
    // Arrange: a long reason, description and many dimensions
    const event = loadAlarmEvent('metric-lambda-medium');
    event.detail.state['reason'] = `Threshold Crossed: ${'x'.repeat(5000)}`;
    event.detail.configuration['description'] = 'd'.repeat(3000);
    const [query] = event.detail.configuration['metrics'] as {
      metricStat: { metric: { dimensions: Record<string, string> } };
    }[];
    if (query === undefined) throw new Error('fixture without metrics');
    for (let index = 0; index < 30; index += 1)
      query.metricStat.metric.dimensions[`Dimension${index}`] = 'v'.repeat(255);

    // Act
    const result = alarmToFinding(event);

    // Assert
    if (result.kind !== 'finding') throw new Error('expected a finding');
    const fields: Record<string, string> = result.finding.ProductFields ?? {};
    expect(Object.keys(fields).length).toBeLessThanOrEqual(50);
    for (const [key, value] of Object.entries(fields)) {
      expect(key.length).toBeLessThanOrEqual(128);
      expect(value.length).toBeLessThanOrEqual(2048);
    }
    expect(JSON.parse(fields['soar/alarm/truncated'] ?? '[]')).toContain('soar/alarm/stateReason');
    expect(() => JSON.parse(fields['soar/alarm/dimensions'] ?? '')).not.toThrow();
    expect(result.finding.Description).toHaveLength(1024);
    const other: Record<string, string> = result.finding.Resources[0]?.Details?.Other ?? {};
    for (const value of Object.values(other)) expect(value.length).toBeLessThan(1024);
    expect(result.warnings).toContainEqual(expect.stringMatching(/cut to fit ASFF limits/));
    expect(AwsSecurityFindingSchema.safeParse(result.finding).success).toBe(true);
  });

  it('describes the alarm by its state reason when it has no description', () => {
    const event = loadAlarmEvent('metric-lambda-medium');
    delete event.detail.configuration['description'];
    expect(convert(event).Description).toBe(event.detail.state['reason']);
  });
});

describe('Malformed events', () => {
  type Edit = (event: EventDocument) => void;
  const cases: [string, Edit, string, RegExp][] = [
    [
      'no alarm name',
      (e) => void delete (e.detail as Partial<EventDocument['detail']>).alarmName,
      'detail.alarmName',
      /Invalid/,
    ],
    ['a blank alarm name', (e) => void (e.detail.alarmName = '  '), 'detail.alarmName', /blank/],
    [
      'an alarm name over 255 characters',
      (e) => void (e.detail.alarmName = `INFRA-${'x'.repeat(300)}-HIGH`),
      'detail.alarmName',
      /255/,
    ],
    [
      'no state',
      (e) => void delete (e.detail as Partial<EventDocument['detail']>).state,
      'detail.state',
      /Invalid/,
    ],
    ['a bad state value', (e) => void (e.detail.state['value'] = 'FIRING'), 'detail.state.value', /Invalid/],
    [
      'a bad state timestamp',
      (e) => void (e.detail.state['timestamp'] = 'yesterday'),
      'detail.state.timestamp',
      /timestamp/,
    ],
    [
      'no configuration',
      (e) => void delete (e.detail as Partial<EventDocument['detail']>).configuration,
      'detail.configuration',
      /Invalid/,
    ],
    ['no account', (e) => void delete (e as Partial<EventDocument>).account, 'account', /Invalid/],
    ['a bad account', (e) => void (e.account = '12345'), 'account', /12 digits/],
    ['a bad region', (e) => void (e.region = 'Europe'), 'region', /region/],
    ['a region name too long', (e) => void (e.region = `eu-${'west'.repeat(10)}-1`), 'region', /region/],
    ['another source', (e) => void (e['source'] = 'aws.ec2'), 'source', /Invalid/],
    [
      'resources naming another alarm',
      (e) => void (e.resources = ['arn:aws:cloudwatch:eu-west-1:111122223333:alarm:Other']),
      'resources',
      /names no ARN of this alarm/,
    ],
  ];

  it.each(cases)('rejects %s, naming the field', (_label, change, field, message) => {
    // Arrange
    const event = loadAlarmEvent('metric-lambda-medium');
    change(event);

    // Act
    const error = errorOf(event);

    // Assert
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^Not a CloudWatch alarm state change event that can become a finding: /);
  });

  it.each([null, undefined, 42, 'event', [], {}])('rejects %p', (input) => {
    expect(errorOf(input)).toBeInstanceOf(AlarmEventError);
  });

  it('keeps the account and the cause', () => {
    const event = loadAlarmEvent('metric-lambda-medium');
    event.detail.state['value'] = 'FIRING';
    const error = errorOf(event);
    expect(error.accountId).toBe('111122223333');
    expect(error.cause).toBeInstanceOf(Error);
  });
});
