import { AsffValidationError, parseAlarmStateChangeEvent, safeParseAlarmStateChangeEvent } from '../src';
import { isCompositeAlarmConfiguration } from '../src/events/cloudwatch-alarm-state-change-event';
import { parseAlarmReasonData } from '../src/events/cloudwatch-alarm-reason-data';
import { DELETE, edit, type JsonPath } from './helpers/edit';
import { listEvents, loadEvent } from './helpers/load-event';

describe('Function: parseAlarmStateChangeEvent', () => {
  it.each(listEvents('aws.cloudwatch'))('parses the %s fixture and returns it unchanged', (variant) => {
    // Arrange
    const input = loadEvent('aws.cloudwatch', variant);

    // Act
    const event = parseAlarmStateChangeEvent(input);

    // Assert
    expect(JSON.parse(JSON.stringify(event))).toStrictEqual(input);
  });

  it('parses a single metric alarm', () => {
    // Arrange
    const input = loadEvent('aws.cloudwatch', 'alarm-state-change-metric');

    // Act
    const { detail } = parseAlarmStateChangeEvent(input);

    // Assert
    expect(detail.alarmName).toBe('ServerCpuTooHigh');
    expect(detail.state.value).toBe('ALARM');
    expect(detail.previousState.value).toBe('OK');
    expect(isCompositeAlarmConfiguration(detail.configuration)).toBe(false);
    if (!isCompositeAlarmConfiguration(detail.configuration)) {
      const [query] = detail.configuration.metrics;
      expect(query?.metricStat).toStrictEqual({
        metric: {
          dimensions: { InstanceId: 'i-12345678901234567' },
          name: 'CPUUtilization',
          namespace: 'AWS/EC2',
        },
        period: 300,
        stat: 'Average',
      });
      expect(query?.returnData).toBe(true);
    }
    expect(detail.muteDetail?.mutedByArn).toBe(
      'arn:aws:cloudwatch:us-east-1:1234567890:alarm-mute-rule:testMute',
    );
  });

  it('parses a metric math alarm', () => {
    // Arrange
    const input = loadEvent('aws.cloudwatch', 'alarm-state-change-metric-math');

    // Act
    const { detail } = parseAlarmStateChangeEvent(input);

    // Assert
    if (isCompositeAlarmConfiguration(detail.configuration)) throw new Error('Expected a metric alarm');
    const [expression, networkIn] = detail.configuration.metrics;
    expect(expression).toStrictEqual({
      expression: 'SUM(METRICS())',
      id: 'e1',
      label: 'Total Network Traffic',
      returnData: true,
    });
    expect(networkIn?.metricStat?.metric.name).toBe('NetworkIn');
    expect(detail.previousState.value).toBe('INSUFFICIENT_DATA');
  });

  it('parses a composite alarm with an actions suppressor', () => {
    // Arrange
    const input = loadEvent('aws.cloudwatch', 'alarm-state-change-composite');

    // Act
    const { detail } = parseAlarmStateChangeEvent(input);

    // Assert
    expect(isCompositeAlarmConfiguration(detail.configuration)).toBe(true);
    if (isCompositeAlarmConfiguration(detail.configuration)) {
      expect(detail.configuration).toStrictEqual({
        alarmRule: 'ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)',
        actionsSuppressor: 'ServiceMaintenanceAlarm',
        actionsSuppressorWaitPeriod: 120,
        actionsSuppressorExtensionPeriod: 180,
      });
    }
    expect(detail.state.actionsSuppressedBy).toBe('WaitPeriod');
    expect(detail.state.actionsSuppressedReason).toBe('Actions suppressed by WaitPeriod');
  });

  it('parses anomaly detection and Metrics Insights alarms', () => {
    // Arrange
    const anomaly = loadEvent('aws.cloudwatch', 'alarm-state-change-anomaly-detection');
    const insights = loadEvent('aws.cloudwatch', 'alarm-state-change-metrics-insights');

    // Act
    const [anomalyEvent, insightsEvent] = [anomaly, insights].map(parseAlarmStateChangeEvent);

    // Assert
    const expressions = [anomalyEvent, insightsEvent].flatMap((event) =>
      event !== undefined && !isCompositeAlarmConfiguration(event.detail.configuration)
        ? event.detail.configuration.metrics.flatMap((query) => query.expression ?? [])
        : [],
    );
    expect(expressions).toStrictEqual([
      'ANOMALY_DETECTION_BAND(m1, 0.8)',
      'SELECT AVG(ConsumedWriteCapacityUnits) FROM "AWS/DynamoDB" GROUP BY TableName ORDER BY MAX() DESC',
    ]);
  });

  it('keeps the tags of an alarm with tag propagation', () => {
    // Arrange
    const input = loadEvent('aws.cloudwatch', 'alarm-state-change-metric');
    edit(input, ['detail', 'alarmTags'], { Team: 'payments', Severity: 'high' });
    edit(input, ['detail', 'alarmTagsStatus'], 'Available');

    // Act
    const { detail } = parseAlarmStateChangeEvent(input);

    // Assert
    expect(detail.alarmTags).toStrictEqual({ Team: 'payments', Severity: 'high' });
    expect(detail.alarmTagsStatus).toBe('Available');
  });

  describe('when the event is malformed', () => {
    it.each<[string, string, JsonPath, unknown, string]>([
      [
        'an unknown state',
        'alarm-state-change-metric',
        ['detail', 'state', 'value'],
        'FIRING',
        'detail.state.value',
      ],
      [
        'a state timestamp that is not ISO 8601',
        'alarm-state-change-metric',
        ['detail', 'previousState', 'timestamp'],
        '01/10/19 13:56:40',
        'detail.previousState.timestamp',
      ],
      [
        'no previous state',
        'alarm-state-change-metric',
        ['detail', 'previousState'],
        DELETE,
        'detail.previousState',
      ],
      ['no alarm name', 'alarm-state-change-metric', ['detail', 'alarmName'], DELETE, 'detail.alarmName'],
      [
        'a metric query with neither metricStat nor expression',
        'alarm-state-change-metric',
        ['detail', 'configuration', 'metrics', 0, 'metricStat'],
        DELETE,
        'detail.configuration.metrics[0].metricStat',
      ],
      [
        'a metric without a namespace',
        'alarm-state-change-metric-math',
        ['detail', 'configuration', 'metrics', 2, 'metricStat', 'metric', 'namespace'],
        DELETE,
        'detail.configuration.metrics[2].metricStat.metric.namespace',
      ],
      [
        'a dimension that is not a string',
        'alarm-state-change-metric',
        ['detail', 'configuration', 'metrics', 0, 'metricStat', 'metric', 'dimensions', 'InstanceId'],
        7,
        'detail.configuration.metrics[0].metricStat.metric.dimensions.InstanceId',
      ],
      [
        'an unknown suppression reason',
        'alarm-state-change-composite',
        ['detail', 'state', 'actionsSuppressedBy'],
        'Maintenance',
        'detail.state.actionsSuppressedBy',
      ],
      [
        'a composite alarm rule that is not a string',
        'alarm-state-change-composite',
        ['detail', 'configuration', 'alarmRule'],
        ['ALARM(ServerCpuTooHigh)'],
        'detail.configuration.alarmRule',
      ],
      [
        'another detail-type',
        'alarm-state-change-metric',
        ['detail-type'],
        'CloudWatch Alarm Configuration Change',
        'detail-type',
      ],
    ])('rejects %s with the path of the field', (_name, variant, where, value, path) => {
      // Arrange
      const input = loadEvent('aws.cloudwatch', variant);
      edit(input, where, value);

      // Act
      const result = safeParseAlarmStateChangeEvent(input);

      // Assert
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.error).toBeInstanceOf(AsffValidationError);
        expect(result.error.issues.map((issue) => issue.path)).toStrictEqual([path]);
        expect(result.error.accountId).toBe('123456789012');
        expect(result.error.resourceArn).toMatch(/^arn:aws:cloudwatch:us-east-1:123456789012:alarm:/);
      }
    });

    it('throws from the throwing variant', () => {
      // Arrange
      const input = loadEvent('aws.securityhub', 'custom-action');

      // Act
      const act = () => parseAlarmStateChangeEvent(input);

      // Assert
      expect(act).toThrow(AsffValidationError);
      expect(act).toThrow(/^Invalid CloudWatch alarm state change event: detail-type: .*; source: /);
    });
  });
});

describe('Function: parseAlarmReasonData', () => {
  it('decodes the triggering alarms of a composite alarm', () => {
    // Arrange
    const { detail } = parseAlarmStateChangeEvent(
      loadEvent('aws.cloudwatch', 'alarm-state-change-composite'),
    );

    // Act
    const reason = parseAlarmReasonData(detail.previousState.reasonData);

    // Assert
    expect(reason?.kind).toBe('composite');
    if (reason?.kind === 'composite') {
      expect(reason.data.triggeringAlarms.map((alarm) => [alarm.arn, alarm.state.value])).toStrictEqual([
        ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:TotalNetworkTrafficTooHigh', 'OK'],
        ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh', 'OK'],
      ]);
    }
  });

  it('decodes the datapoints of a metric alarm', () => {
    // Arrange
    const { detail } = parseAlarmStateChangeEvent(
      loadEvent('aws.cloudwatch', 'alarm-state-change-anomaly-detection'),
    );

    // Act
    const reason = parseAlarmReasonData(detail.state.reasonData);

    // Assert
    expect(reason).toStrictEqual({
      kind: 'metric',
      data: {
        version: '1.0',
        queryDate: '2019-10-03T16:00:04.650+0000',
        startDate: '2019-10-03T15:58:00.000+0000',
        period: 60,
        recentDatapoints: [0.0],
        recentLowerThresholds: [0.020599444741798756],
        recentUpperThresholds: [0.3006915352732461],
      },
    });
  });

  it.each([
    ['absent', undefined],
    ['not JSON', '{"version":'],
    ['JSON of another shape', '{"answer":42}'],
    ['a JSON string', '"triggeringAlarms"'],
  ])('returns undefined when the reason data is %s', (_name, reasonData) => {
    // Act
    const reason = parseAlarmReasonData(reasonData);

    // Assert
    expect(reason).toBeUndefined();
  });
});
