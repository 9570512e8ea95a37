/**
 * Enrichment against moto: CloudWatch DescribeAlarms, CloudWatch Logs FilterLogEvents, Step Functions
 * and DynamoDB (the incident history). moto's Step Functions records executions at its own clock and,
 * with SF_EXECUTION_HISTORY_TYPE=FAILURE, as FAILED with a fixed history (a Fail state "A State",
 * error "AnError"): its mode that really runs the ASL fails on a second execution of the same state
 * machine, so histories of Lambda task failures are tested in adapters.mock.spec.ts. The state-change
 * time is taken from the executions moto recorded, never asserted against the wall clock.
 */
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateStateMachineCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startMotoServer, type MotoServer } from '@soar/testing';

import {
  alarmHistoryKey,
  EnrichedContextSchema,
  enrichAlarmContext,
  incidentHistoryTableDefinition,
  renderEnrichedContext,
  type PatternClass,
  type TrendDirection,
} from '../src';
import { awsEnrichmentPorts, DynamoIncidentHistory, type EnrichmentClients } from '../src/aws';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const TABLE = 'incident-history';
const DAY = 86_400_000;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/sfn`;

let moto: MotoServer;
let clients: EnrichmentClients;
let history: DynamoIncidentHistory;
/** The state-change time of every alarm: just after the last execution moto recorded. */
let alarmTime: Date;
let ordersArn: string;

const config = () => ({
  endpoint: moto.endpoint,
  region: REGION,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

/** Any definition: with SF_EXECUTION_HISTORY_TYPE=FAILURE moto records every execution as FAILED. */
const ORDERS = { StartAt: 'Charge card', States: { 'Charge card': { Type: 'Fail', Error: 'CardDeclined' } } };

async function metricAlarm(name: string, namespace: string, dimension: [string, string]): Promise<void> {
  await clients.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: namespace,
      MetricName: namespace === 'AWS/States' ? 'ExecutionsFailed' : 'Errors',
      Dimensions: [{ Name: dimension[0], Value: dimension[1] }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 10,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  );
}

async function seedHistory(alarmName: string, daysAgo: readonly number[]): Promise<void> {
  for (const [index, days] of daysAgo.entries())
    await history.record({
      alarmKey: alarmHistoryKey({ accountId: ACCOUNT, region: REGION, alarmName }),
      occurredAt: new Date(alarmTime.getTime() - days * DAY),
      incidentId: `${alarmName}/${index}`,
      alarmName,
      accountId: ACCOUNT,
      region: REGION,
      severity: 'HIGH',
    });
}

const input = (alarmName: string) => ({
  alarmName,
  accountId: ACCOUNT,
  region: REGION,
  stateChangeTime: alarmTime.toISOString(),
  incidentId: `${alarmName}/current`,
});

beforeAll(async () => {
  moto = await startMotoServer({ env: { ...process.env, SF_EXECUTION_HISTORY_TYPE: 'FAILURE' } });
  clients = {
    cloudwatch: new CloudWatchClient(config()),
    stepFunctions: new SFNClient(config()),
    logs: new CloudWatchLogsClient(config()),
    dynamodb: new DynamoDBClient(config()),
  };
  history = new DynamoIncidentHistory({ dynamodb: clients.dynamodb, tableName: TABLE });
  await clients.dynamodb.send(new CreateTableCommand(incidentHistoryTableDefinition(TABLE)));

  const sfn = clients.stepFunctions;
  const machine = await sfn.send(
    new CreateStateMachineCommand({ name: 'orders', roleArn: ROLE, definition: JSON.stringify(ORDERS) }),
  );
  ordersArn = machine.stateMachineArn ?? '';
  for (let index = 0; index < 4; index += 1)
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: ordersArn, name: `run-${index}`, input: '{}' }),
    );
  const held = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: ordersArn, name: 'held', input: '{}' }),
  );
  await sfn.send(
    new StopExecutionCommand({
      executionArn: held.executionArn,
      error: 'Operator',
      cause: 'stopped by hand',
    }),
  );

  const executions =
    (await sfn.send(new ListExecutionsCommand({ stateMachineArn: ordersArn }))).executions ?? [];
  const lastStop = Math.max(...executions.map((e) => (e.stopDate ?? e.startDate ?? new Date(0)).getTime()));
  alarmTime = new Date(lastStop + 1_000);

  await metricAlarm('INFRA-Orders-SM-Failure-HIGH', 'AWS/States', ['StateMachineArn', ordersArn]);
  await metricAlarm('INFRA-Gone-SM-Failure-HIGH', 'AWS/States', [
    'StateMachineArn',
    `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:gone`,
  ]);
  for (const name of ['isolated', 'rare', 'frequent', 'recurring', 'fading'])
    await metricAlarm(`APP-${name}-Errors-MEDIUM`, 'AWS/Lambda', ['FunctionName', 'charge']);

  const logs = clients.logs;
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/charge' }));
  await logs.send(
    new CreateLogStreamCommand({
      logGroupName: '/aws/lambda/charge',
      logStreamName: '2026/05/01/[$LATEST]abc',
    }),
  );
  const t = alarmTime.getTime();
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: '/aws/lambda/charge',
      logStreamName: '2026/05/01/[$LATEST]abc',
      logEvents: [
        { timestamp: t - 20 * 60_000, message: '[ERROR] too early for the window' },
        { timestamp: t - 120_000, message: 'START RequestId: 1' },
        {
          timestamp: t - 90_000,
          message: '[ERROR] PaymentGatewayError: upstream said 502, api_key=sk_live_1234567890abcdef',
        },
        { timestamp: t - 60_000, message: 'Task timed out after 3.00 seconds' },
        { timestamp: t - 30_000, message: 'INFO all fine' },
      ],
    }),
  );

  // Histories: one per class and trend, and other alarms' incidents in the same table.
  await seedHistory('APP-rare-Errors-MEDIUM', [200]);
  await seedHistory('APP-frequent-Errors-MEDIUM', [0.5, 2, 5]);
  await seedHistory('APP-recurring-Errors-MEDIUM', [3, 10, 17, 24, 31, 38, 45, 52, 59, 66, 73, 80, 87]);
  await seedHistory('APP-fading-Errors-MEDIUM', [40, 45, 50, 55, 60]);
  await seedHistory('INFRA-Orders-SM-Failure-HIGH', [1, 30]);
  for (let other = 0; other < 20; other += 1) await seedHistory(`noise-${other}`, [1, 2, 3]);
}, 120_000);

afterAll(() => moto?.stop());

describe('Workflow: enrichAlarmContext against moto', () => {
  it('a state machine alarm: window, failed and aborted executions, failing state, degraded baseline and history', async () => {
    const context = EnrichedContextSchema.parse(
      await enrichAlarmContext(
        awsEnrichmentPorts(clients, { historyTableName: TABLE }),
        input('INFRA-Orders-SM-Failure-HIGH'),
        {
          patterns: { minBaselineExecutions: 5 },
        },
      ),
    );
    expect(context.alarm_correlation.evaluation_window).toMatchObject({
      start_time: new Date(alarmTime.getTime() - 600_000).toISOString(),
      end_time: alarmTime.toISOString(),
      period_seconds: 60,
      evaluation_periods: 10,
      datapoints_to_alarm: 2,
      source: 'alarm',
    });
    expect(context.service_type).toBe('stepfunctions');
    expect(context.alarm_correlation.failed_executions_in_window).toBe(5);
    const byName = Object.fromEntries(
      context.failed_executions.map((e) => [e.execution_arn.split(':').pop(), e]),
    );
    expect(byName['run-3']).toMatchObject({
      execution_status: 'FAILED',
      failure_details: {
        failing_state: 'A State',
        error_type: 'AnError',
        error_cause: 'An error occurred!',
        event_type: 'ExecutionFailed',
        failed_lambda_arn: null,
      },
      logs_summary: '',
    });
    expect(byName['held']?.execution_status).toBe('ABORTED');
    expect(context.pattern_analysis).toMatchObject({
      incident_counts: { last_7_days: 1, last_30_days: 2, retention: 2 },
      pattern_classification: 'BASELINE_DEGRADATION',
      baseline_context: { success_rate: 0, finished_executions: 5 },
      history_items_read: 2,
    });
    expect(context.partial).toBe(false);
  });

  it.each<[string, PatternClass, TrendDirection, number]>([
    ['APP-isolated-Errors-MEDIUM', 'ISOLATED_INCIDENT', 'STABLE', 0],
    ['APP-rare-Errors-MEDIUM', 'RARE_OCCURRENCE', 'STABLE', 1],
    ['APP-frequent-Errors-MEDIUM', 'FREQUENT_RECENT', 'INCREASING', 3],
    ['APP-recurring-Errors-MEDIUM', 'RECURRING_PATTERN', 'STABLE', 13],
    ['APP-fading-Errors-MEDIUM', 'RECURRING_PATTERN', 'DECREASING', 5],
  ])(
    'a Lambda alarm with history %s: %s, %s, reading only its own items',
    async (alarmName, classification, trend, items) => {
      const context = await enrichAlarmContext(
        awsEnrichmentPorts(clients, { historyTableName: TABLE }),
        input(alarmName),
      );
      expect(context.pattern_analysis).toMatchObject({
        pattern_classification: classification,
        incident_trends: { trend_direction: trend },
        incident_counts: { retention: items },
        history_items_read: items,
        baseline_context: null,
      });
      expect(context.service_type).toBe('lambda');
      const [group] = context.log_excerpts;
      expect(group).toMatchObject({ log_group: '/aws/lambda/charge', matched: 2, error: null });
      expect(group?.excerpts.map((e) => e.message)).toEqual([
        '[ERROR] PaymentGatewayError: upstream said 502, api_key=[redacted]',
        'Task timed out after 3.00 seconds',
      ]);
    },
  );

  it('recording the same incident twice writes it once', async () => {
    const incident = {
      alarmKey: alarmHistoryKey({ accountId: ACCOUNT, region: REGION, alarmName: 'twice' }),
      occurredAt: alarmTime,
      incidentId: 'finding-1',
      alarmName: 'twice',
      accountId: ACCOUNT,
      region: REGION,
    };
    expect(await history.record(incident)).toBe('recorded');
    expect(await history.record(incident)).toBe('duplicate');
    const later = new Date(alarmTime.getTime() + 1);
    const read = await history.incidentTimes(
      { alarmKey: incident.alarmKey, from: new Date(0), to: later, maxItems: 10 },
      new AbortController().signal,
    );
    expect(read).toEqual({ times: [alarmTime], itemsRead: 1, truncated: false });
  });

  it('a source that fails gives a partial context that says why', async () => {
    const context = await enrichAlarmContext(
      awsEnrichmentPorts(clients, { historyTableName: 'no-such-table' }),
      input('INFRA-Gone-SM-Failure-HIGH'),
    );
    expect(context.partial).toBe(true);
    expect(context.sources).toEqual([
      { source: 'alarm_configuration', status: 'ok', reason: null },
      {
        source: 'step_functions',
        status: 'failed',
        reason: expect.stringMatching(/^StateMachineDoesNotExist: /),
      },
      {
        source: 'success_baseline',
        status: 'failed',
        reason: expect.stringMatching(/^StateMachineDoesNotExist: /),
      },
      { source: 'lambda_logs', status: 'skipped', reason: 'no Lambda function or log group is involved' },
      {
        source: 'incident_history',
        status: 'failed',
        reason: expect.stringMatching(/^ResourceNotFoundException: /),
      },
    ]);
    expect(renderEnrichedContext(context)).toContain('### Not available');
  });

  it('an alarm CloudWatch does not know falls back to the default window and the finding’s resources', async () => {
    const context = await enrichAlarmContext(awsEnrichmentPorts(clients, { historyTableName: TABLE }), {
      ...input('deleted-alarm'),
      resourceArns: [ordersArn],
    });
    expect(context.sources[0]).toMatchObject({ source: 'alarm_configuration', status: 'failed' });
    expect(context.alarm_correlation.evaluation_window).toMatchObject({
      source: 'default',
      period_seconds: 900,
    });
    expect(context.alarm_correlation.failed_executions_in_window).toBe(5);
  });
});
