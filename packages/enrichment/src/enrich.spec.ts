import { EnrichedContextSchema } from './context';
import { boundContext, enrichAlarmContext } from './enrich';
import { EnrichmentInputError } from './errors';
import type { AlarmDescription, EnrichmentPorts, ExecutionSummary, HistoryEvent } from './ports';
import { renderEnrichedContext } from './render';

const AT = '2026-05-01T10:15:00.000Z';
const at = (minutesBefore: number) => new Date(Date.parse(AT) - minutesBefore * 60_000);
const SM = 'arn:aws:states:eu-west-1:111122223333:stateMachine:orders';
const FN = 'arn:aws:lambda:eu-west-1:111122223333:function:charge';
const INPUT = {
  alarmName: 'INFRA-Orders-SM-Failure-HIGH',
  accountId: '111122223333',
  region: 'eu-west-1',
  stateChangeTime: AT,
};
const ALARM: AlarmDescription = {
  kind: 'metric',
  name: INPUT.alarmName,
  arn: `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${INPUT.alarmName}`,
  metric: { namespace: 'AWS/States', metricName: 'ExecutionsFailed', dimensions: { StateMachineArn: SM } },
  metrics: [],
  period: 300,
  evaluationPeriods: 3,
};
const failed = (n: number, minutesBefore: number): ExecutionSummary => ({
  executionArn: `arn:aws:states:eu-west-1:111122223333:execution:orders:run-${n}`,
  stateMachineArn: SM,
  status: 'FAILED',
  startDate: at(minutesBefore + 1),
  stopDate: at(minutesBefore),
});
const HISTORY: HistoryEvent[] = [
  { id: 1, type: 'TaskStateEntered', stateName: 'Charge card' },
  { id: 2, type: 'LambdaFunctionScheduled', resource: FN },
  { id: 3, type: 'LambdaFunctionFailed', error: 'CardDeclined', cause: 'declined' },
  { id: 4, type: 'ExecutionFailed', error: 'CardDeclined', cause: 'declined' },
];

function ports(overrides: Partial<EnrichmentPorts> = {}): EnrichmentPorts {
  return {
    clock: () => new Date(AT),
    alarms: { describeAlarms: () => Promise.resolve([ALARM]) },
    executions: {
      listExecutions: ({ statusFilter }) =>
        Promise.resolve({
          executions:
            statusFilter === 'FAILED'
              ? [failed(1, 2), failed(2, 30)]
              : statusFilter === undefined
                ? [
                    failed(1, 2),
                    ...Array.from({ length: 19 }, (_, i) => ({
                      ...failed(10 + i, 60 + i),
                      status: 'SUCCEEDED',
                    })),
                  ]
                : [],
        }),
      executionHistory: () => Promise.resolve(HISTORY),
    },
    logs: {
      filterLogEvents: () =>
        Promise.resolve({
          events: [
            {
              timestamp: at(2).getTime(),
              message: '[ERROR] CardDeclined token=abcd1234abcd1234',
              logStreamName: 's',
            },
          ],
        }),
    },
    history: {
      incidentTimes: () =>
        Promise.resolve({ times: [at(60 * 24), at(60 * 48)], itemsRead: 2, truncated: false }),
    },
    ...overrides,
  };
}

describe('Function: enrichAlarmContext', () => {
  it('puts every source together', async () => {
    const context = EnrichedContextSchema.parse(await enrichAlarmContext(ports(), INPUT));
    expect(context).toMatchObject({
      service_type: 'stepfunctions',
      alarm: { kind: 'metric', arn: ALARM.arn },
      alarm_correlation: {
        evaluation_window: { start_time: '2026-05-01T10:00:00.000Z', end_time: AT, source: 'alarm' },
        failed_executions_in_window: 1,
      },
      failed_executions: [
        {
          execution_status: 'FAILED',
          failure_details: {
            failing_state: 'Charge card',
            error_type: 'CardDeclined',
            failed_lambda_arn: FN,
          },
        },
      ],
      pattern_analysis: {
        incident_counts: { last_7_days: 2 },
        pattern_classification: 'FREQUENT_RECENT',
        baseline_context: { success_rate: 0.95, finished_executions: 20 },
      },
      partial: false,
      truncated: false,
    });
    expect(context.failed_executions[0]?.logs_summary).toContain('[ERROR] CardDeclined');
    expect(context.log_excerpts[0]?.log_group).toBe('/aws/lambda/charge');
    expect(context.sources.every((s) => s.status === 'ok')).toBe(true);
  });

  it("gives each failed execution its function's line written while it ran, not a later execution's", async () => {
    // Arrange: two executions of one function, a minute apart; each left one error line
    const line = (minutesBefore: number, order: string) => ({
      timestamp: at(minutesBefore).getTime() - 5_000,
      message: `[ERROR] CardDeclined for order ${order}`,
    });
    const context = await enrichAlarmContext(
      ports({
        executions: {
          listExecutions: ({ statusFilter }) =>
            Promise.resolve({ executions: statusFilter === 'FAILED' ? [failed(2, 1), failed(1, 2)] : [] }),
          executionHistory: () => Promise.resolve(HISTORY),
        },
        logs: { filterLogEvents: () => Promise.resolve({ events: [line(2, 'A'), line(1, 'B')] }) },
      }),
      INPUT,
    );

    // Assert: run-1 stopped 2 minutes before the alarm, so order B's line (a minute later) is not its own
    const summaryOf = (name: string) =>
      context.failed_executions.find((e) => e.execution_arn.endsWith(name))?.logs_summary;
    expect(summaryOf('run-1')).toContain('order A');
    expect(summaryOf('run-2')).toContain('order B');
  });

  it('gives a partial context when sources fail, each saying why', async () => {
    const context = await enrichAlarmContext(
      ports({
        alarms: {
          describeAlarms: () =>
            Promise.reject(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' })),
        },
        history: { incidentTimes: () => Promise.reject(new Error('ResourceNotFoundException: no table')) },
      }),
      { ...INPUT, resourceArns: [SM] },
    );
    expect(EnrichedContextSchema.safeParse(context).success).toBe(true);
    expect(context.partial).toBe(true);
    expect(context.sources).toEqual([
      { source: 'alarm_configuration', status: 'failed', reason: 'AccessDenied: User is not authorized' },
      { source: 'step_functions', status: 'ok', reason: null },
      { source: 'success_baseline', status: 'ok', reason: null },
      { source: 'lambda_logs', status: 'ok', reason: null },
      { source: 'incident_history', status: 'failed', reason: 'Error: ResourceNotFoundException: no table' },
    ]);
    // The window falls back to the default, the services to the finding's resources.
    expect(context.alarm_correlation.evaluation_window).toMatchObject({
      source: 'default',
      start_time: '2026-05-01T10:00:00.000Z',
    });
    expect(context.failed_executions).toHaveLength(1);
    expect(context.pattern_analysis).toBeNull();
    expect(renderEnrichedContext(context)).toContain(
      'the incident history: Error: ResourceNotFoundException',
    );
  });

  it('keeps other executions when one history cannot be read', async () => {
    const base = ports();
    const context = await enrichAlarmContext(
      ports({
        executions: {
          listExecutions: (request, signal) => base.executions!.listExecutions(request, signal),
          executionHistory: () => Promise.reject(new Error('ThrottlingException')),
        },
      }),
      INPUT,
    );
    expect(context.failed_executions[0]).toMatchObject({
      failure_details: null,
      history_error: 'Error: ThrottlingException',
    });
  });

  it('skips what the alarm does not watch, and missing ports, without calling it partial', async () => {
    const context = await enrichAlarmContext(
      {
        clock: () => new Date(AT),
        alarms: {
          describeAlarms: () =>
            Promise.resolve([{ ...ALARM, metric: { namespace: 'AWS/EC2', dimensions: {} } }]),
        },
      },
      INPUT,
    );
    expect(context.service_type).toBe('generic');
    expect(context.partial).toBe(false);
    expect(context.sources.map((s) => s.status)).toEqual(['ok', 'skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('pages executions newest first and stops at the lookback', async () => {
    const pages: (string | undefined)[] = [];
    const context = await enrichAlarmContext(
      ports({
        executions: {
          listExecutions: ({ statusFilter, nextToken }) => {
            if (statusFilter !== 'FAILED') return Promise.resolve({ executions: [] });
            pages.push(nextToken);
            const page = Number(nextToken ?? 0);
            // Each page is an hour older; the lookback (1 day) is reached on page 25.
            return Promise.resolve({
              executions: [failed(page, page * 60 + 1)],
              nextToken: String(page + 1),
            });
          },
          executionHistory: () => Promise.resolve(HISTORY),
        },
      }),
      INPUT,
      { executions: { maxPages: 50 } },
    );
    expect(pages).toHaveLength(26);
    expect(context.alarm_correlation).toMatchObject({
      failed_executions_in_window: 1,
      executions_truncated: false,
    });
  });

  it('marks the executions truncated when the page bound stops it', async () => {
    const context = await enrichAlarmContext(
      ports({
        executions: {
          listExecutions: ({ statusFilter }) =>
            Promise.resolve(
              statusFilter === 'FAILED'
                ? { executions: [failed(1, 1), failed(2, 2)], nextToken: 'more' }
                : { executions: [] },
            ),
          executionHistory: () => Promise.resolve(HISTORY),
        },
      }),
      INPUT,
      { executions: { maxPages: 2, maxExecutions: 3 } },
    );
    expect(context.alarm_correlation).toMatchObject({
      failed_executions_in_window: 4,
      executions_truncated: true,
    });
    expect(context.failed_executions).toHaveLength(3);
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('bounds the total time: a source that never answers times out and is aborted', async () => {
      let aborted: unknown;
      const never = (signal: AbortSignal) =>
        new Promise<never>(() => signal.addEventListener('abort', () => (aborted = signal.reason)));
      const pending = enrichAlarmContext(
        ports({ history: { incidentTimes: (_, signal) => never(signal) } }),
        INPUT,
        { budgetMs: 5_000 },
      );
      await jest.advanceTimersByTimeAsync(5_000);
      const context = await pending;
      expect(context.sources.find((s) => s.source === 'incident_history')).toEqual({
        source: 'incident_history',
        status: 'timed_out',
        reason: "did not answer within the enrichment's budget of 5000 ms",
      });
      expect(context.partial).toBe(true);
      expect(context.failed_executions).toHaveLength(1);
      expect(aborted).toMatchObject({ name: 'BudgetExceededError', budgetMs: 5_000 });
      // Sources reached after the budget ran out are timed out too, without being called.
      expect(context.sources.find((s) => s.source === 'lambda_logs')?.status).toBe('timed_out');
    });

    it('clears its timer when done', async () => {
      await enrichAlarmContext(ports(), INPUT);
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  it.each<[unknown, unknown, string]>([
    [{ ...INPUT, stateChangeTime: 'yesterday' }, {}, 'stateChangeTime'],
    [{ ...INPUT, accountId: '1' }, {}, 'accountId'],
    [{ ...INPUT, extra: 1 }, {}, ''],
    [INPUT, { logs: { maxEvents: 3 } }, 'logs'],
    [INPUT, { budgetMs: 10 }, 'budgetMs'],
  ])('rejects bad input or options, naming the field (%#)', async (input, options, field) => {
    await expect(enrichAlarmContext(ports(), input, options)).rejects.toMatchObject({
      name: 'EnrichmentInputError',
      field,
    });
    await expect(enrichAlarmContext(ports(), input, options)).rejects.toBeInstanceOf(EnrichmentInputError);
  });
});

describe('Function: boundContext', () => {
  it('drops log lines, then executions, then shortens causes, to fit', async () => {
    const noisy = ports({
      executions: {
        listExecutions: ({ statusFilter }) =>
          Promise.resolve({
            executions:
              statusFilter === 'FAILED' ? Array.from({ length: 10 }, (_, i) => failed(i, i + 1)) : [],
          }),
        executionHistory: () =>
          Promise.resolve(
            HISTORY.map((e) => (e.cause === undefined ? e : { ...e, cause: 'x'.repeat(1_900) })),
          ),
      },
      logs: {
        filterLogEvents: () =>
          Promise.resolve({
            events: Array.from({ length: 50 }, (_, i) => ({
              timestamp: at(10 - i / 10).getTime(),
              message: `ERROR ${'y'.repeat(1_000)}`,
            })),
          }),
      },
    });
    const full = await enrichAlarmContext(noisy, INPUT);
    expect(full.truncated).toBe(false);
    const small = boundContext(full, 8_000);
    expect(Buffer.byteLength(JSON.stringify(small))).toBeLessThanOrEqual(8_000);
    expect(small).toMatchObject({ truncated: true, log_excerpts: [{ excerpts: [], truncated: true }] });
    expect(EnrichedContextSchema.safeParse(small).success).toBe(true);
    const bounded = await enrichAlarmContext(noisy, INPUT, { maxOutputBytes: 8_000 });
    expect(bounded.truncated).toBe(true);
  });
});

describe('Function: renderEnrichedContext', () => {
  it('reads as a short report, neutralising text from the monitored world', async () => {
    const context = await enrichAlarmContext(
      ports({
        executions: {
          listExecutions: ({ statusFilter }) =>
            Promise.resolve({ executions: statusFilter === 'FAILED' ? [failed(1, 2)] : [] }),
          executionHistory: () =>
            Promise.resolve(
              HISTORY.map((e) =>
                e.type === 'TaskStateEntered' ? { ...e, stateName: 'Charge\n### [click](http://evil)' } : e,
              ),
            ),
        },
      }),
      INPUT,
    );
    const markdown = renderEnrichedContext(context);
    expect(markdown).toContain('### Alarm context: INFRA-Orders-SM-Failure-HIGH');
    expect(markdown).toContain(
      'Evaluation window: 2026-05-01 10:00:00 UTC to 2026-05-01 10:15:00 UTC (3 × 300 s periods',
    );
    expect(markdown).toContain('in state "Charge \\#\\#\\# \\[click\\](http://evil)"');
    expect(markdown).toContain('Trend INCREASING');
    expect(markdown).not.toContain('abcd1234abcd1234');
    const text = renderEnrichedContext(context, { format: 'text', maxChars: 300 });
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toContain('Alarm context: INFRA-Orders-SM-Failure-HIGH\n---');
    const untitled = renderEnrichedContext(context, { format: 'text', heading: false });
    expect(untitled).not.toContain('Alarm context:');
    expect(untitled.startsWith('Evaluation window: ')).toBe(true);
  });
});
