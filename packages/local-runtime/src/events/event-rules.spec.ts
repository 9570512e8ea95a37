import { loadEvent, loadTemplate, WORKFLOW_IDS } from '../../tests/load-fixture';
import { type CloudFormationTemplate } from '../cloudformation/template';
import { matchesEventPattern, validateEventPattern } from './event-pattern';
import { extractEventRules } from './event-rules';

describe('Function: extractEventRules', () => {
  it('extracts the synthesized rules with their targets, DLQ and retry policy', () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const rules = extractEventRules(template);

    // Assert
    expect(rules).toEqual([
      {
        logicalId: WORKFLOW_IDS.findingsRule,
        constructPath: 'SoarWorkflowStack/FindingsImportedRule',
        eventBusName: 'default',
        eventPattern: template.Resources[WORKFLOW_IDS.findingsRule]?.Properties?.['EventPattern'],
        enabled: true,
        targets: [
          {
            id: 'Target0',
            arn: `arn:aws:states:us-east-1:123456789012:stateMachine:${WORKFLOW_IDS.machine}`,
            targetLogicalId: WORKFLOW_IDS.machine,
            roleArn: 'arn:aws:iam::123456789012:role/TriageWorkflowEventsRole69DCB166',
            retryPolicy: { maximumRetryAttempts: 4, maximumEventAgeInSeconds: 3600 },
          },
        ],
      },
      {
        logicalId: WORKFLOW_IDS.alarmRule,
        constructPath: 'SoarWorkflowStack/AlarmToFindingRule',
        eventBusName: 'default',
        eventPattern: {
          source: ['aws.cloudwatch'],
          'detail-type': ['CloudWatch Alarm State Change'],
          detail: { state: { value: ['ALARM'] }, alarmName: [{ prefix: 'SOAR-' }] },
        },
        enabled: true,
        targets: [
          {
            id: 'Target0',
            arn: `arn:aws:lambda:us-east-1:123456789012:function:${WORKFLOW_IDS.dispatch}`,
            targetLogicalId: WORKFLOW_IDS.dispatch,
            inputPath: '$.detail',
            deadLetterArn: `arn:aws:sqs:us-east-1:123456789012:${WORKFLOW_IDS.queue}`,
            retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 7200 },
          },
        ],
      },
    ]);
  });

  it('gives valid patterns that route a Security Hub finding to the workflow and an alarm to the dispatcher', () => {
    // Arrange
    const rules = extractEventRules(loadTemplate('soar-workflow-stack'));
    const alarm = loadEvent('aws.cloudwatch/alarm-state-change');
    (alarm['detail'] as Record<string, unknown>)['alarmName'] = 'SOAR-root-login';
    const events = {
      securityHub: loadEvent('aws.securityhub/findings-imported-s3-8'),
      inspector: loadEvent('aws.securityhub/findings-imported-inspector'),
      alarm,
      otherAlarm: loadEvent('aws.cloudwatch/alarm-state-change'),
    };

    // Act
    const routed = Object.fromEntries(
      Object.entries(events).map(([name, event]) => [
        name,
        rules
          .filter((rule) => matchesEventPattern(rule.eventPattern, event))
          .flatMap((r) => r.targets.map((t) => t.targetLogicalId)),
      ]),
    );

    // Assert
    expect(rules.map((rule) => validateEventPattern(rule.eventPattern))).toEqual([[], []]);
    expect(routed).toEqual({
      securityHub: [WORKFLOW_IDS.machine],
      inspector: [],
      alarm: [WORKFLOW_IDS.dispatch],
      otherAlarm: [],
    });
  });

  it('reads a custom bus, a disabled state, a JSON string pattern and a constant input', () => {
    // Arrange
    const template: CloudFormationTemplate = {
      Resources: {
        Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'soar-bus' } },
        Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
        ByRef: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventBusName: { Ref: 'Bus' },
            State: 'DISABLED',
            EventPattern: '{"source":["soar"]}',
            Targets: [{ Id: 'T', Arn: { Ref: 'Topic' }, Input: '{"fixed":true}' }],
          },
        },
        ByArn: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventBusName: { 'Fn::GetAtt': ['Bus', 'Arn'] },
            EventPattern: { source: ['soar'] },
            Targets: [{ Id: 'T', Arn: 'arn:aws:sns:us-east-1:123456789012:Topic', Input: 'not json' }],
          },
        },
        Scheduled: {
          Type: 'AWS::Events::Rule',
          Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [] },
        },
      },
    };

    // Act
    const rules = extractEventRules(template);

    // Assert
    expect(rules.map((r) => [r.logicalId, r.eventBusName, r.enabled, r.eventPattern])).toEqual([
      ['ByRef', 'soar-bus', false, { source: ['soar'] }],
      ['ByArn', 'soar-bus', true, { source: ['soar'] }],
    ]);
    expect(rules.map((r) => r.targets[0])).toEqual([
      {
        id: 'T',
        arn: 'arn:aws:sns:us-east-1:123456789012:Topic',
        targetLogicalId: 'Topic',
        input: { fixed: true },
      },
      {
        id: 'T',
        arn: 'arn:aws:sns:us-east-1:123456789012:Topic',
        targetLogicalId: 'Topic',
        input: 'not json',
      },
    ]);
  });
});
