/**
 * What moto cannot serve, with aws-sdk-client-mock: composite alarms (moto has no
 * PutCompositeAlarm) and execution histories whose failure is a Lambda task (moto's histories are
 * fixed), with the request parameters the adapters send.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';

import { enrichAlarmContext } from '../src';
import { awsEnrichmentPorts, cloudWatchAlarmSource } from '../src/aws';

const AT = new Date('2026-05-01T10:15:00.000Z');
const SM = 'arn:aws:states:eu-west-1:111122223333:stateMachine:orders';
const FN = 'arn:aws:lambda:eu-west-1:111122223333:function:charge';
const signal = new AbortController().signal;

describe('Adapter: cloudWatchAlarmSource', () => {
  it('maps metric math and composite alarms', async () => {
    const cloudwatch = mockClient(CloudWatchClient);
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: 'm',
          EvaluationPeriods: 3,
          Metrics: [
            { Id: 'e1', Expression: 'm1 * 2', ReturnData: true },
            {
              Id: 'm1',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/States',
                  MetricName: 'ExecutionsFailed',
                  Dimensions: [{ Name: 'StateMachineArn', Value: SM }],
                },
                Period: 60,
                Stat: 'Sum',
              },
            },
          ],
        },
      ],
      CompositeAlarms: [
        {
          AlarmName: 'c',
          AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:c',
          AlarmRule: 'ALARM(m)',
        },
      ],
    });
    const found = await cloudWatchAlarmSource(new CloudWatchClient({})).describeAlarms(['m', 'c'], signal);
    expect(found).toEqual([
      {
        kind: 'metric',
        name: 'm',
        arn: undefined,
        metric: undefined,
        metrics: [
          {
            id: 'e1',
            namespace: undefined,
            metricName: undefined,
            dimensions: {},
            period: undefined,
            expression: 'm1 * 2',
            accountId: undefined,
          },
          {
            id: 'm1',
            namespace: 'AWS/States',
            metricName: 'ExecutionsFailed',
            dimensions: { StateMachineArn: SM },
            period: 60,
            expression: undefined,
            accountId: undefined,
          },
        ],
        period: undefined,
        evaluationPeriods: 3,
        datapointsToAlarm: undefined,
      },
      {
        kind: 'composite',
        name: 'c',
        arn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:c',
        metrics: [],
        alarmRule: 'ALARM(m)',
      },
    ]);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toEqual({
      AlarmNames: ['m', 'c'],
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      MaxRecords: 100,
      NextToken: undefined,
    });
  });
});

describe('Workflow: a composite alarm over a state machine whose Lambda task failed', () => {
  it('reads the children, the failing function and its error lines', async () => {
    const cloudwatch = mockClient(CloudWatchClient);
    cloudwatch.on(DescribeAlarmsCommand, { AlarmNames: ['INFRA-Checkout-HIGH'] }).resolves({
      CompositeAlarms: [
        { AlarmName: 'INFRA-Checkout-HIGH', AlarmRule: 'ALARM("orders-failed") OR ALARM(nested)' },
      ],
    });
    cloudwatch.on(DescribeAlarmsCommand, { AlarmNames: ['orders-failed', 'nested'] }).resolves({
      MetricAlarms: [
        {
          AlarmName: 'orders-failed',
          Namespace: 'AWS/States',
          MetricName: 'ExecutionsFailed',
          Dimensions: [{ Name: 'StateMachineArn', Value: SM }],
          Period: 300,
          EvaluationPeriods: 2,
        },
      ],
      CompositeAlarms: [{ AlarmName: 'nested', AlarmRule: 'ALARM(latency)' }],
    });
    cloudwatch.on(DescribeAlarmsCommand, { AlarmNames: ['latency'] }).resolves({
      MetricAlarms: [
        {
          AlarmName: 'latency',
          Namespace: 'AWS/ApiGateway',
          MetricName: 'Latency',
          Period: 60,
          EvaluationPeriods: 3,
        },
      ],
    });
    const sfn = mockClient(SFNClient);
    sfn.on(ListExecutionsCommand).resolves({ executions: [] });
    sfn.on(ListExecutionsCommand, { statusFilter: 'FAILED' }).resolves({
      executions: [
        {
          executionArn: `${SM.replace('stateMachine', 'execution')}:run-1`,
          stateMachineArn: SM,
          name: 'run-1',
          status: 'FAILED',
          startDate: new Date(AT.getTime() - 120_000),
          stopDate: new Date(AT.getTime() - 60_000),
        },
      ],
    });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          id: 6,
          type: 'ExecutionFailed',
          timestamp: AT,
          executionFailedEventDetails: { error: 'Lambda.Unknown', cause: 'Unhandled' },
        },
        {
          id: 5,
          type: 'LambdaFunctionFailed',
          timestamp: AT,
          lambdaFunctionFailedEventDetails: { error: 'Lambda.Unknown', cause: 'Unhandled' },
        },
        { id: 4, type: 'LambdaFunctionStarted', timestamp: AT },
        {
          id: 3,
          type: 'LambdaFunctionScheduled',
          timestamp: AT,
          lambdaFunctionScheduledEventDetails: { resource: `${FN}:live` },
        },
        { id: 2, type: 'TaskStateEntered', timestamp: AT, stateEnteredEventDetails: { name: 'Charge card' } },
      ],
    });
    const logs = mockClient(CloudWatchLogsClient);
    logs.on(FilterLogEventsCommand).resolves({
      events: [
        {
          timestamp: AT.getTime() - 61_000,
          message: 'Task timed out after 3.00 seconds',
          logStreamName: 's',
        },
      ],
    });

    const context = await enrichAlarmContext(
      {
        ...awsEnrichmentPorts(
          {
            cloudwatch: new CloudWatchClient({}),
            stepFunctions: new SFNClient({}),
            logs: new CloudWatchLogsClient({}),
            dynamodb: new DynamoDBClient({}),
          },
          { historyTableName: 't' },
        ),
        history: undefined,
      },
      {
        alarmName: 'INFRA-Checkout-HIGH',
        accountId: '111122223333',
        region: 'eu-west-1',
        stateChangeTime: AT.toISOString(),
      },
    );
    expect(context.alarm).toMatchObject({
      kind: 'composite',
      children: ['orders-failed', 'nested', 'latency'],
      namespaces: ['AWS/States', 'AWS/ApiGateway'],
    });
    expect(context.alarm_correlation.evaluation_window).toMatchObject({
      source: 'children',
      period_seconds: 300,
      evaluation_periods: 2,
    });
    expect(context.failed_executions[0]).toMatchObject({
      failure_details: {
        failing_state: 'Charge card',
        event_type: 'LambdaFunctionFailed',
        failed_lambda_arn: FN,
      },
      logs_summary: 'Task timed out after 3.00 seconds',
    });
    expect(sfn.commandCalls(GetExecutionHistoryCommand)[0]?.args[0].input).toMatchObject({
      reverseOrder: true,
      maxResults: 100,
    });
    const search = logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input;
    expect(search).toMatchObject({
      logGroupName: '/aws/lambda/charge',
      startTime: AT.getTime() - 120_000,
      endTime: AT.getTime() - 50_000,
    });
    expect(search?.filterPattern).toContain('?"Task timed out"');
  });
});
