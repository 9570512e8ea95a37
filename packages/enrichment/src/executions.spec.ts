import { failedInWindow, failureDetails, successBaseline } from './executions';
import type { ExecutionSummary, HistoryEvent } from './ports';

const AT = { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' };
const FN = 'arn:aws:lambda:eu-west-1:111122223333:function:charge';
let id = 0;
const ev = (type: string, fields: Partial<HistoryEvent> = {}): HistoryEvent => ({
  id: (id += 1),
  type,
  ...fields,
});
const history = (...events: HistoryEvent[]) => {
  id = 0;
  return events;
};

describe('Function: failureDetails', () => {
  it.each<[string, () => HistoryEvent[], Record<string, unknown>]>([
    [
      'a directly invoked Lambda ARN that failed (LambdaFunctionFailed)',
      () =>
        history(
          ev('ExecutionStarted'),
          ev('TaskStateEntered', { stateName: 'Charge card' }),
          ev('LambdaFunctionScheduled', { resource: `${FN}:live` }),
          ev('LambdaFunctionStarted'),
          ev('LambdaFunctionFailed', { error: 'Lambda.Unknown', cause: 'card declined' }),
          ev('ExecutionFailed', { error: 'Lambda.Unknown', cause: 'card declined' }),
        ),
      {
        failingState: 'Charge card',
        errorType: 'Lambda.Unknown',
        errorCause: 'card declined',
        eventType: 'LambdaFunctionFailed',
        failedLambda: { arn: FN, name: 'charge' },
      },
    ],
    [
      'a directly invoked Lambda that timed out',
      () =>
        history(
          ev('TaskStateEntered', { stateName: 'Slow' }),
          ev('LambdaFunctionScheduled', { resource: FN }),
          ev('LambdaFunctionTimedOut', { error: 'States.Timeout' }),
          ev('ExecutionFailed', { error: 'States.Timeout' }),
        ),
      {
        failingState: 'Slow',
        errorType: 'States.Timeout',
        eventType: 'LambdaFunctionTimedOut',
        failedLambda: { arn: FN, name: 'charge' },
      },
    ],
    [
      'an optimised lambda:invoke task: the FunctionName of its parameters',
      () =>
        history(
          ev('TaskStateEntered', { stateName: 'Invoke' }),
          ev('TaskScheduled', {
            resource: 'invoke',
            resourceType: 'lambda',
            parameters: JSON.stringify({ FunctionName: `${FN}:$LATEST`, Payload: {} }),
          }),
          ev('TaskFailed', {
            resource: 'invoke',
            resourceType: 'lambda',
            error: 'Lambda.ServiceException',
            cause: 'boom',
          }),
          ev('ExecutionFailed', { error: 'Lambda.ServiceException', cause: 'boom' }),
        ),
      {
        failingState: 'Invoke',
        errorType: 'Lambda.ServiceException',
        taskResource: 'invoke',
        failedLambda: { arn: FN, name: 'charge' },
      },
    ],
    [
      'a task whose resource is a function ARN',
      () =>
        history(
          ev('TaskStateEntered', { stateName: 'T' }),
          ev('TaskFailed', { resource: FN, resourceType: 'lambda', error: 'E' }),
          ev('ExecutionFailed'),
        ),
      { failingState: 'T', errorType: 'E', failedLambda: { arn: FN, name: 'charge' } },
    ],
    [
      'a Fail state: the execution error only',
      () =>
        history(
          ev('PassStateEntered', { stateName: 'A' }),
          ev('PassStateExited'),
          ev('FailStateEntered', { stateName: 'Give up' }),
          ev('ExecutionFailed', { error: 'OrderRejected', cause: 'no stock' }),
        ),
      {
        failingState: 'Give up',
        errorType: 'OrderRejected',
        errorCause: 'no stock',
        eventType: 'ExecutionFailed',
        failedLambda: undefined,
      },
    ],
    [
      'an aborted execution without an error',
      () => history(ev('WaitStateEntered', { stateName: 'Wait' }), ev('ExecutionAborted')),
      { failingState: 'Wait', errorType: 'ExecutionAborted', errorCause: '', eventType: 'ExecutionAborted' },
    ],
    [
      'a timed-out execution',
      () =>
        history(
          ev('TaskStateEntered', { stateName: 'Long' }),
          ev('ExecutionTimedOut', { error: 'States.Timeout', cause: 'took too long' }),
        ),
      { failingState: 'Long', errorType: 'States.Timeout', eventType: 'ExecutionTimedOut' },
    ],
    [
      'a page without the end of the execution',
      () => history(ev('TaskStateEntered', { stateName: 'X' }), ev('TaskScheduled')),
      { errorType: 'Unknown', historyTruncated: true },
    ],
  ])('%s', (_, events, expected) => {
    const forward = events();
    const details = failureDetails(forward, AT, 2_000);
    expect(details).toMatchObject(expected);
    // The order of the page does not matter (reverseOrder pages come newest first).
    expect(failureDetails([...forward].reverse(), AT, 2_000)).toEqual(details);
  });

  it('redacts and bounds the cause', () => {
    const details = failureDetails(
      history(ev('ExecutionFailed', { error: 'E', cause: `password=hunter2 ${'x'.repeat(5_000)}` })),
      AT,
      100,
    );
    expect(details.errorCause).not.toContain('hunter2');
    expect([...details.errorCause].length).toBeLessThanOrEqual(100);
  });
});

describe('Function: failedInWindow', () => {
  const window = { start: new Date('2026-05-01T10:00:00Z'), end: new Date('2026-05-01T10:15:00Z') };
  const execution = (start: string, stop?: string): ExecutionSummary => ({
    executionArn: 'e',
    stateMachineArn: 's',
    status: 'FAILED',
    startDate: new Date(start),
    stopDate: stop === undefined ? undefined : new Date(stop),
  });
  it.each<[string, ExecutionSummary, boolean]>([
    ['stopped in the window', execution('2026-05-01T10:05:00Z', '2026-05-01T10:06:00Z'), true],
    [
      'started hours before, stopped in the window',
      execution('2026-05-01T02:00:00Z', '2026-05-01T10:14:00Z'),
      true,
    ],
    ['stopped before the window', execution('2026-05-01T09:00:00Z', '2026-05-01T09:59:59Z'), false],
    ['stopped after the state change', execution('2026-05-01T10:10:00Z', '2026-05-01T10:15:01Z'), false],
    ['on the edges', execution('2026-05-01T10:00:00Z', '2026-05-01T10:15:00Z'), true],
    ['no stop date: its start', execution('2026-05-01T10:01:00Z'), true],
  ])('%s', (_, summary, expected) => expect(failedInWindow(summary, window)).toBe(expected));
});

describe('Function: successBaseline', () => {
  const at = new Date('2026-05-01T10:15:00Z');
  const run = (status: string, minutesBefore: number): ExecutionSummary => ({
    executionArn: `e${minutesBefore}`,
    stateMachineArn: 's',
    status,
    startDate: new Date(at.getTime() - minutesBefore * 60_000),
    stopDate: new Date(at.getTime() - (minutesBefore - 1) * 60_000),
  });
  it('counts finished executions before the state change', () => {
    expect(
      successBaseline(
        [
          run('RUNNING', 2),
          run('FAILED', 3),
          run('SUCCEEDED', 10),
          run('SUCCEEDED', 20),
          run('TIMED_OUT', 30),
          run('SUCCEEDED', -5),
        ],
        at,
      ),
    ).toEqual({
      successRate: 0.5,
      finishedExecutions: 4,
      lastSuccessfulExecution: new Date(at.getTime() - 9 * 60_000),
    });
  });
  it('has no rate when nothing finished', () => {
    expect(successBaseline([run('RUNNING', 1)], at)).toEqual({
      successRate: null,
      finishedExecutions: 0,
      lastSuccessfulExecution: null,
    });
  });
});
