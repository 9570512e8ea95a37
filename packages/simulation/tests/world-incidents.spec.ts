import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { enrichAlarmContext, failureDetails, incidentHistoryTableDefinition } from '@soar/enrichment';
import { startDynalite, type LocalDynamoDb } from '@soar/testing';
import { parseWorld, WorldError } from '../src';
import { seedIncidentHistory, worldAlarmContext, worldContainment } from '../src/world-incidents';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const MACHINE = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:orders`;
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:charge`;
const ALARM = 'INFRA-Orders-SM-Failure-HIGH';
const AT = '2026-12-01T08:02:40.000Z';

const execution = (name: string, stop: string, extra: Record<string, unknown> = {}) => ({
  stateMachineArn: MACHINE,
  name,
  startDate: new Date(Date.parse(stop) - 3_000).toISOString(),
  stopDate: stop,
  failedState: 'Charge card',
  error: 'GatewayTimeout',
  cause: 'no answer',
  lambdaFunctionArn: FUNCTION,
  ...extra,
});

const world = () =>
  parseWorld({
    instances: [{ instanceId: 'i-0abc1234def567890', accountId: ACCOUNT, region: REGION }],
    alarmContext: {
      alarms: [
        {
          name: ALARM,
          accountId: ACCOUNT,
          region: REGION,
          namespace: 'AWS/States',
          metricName: 'ExecutionsFailed',
          dimensions: { StateMachineArn: MACHINE },
          period: 60,
          evaluationPeriods: 2,
        },
      ],
      executions: [
        execution('run-1', '2026-12-01T08:01:30Z'),
        execution('run-2', '2026-12-01T08:02:10Z'),
        execution('run-0', '2026-12-01T07:50:00Z', { status: 'SUCCEEDED' }),
        // Another account's machine of the same name: never answered for this alarm.
        {
          ...execution('run-9', '2026-12-01T08:02:00Z'),
          stateMachineArn: MACHINE.replace(ACCOUNT, '222233334444'),
        },
      ],
      logEvents: [
        {
          logGroupName: '/aws/lambda/charge',
          timestamp: '2026-12-01T08:01:29Z',
          message: '[ERROR] GatewayTimeout',
        },
        { logGroupName: '/aws/lambda/charge', timestamp: '2026-12-01T08:01:28Z', message: '[INFO] charging' },
      ],
      history: [{ alarmName: ALARM, accountId: ACCOUNT, region: REGION, times: ['2026-11-30T08:00:00Z'] }],
    },
  });

describe('World: the incident sections', () => {
  it('names an unknown key of an incident section and the key that was probably meant', () => {
    const parse = () =>
      parseWorld({
        instances: [{ instanceId: 'i-0abc1234def567890', accountId: ACCOUNT, region: REGION, tag: {} }],
        alarmContext: { alarms: [{ nmae: ALARM, accountId: ACCOUNT, region: REGION }], logs: [] },
        incidents: { containment: { enabeld: true } },
      });

    expect(parse).toThrow(WorldError);
    expect(parse).toThrow('instances.0.tag: unknown key; did you mean "tags"?');
    expect(parse).toThrow('alarmContext.alarms.0.nmae: unknown key; did you mean "name"?');
    expect(parse).toThrow('incidents.containment.enabeld: unknown key; did you mean "enabled"?');
    expect(parse).toThrow('alarmContext.logs: unknown key');
  });

  it('rejects a malformed instance id and a state machine that is not an ARN, naming the field', () => {
    const parse = () =>
      parseWorld({
        instances: [{ instanceId: 'web-1', accountId: ACCOUNT, region: REGION }],
        alarmContext: { executions: [{ stateMachineArn: 'orders', name: 'x', startDate: AT }] },
      });

    expect(parse).toThrow(/instances\.0\.instanceId: .*instance id/);
    expect(parse).toThrow(/alarmContext\.executions\.0\.stateMachineArn: .*state machine ARN/);
  });
});

describe('Function: worldContainment', () => {
  it('reads the instance as the world lists it, and a termination leaves it shutting down', async () => {
    const containment = worldContainment(world().instances);
    const ref = { instanceId: 'i-0abc1234def567890', accountId: ACCOUNT, region: REGION, partition: 'aws' };

    const before = await containment.readInstance(ref);
    const result = await containment.terminateInstance(ref);
    const after = await containment.readInstance(ref);

    expect(before).toMatchObject({ found: true, state: 'running', terminationProtection: false });
    expect(result).toEqual({ previousState: 'running', currentState: 'shutting-down' });
    expect(after).toMatchObject({ found: true, state: 'shutting-down' });
    expect(containment.terminated).toEqual(['i-0abc1234def567890']);
  });

  it('does not find an instance the world does not list, nor one of the same id in another account', async () => {
    const containment = worldContainment(world().instances);

    const elsewhere = await containment.readInstance({
      instanceId: 'i-0abc1234def567890',
      accountId: '222233334444',
      region: REGION,
      partition: 'aws',
    });

    expect(elsewhere).toEqual({ found: false, instanceId: 'i-0abc1234def567890' });
    await expect(
      containment.terminateInstance({
        instanceId: 'i-0fff1234def567890',
        accountId: ACCOUNT,
        region: REGION,
        partition: 'aws',
      }),
    ).rejects.toThrow('InvalidInstanceID.NotFound');
  });
});

describe('Function: worldAlarmContext', () => {
  let dynamo: LocalDynamoDb;
  const TABLE = 'incident-history';
  beforeAll(async () => {
    dynamo = await startDynalite();
    await dynamo.client().send(new CreateTableCommand(incidentHistoryTableDefinition(TABLE)));
  }, 30_000);
  afterAll(() => dynamo.stop());

  const sources = () =>
    worldAlarmContext(world().alarmContext, {
      dynamodb: dynamo.client(),
      historyTableName: TABLE,
      clock: () => new Date(AT),
    })({ accountId: ACCOUNT, region: REGION });
  const signal = new AbortController().signal;

  it('pages executions newest first, in the alarm account only', async () => {
    const { executions } = sources();

    const first = await executions!.listExecutions({ stateMachineArn: MACHINE, maxResults: 2 }, signal);
    const second = await executions!.listExecutions(
      { stateMachineArn: MACHINE, maxResults: 2, nextToken: first.nextToken },
      signal,
    );
    const failed = await executions!.listExecutions(
      { stateMachineArn: MACHINE, statusFilter: 'FAILED', maxResults: 10 },
      signal,
    );

    expect(first.executions.map((e) => e.name)).toEqual(['run-2', 'run-1']);
    expect(second.executions.map((e) => e.name)).toEqual(['run-0']);
    expect(second.nextToken).toBeUndefined();
    expect(failed.executions.map((e) => e.name)).toEqual(['run-2', 'run-1']);
  });

  it("makes a failed execution's history from which Step Functions would tell where and why it failed", async () => {
    const { executions } = sources();
    const [summary] = (await executions!.listExecutions({ stateMachineArn: MACHINE, maxResults: 1 }, signal))
      .executions;

    const history = await executions!.executionHistory(
      { executionArn: summary!.executionArn, maxResults: 100 },
      signal,
    );

    expect(
      failureDetails(history, { accountId: ACCOUNT, region: REGION, partition: 'aws' }, 500),
    ).toMatchObject({
      failingState: 'Charge card',
      errorType: 'GatewayTimeout',
      failedLambda: { arn: FUNCTION },
    });
  });

  it('answers the error lines of a log group in the time range, as the error filter pattern would', async () => {
    const { logs } = sources();

    const page = await logs!.filterLogEvents(
      {
        logGroupName: '/aws/lambda/charge',
        startTime: Date.parse('2026-12-01T08:00:00Z'),
        endTime: Date.parse(AT),
        filterPattern: '?ERROR',
        limit: 10,
      },
      signal,
    );

    expect(page.events.map((e) => e.message)).toEqual(['[ERROR] GatewayTimeout']);
  });

  it('puts the world together into the context enrichment gathers, history included', async () => {
    await seedIncidentHistory(world().alarmContext.history, {
      dynamodb: dynamo.client(),
      historyTableName: TABLE,
    });

    const context = await enrichAlarmContext(sources(), {
      alarmName: ALARM,
      accountId: ACCOUNT,
      region: REGION,
      stateChangeTime: AT,
    });

    expect(context.partial).toBe(false);
    expect(context.alarm_correlation.failed_executions_in_window).toBe(2);
    expect(context.failed_executions[0]?.logs_summary ?? '').toBe('');
    expect(context.failed_executions[1]?.logs_summary).toBe('[ERROR] GatewayTimeout');
    expect(context.pattern_analysis?.incident_counts.last_7_days).toBe(1);
  });
});
