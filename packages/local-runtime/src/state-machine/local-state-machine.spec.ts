// The workflow is TriageWorkflow from tests/fixtures/soar-workflow-stack.template.json, synthesized by
// CDK 2.276 with a throwaway script (tests/load-fixture.ts describes it): Normalize → Enrich → LookupTicket →
// Route → Respond [RemediateResources (Map) ; UpdateFinding] | NotifyOwner → Cooldown | Ignore → Done.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadEvent, loadTemplate, WORKFLOW_IDS } from '../../tests/load-fixture';
import { InvalidDefinitionError, UnboundTaskError, UnsupportedDefinitionError } from '../errors';
import { type AslDefinition } from './asl';
import {
  extractStateMachines,
  taskBindingsOf,
  type ExtractedStateMachine,
  type TaskBinding,
} from './extract';
import { LocalStateMachine, type LocalStateMachineOptions, type TaskHandler } from './local-state-machine';
import { type TaskInvocationInfo } from './trace';

/** An error class the way SOAR's handlers declare them. */
class NamedError extends Error {
  public constructor(
    public override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

function workflow(): ExtractedStateMachine {
  const [machine] = extractStateMachines(loadTemplate('soar-workflow-stack'));
  if (machine === undefined) throw new Error('fixture has no state machine');
  return machine;
}

/** A Findings - Imported event whose finding has `severity` and `resources` resources. */
function findingEvent(severity: string, resources = 1): Record<string, unknown> {
  const event = loadEvent('aws.securityhub/findings-imported-s3-8');
  const detail = event['detail'] as { findings: Record<string, unknown>[] };
  const finding = detail.findings[0] ?? {};
  finding['Severity'] = { Label: severity, Normalized: 70, Original: severity };
  finding['Resources'] = Array.from({ length: resources }, (_, i) => ({
    Type: 'AwsS3Bucket',
    Id: `arn:aws:s3:::bucket-${i}`,
  }));
  return event;
}

const FINDING_ID =
  'arn:aws:securityhub:us-east-1:111122223333:security-control/S3.8/finding/67ca1375-94bf-453d-ae74-6e73e22d01f1';

interface Calls {
  readonly payloads: Record<string, unknown[]>;
  readonly infos: TaskInvocationInfo[];
}

/** Handlers for every task of the workflow; `overrides` replace some by state name. */
function handlers(
  calls: Calls,
  overrides: Record<string, TaskHandler> = {},
): LocalStateMachineOptions['handlers'] {
  const defaults: Record<string, TaskHandler> = {
    Enrich: async () => ({ account: { id: '111122223333', team: 'payments' }, source: 'organizations' }),
    LookupTicket: async () => ({}),
    RemediateResource: async (payload) => ({
      remediated: (payload as { resource: { Id: string } }).resource.Id,
    }),
    UpdateFinding: async () => ({ ProcessedFindings: [], UnprocessedFindings: [] }),
    NotifyOwner: async () => ({ notified: true }),
  };
  return (binding: TaskBinding) => {
    const handler = overrides[binding.stateName] ?? defaults[binding.stateName];
    if (handler === undefined) return undefined;
    return async (payload, info) => {
      (calls.payloads[binding.stateName] ??= []).push(payload);
      calls.infos.push(info);
      return handler(payload, info);
    };
  };
}

function newCalls(): Calls {
  return { payloads: {}, infos: [] };
}

/** A hand-written machine whose tasks are direct Lambda calls (bound by state name). */
function inlineMachine(definition: AslDefinition): ExtractedStateMachine {
  return {
    logicalId: 'Inline',
    name: 'inline',
    arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:inline',
    type: 'STANDARD',
    definition,
    tasks: taskBindingsOf(definition, []),
  };
}

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

interface ScenarioResult {
  readonly status: string;
  readonly error?: string;
  readonly states: readonly string[];
  readonly rejections: readonly string[];
}

/** Runs a TypeScript scenario of tests/ in a child Node process (with tsx) and parses its JSON output. */
async function runScenario(file: string, mode: string): Promise<ScenarioResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), file, mode], {
    cwd: join(__dirname, '..', '..'),
    timeout: 20_000,
  });
  return JSON.parse(stdout) as ScenarioResult;
}
/** Records the delay of every timer set from now on, to prove what was (not) waited for. */
function timerDelays(): number[] {
  const delays: number[] = [];
  const real = global.setTimeout;
  jest.spyOn(global, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    delays.push(ms ?? 0);
    return real(callback, ms, ...args);
  }) as typeof setTimeout);
  return delays;
}

/** A promise the test settles itself: a handler that is still running when the test wants it to be. */
function gate<T>(): { promise: Promise<T>; open: (value: T) => void } {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('Class: LocalStateMachine', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('Function: run (synthesized workflow)', () => {
    it('runs the HIGH path: Parallel with a Map over every resource, in a deterministic order', async () => {
      // Arrange
      const calls = newCalls();
      const machine = new LocalStateMachine(workflow(), { handlers: handlers(calls) });

      // Act
      const trace = await machine.run(findingEvent('HIGH', 3), { executionName: 'high-1' });

      // Assert
      expect(trace).toMatchObject({
        executionName: 'high-1',
        executionArn: `arn:aws:states:us-east-1:123456789012:execution:${WORKFLOW_IDS.machine}:high-1`,
        stateMachine: WORKFLOW_IDS.machine,
        status: 'SUCCEEDED',
        output: { findingId: FINDING_ID, severity: 'HIGH', outcome: 'handled' },
        statesEntered: 12,
        transitions: 12,
        lambdaInvocations: 4,
        retries: [],
        mapIterations: { RemediateResources: 3 },
      });
      expect(trace.error).toBeUndefined();
      expect(trace.states.map((s) => s.name)).toEqual([
        'Normalize',
        'Enrich',
        'LookupTicket',
        'Route',
        'Respond',
        'RemediateResources',
        'RemediateResource',
        'RemediateResource',
        'RemediateResource',
        'UpdateFinding',
        'RecordOutcome',
        'Done',
      ]);
      expect(trace.states[6]).toEqual({
        name: 'RemediateResource',
        type: 'Task',
        path: ['Respond', 'Branch 0', 'RemediateResources', 'ItemProcessor'],
      });
      expect(trace.states[9]?.path).toEqual(['Respond', 'Branch 1']);
    });

    it('gives each handler what the Lambda or the API would get', async () => {
      // Arrange
      const calls = newCalls();
      const machine = new LocalStateMachine(workflow(), { handlers: handlers(calls) });

      // Act
      await machine.run(findingEvent('HIGH', 2));

      // Assert
      expect(calls.payloads['Enrich']).toEqual([
        expect.objectContaining({ findingId: FINDING_ID, severity: 'HIGH', resources: expect.any(Array) }),
      ]);
      expect(calls.payloads['LookupTicket']).toEqual([
        {
          Key: { findingId: { S: FINDING_ID }, openedAt: { S: 'current' } },
          TableName: WORKFLOW_IDS.tickets,
          ConsistentRead: false,
        },
      ]);
      expect(calls.payloads['RemediateResource']).toEqual([
        { resource: { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::bucket-0' }, findingId: FINDING_ID },
        { resource: { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::bucket-1' }, findingId: FINDING_ID },
      ]);
      expect(calls.payloads['UpdateFinding']).toEqual([
        {
          FindingIdentifiers: [
            { Id: FINDING_ID, ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' },
          ],
          Workflow: { Status: 'NOTIFIED' },
        },
      ]);
      expect(calls.infos.map((i) => [i.stateName, i.attempt, i.binding.kind])).toEqual(
        expect.arrayContaining([
          ['Enrich', 1, 'lambda-invoke'],
          ['UpdateFinding', 1, 'sdk'],
        ]),
      );
    });

    it('takes the Ignore branch for LOW, where ResultSelector reads the Invoke-shaped Payload', async () => {
      // Arrange
      const machine = new LocalStateMachine(workflow(), { handlers: handlers(newCalls()) });

      // Act
      const trace = await machine.run(findingEvent('LOW'));

      // Assert
      expect(trace.status).toBe('SUCCEEDED');
      expect(trace.states.map((s) => s.name)).toEqual([
        'Normalize',
        'Enrich',
        'LookupTicket',
        'Route',
        'Ignore',
        'Done',
      ]);
      expect(trace.output).toMatchObject({
        enrichment: { account: { id: '111122223333', team: 'payments' }, source: 'organizations' },
        ticket: {},
        outcome: { ignored: true },
      });
      expect(trace.mapIterations).toEqual({});
    });

    it('takes the MEDIUM branch and does not wait the 5 minutes of the Wait state', async () => {
      // Arrange
      const calls = newCalls();
      const machine = new LocalStateMachine(workflow(), { handlers: handlers(calls) });
      const delays = timerDelays();

      // Act
      const trace = await machine.run(findingEvent('MEDIUM'));

      // Assert
      expect(trace.states.map((s) => s.name)).toEqual([
        'Normalize',
        'Enrich',
        'LookupTicket',
        'Route',
        'NotifyOwner',
        'Cooldown',
        'RecordOutcome',
        'Done',
      ]);
      // No timer for the Wait state's 300 seconds was ever set.
      expect(delays).not.toContain(300_000);
      // lambda-direct: the handler gets the state input itself, not an Invoke request.
      expect(calls.payloads['NotifyOwner']).toEqual([
        expect.objectContaining({ findingId: FINDING_ID, severity: 'MEDIUM' }),
      ]);
      expect(trace.lambdaInvocations).toBe(2);
    });

    it('takes the AlreadyTicketed branch when the ticket lookup finds an OPEN ticket', async () => {
      // Arrange
      const machine = new LocalStateMachine(workflow(), {
        handlers: handlers(newCalls(), { LookupTicket: async () => ({ Item: { status: { S: 'OPEN' } } }) }),
      });

      // Act
      const trace = await machine.run(findingEvent('CRITICAL'));

      // Assert
      expect(trace.states.map((s) => s.name)).toEqual([
        'Normalize',
        'Enrich',
        'LookupTicket',
        'Route',
        'AlreadyTicketed',
      ]);
      expect(trace.status).toBe('SUCCEEDED');
    });

    it('catches a failed service task on States.TaskFailed', async () => {
      // Arrange
      const machine = new LocalStateMachine(workflow(), {
        handlers: handlers(newCalls(), {
          LookupTicket: async () => {
            throw new NamedError('DynamoDB.ResourceNotFoundException', 'Requested resource not found');
          },
        }),
      });

      // Act
      const trace = await machine.run(findingEvent('LOW'));

      // Assert
      expect(trace.states.map((s) => s.name)).toContain('NoTicket');
      expect(trace.output).toMatchObject({
        ticket: {},
        ticketError: { Error: 'DynamoDB.ResourceNotFoundException', Cause: 'Requested resource not found' },
      });
    });

    it('retries a named error twice, then succeeds, and counts the retries as transitions', async () => {
      // Arrange
      const calls = newCalls();
      let failures = 0;
      const machine = new LocalStateMachine(workflow(), {
        handlers: handlers(calls, {
          Enrich: async () => {
            if (failures++ < 2)
              throw new NamedError('TicketInProgressError', 'ticket SEC-1 is being updated');
            return { account: null, source: 'organizations' };
          },
        }),
      });

      const delays = timerDelays();

      // Act
      const trace = await machine.run(findingEvent('LOW'));

      // Assert
      expect(trace.status).toBe('SUCCEEDED');
      expect(trace.retries).toEqual([
        { stateName: 'Enrich', attempt: 1, error: 'TicketInProgressError' },
        { stateName: 'Enrich', attempt: 2, error: 'TicketInProgressError' },
      ]);
      expect(trace.transitions).toBe(trace.statesEntered + 2);
      expect(trace.statesEntered).toBe(6);
      expect(trace.lambdaInvocations).toBe(3);
      const enrichCalls = trace.taskInvocations.filter((t) => t.stateName === 'Enrich');
      expect(enrichCalls.map((t) => [t.attempt, t.functionLogicalId, t.error])).toEqual([
        [
          1,
          WORKFLOW_IDS.enrich,
          {
            Error: 'TicketInProgressError',
            Cause: '{"errorType":"TicketInProgressError","errorMessage":"ticket SEC-1 is being updated"}',
          },
        ],
        [2, WORKFLOW_IDS.enrich, expect.objectContaining({ Error: 'TicketInProgressError' })],
        [3, WORKFLOW_IDS.enrich, undefined],
      ]);
      expect(calls.infos.filter((i) => i.stateName === 'Enrich').map((i) => i.attempt)).toEqual([1, 2, 3]);
      // IntervalSeconds 5 with BackoffRate 2 would set timers of 5 s and 10 s with retryDelays 'real'.
      expect(delays).not.toContain(5_000);
      expect(delays).not.toContain(10_000);
    });

    it('catches a named error into the fallback without retrying it', async () => {
      // Arrange
      const machine = new LocalStateMachine(workflow(), {
        handlers: handlers(newCalls(), {
          Enrich: async () => {
            throw new NamedError('EnrichmentUnavailableError', 'Organizations is throttling');
          },
        }),
      });

      // Act
      const trace = await machine.run(findingEvent('LOW'));

      // Assert
      expect(trace.status).toBe('SUCCEEDED');
      expect(trace.retries).toEqual([]);
      expect(trace.states.map((s) => s.name).slice(0, 4)).toEqual([
        'Normalize',
        'Enrich',
        'EnrichFallback',
        'LookupTicket',
      ]);
      expect(trace.output).toMatchObject({
        enrichment: { account: null, source: 'fallback' },
        enrichError: {
          Error: 'EnrichmentUnavailableError',
          Cause: '{"errorType":"EnrichmentUnavailableError","errorMessage":"Organizations is throttling"}',
        },
      });
    });

    it('catches any other error on States.ALL into the Fail state', async () => {
      // Arrange
      const machine = new LocalStateMachine(workflow(), {
        handlers: handlers(newCalls(), {
          Enrich: async () => {
            throw new TypeError("Cannot read properties of undefined (reading 'Id')");
          },
        }),
      });

      // Act
      const trace = await machine.run(findingEvent('HIGH'));

      // Assert
      expect(trace.status).toBe('FAILED');
      expect(trace.error).toEqual({ Error: 'WorkflowFailed', Cause: 'The finding could not be enriched' });
      expect(trace.states.map((s) => s.name)).toEqual(['Normalize', 'Enrich', 'HandleFailure']);
      expect(trace.retries).toEqual([]);
      expect(trace.output).toBeUndefined();
    });

    it('catches after the retries are exhausted', async () => {
      // Arrange
      const machine = new LocalStateMachine(workflow(), {
        handlers: handlers(newCalls(), {
          Enrich: async () => {
            throw new NamedError('TransientError', 'still down');
          },
        }),
      });

      // Act
      const trace = await machine.run(findingEvent('HIGH'));

      // Assert
      expect(trace.taskInvocations.map((t) => t.attempt)).toEqual([1, 2, 3, 4]);
      expect(trace.retries.map((r) => [r.attempt, r.error])).toEqual([
        [1, 'TransientError'],
        [2, 'TransientError'],
        [3, 'TransientError'],
      ]);
      expect(trace.states.map((s) => s.name)).toEqual(['Normalize', 'Enrich', 'HandleFailure']);
      expect(trace).toMatchObject({ status: 'FAILED', error: { Error: 'WorkflowFailed' }, transitions: 6 });
    });

    it('fails the execution with the Lambda error when nothing catches it', async () => {
      // Arrange
      const machine = new LocalStateMachine(workflow(), {
        handlers: handlers(newCalls(), {
          RemediateResource: async () => {
            throw new NamedError('RemediationFailedError', 'PutPublicAccessBlock was denied');
          },
        }),
      });

      // Act
      const trace = await machine.run(findingEvent('HIGH'));

      // Assert
      expect(trace.status).toBe('FAILED');
      expect(trace.error).toEqual({
        Error: 'RemediationFailedError',
        Cause: '{"errorType":"RemediationFailedError","errorMessage":"PutPublicAccessBlock was denied"}',
      });
      expect(trace.states.map((s) => s.name)).not.toContain('RecordOutcome');
    });
  });

  describe('Constructor', () => {
    it('throws UnboundTaskError listing every task state without a handler', () => {
      // Arrange
      const onlyLambdas = (binding: TaskBinding): TaskHandler | undefined =>
        binding.kind.startsWith('lambda') ? async () => ({}) : undefined;

      // Act
      const act = () => new LocalStateMachine(workflow(), { handlers: onlyLambdas });

      // Assert
      expect(act).toThrow(UnboundTaskError);
      try {
        act();
      } catch (error) {
        expect((error as UnboundTaskError).stateNames).toEqual(['LookupTicket', 'UpdateFinding']);
        expect((error as UnboundTaskError).message).toContain(
          'UpdateFinding: sdk aws-sdk:securityhub:batchUpdateFindings',
        );
      }
    });

    it('treats a task state missing from machine.tasks as unbound, so nothing calls AWS', () => {
      // Arrange
      const machine = { ...workflow() };
      const partial = { ...machine, tasks: machine.tasks.filter((t) => t.stateName !== 'NotifyOwner') };

      // Act
      const act = () => new LocalStateMachine(partial, { handlers: () => async () => ({}) });

      // Assert
      expect(act).toThrow(UnboundTaskError);
      expect(act).toThrow('NotifyOwner: not listed in machine.tasks');
    });

    it('refuses a JSONata definition', () => {
      // Arrange
      const jsonata = inlineMachine({
        QueryLanguage: 'JSONata',
        StartAt: 'Shape',
        States: { Shape: { Type: 'Pass', Output: '{% $states.input.a %}', End: true } },
      });

      // Act
      const act = () => new LocalStateMachine(jsonata, { handlers: () => undefined });

      // Assert
      expect(act).toThrow(UnsupportedDefinitionError);
      expect(act).toThrow(/QueryLanguage JSONata/);
    });

    it('throws InvalidDefinitionError listing what asl-validator finds, unless validate is false', () => {
      // Arrange
      const invalid = inlineMachine({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });

      // Act
      const act = () => new LocalStateMachine(invalid, { handlers: () => undefined });

      // Assert
      expect(act).toThrow(InvalidDefinitionError);
      try {
        act();
      } catch (error) {
        expect((error as InvalidDefinitionError).problems).toEqual(
          expect.arrayContaining([expect.stringMatching(/^MISSING_TRANSITION_TARGET: .*Nowhere/)]),
        );
      }
      expect(
        () => new LocalStateMachine(invalid, { handlers: () => undefined, validate: false }),
      ).not.toThrow();
    });
  });

  describe('Function: run (hand-written definitions)', () => {
    it('shapes lambda-invoke results as an Invoke response and lambda-direct results as they are', async () => {
      // Arrange
      const definition: AslDefinition = {
        StartAt: 'Invoke',
        States: {
          Invoke: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: LAMBDA, 'Payload.$': '$' },
            ResultPath: '$.invoke',
            Next: 'Direct',
          },
          Direct: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.direct', End: true },
        },
      };
      const at = new Date('2026-01-02T03:04:05.000Z');
      const machine = new LocalStateMachine(inlineMachine(definition), {
        handlers: () => async () => ({ at, missing: undefined }),
      });

      // Act
      const trace = await machine.run({ a: 1 });

      // Assert
      expect(trace.output).toEqual({
        a: 1,
        invoke: { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: { at: '2026-01-02T03:04:05.000Z' } },
        direct: { at: '2026-01-02T03:04:05.000Z' },
      });
    });

    it('keeps every state of a Map that ends a Parallel branch, and numbers attempts per iteration', async () => {
      // Arrange
      const definition: AslDefinition = {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            End: true,
            Branches: [
              {
                StartAt: 'Each',
                States: {
                  Each: {
                    Type: 'Map',
                    End: true,
                    ItemProcessor: {
                      StartAt: 'Shape',
                      States: {
                        Shape: { Type: 'Pass', Next: 'Check' },
                        Check: { Type: 'Pass', Next: 'Work' },
                        Work: {
                          Type: 'Task',
                          Resource: LAMBDA,
                          Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 3 }],
                          End: true,
                        },
                      },
                    },
                  },
                },
              },
            ],
          },
        },
      };
      const failedOnce = new Set<number>();
      const machine = new LocalStateMachine(inlineMachine(definition), {
        handlers: () => async (payload, info) => {
          if (payload === 3 && !failedOnce.has(payload)) {
            failedOnce.add(payload);
            throw new Error('flaky');
          }
          return { item: payload, attempt: info.attempt };
        },
      });

      // Act
      const trace = await machine.run([1, 2, 3, 4, 5]);

      // Assert
      expect(trace.status).toBe('SUCCEEDED');
      expect(trace.statesEntered).toBe(17);
      expect(trace.mapIterations).toEqual({ Each: 5 });
      expect(trace.states.slice(0, 5).map((s) => s.name)).toEqual(['Fan', 'Each', 'Shape', 'Check', 'Work']);
      expect(trace.output).toEqual([[1, 2, 3, 4, 5].map((item) => ({ item, attempt: item === 3 ? 2 : 1 }))]);
      expect(trace.retries).toEqual([{ stateName: 'Work', attempt: 1, error: 'Error' }]);
      expect(trace.transitions).toBe(18);
    });

    it('fills in the context object and lets the caller add to it', async () => {
      // Arrange
      const definition: AslDefinition = {
        StartAt: 'Context',
        States: {
          Context: {
            Type: 'Pass',
            Parameters: {
              'execution.$': '$$.Execution.Name',
              'executionId.$': '$$.Execution.Id',
              'machine.$': '$$.StateMachine.Name',
              'input.$': '$$.Execution.Input.a',
              'token.$': '$$.Task.Token',
            },
            End: true,
          },
        },
      };
      const machine = new LocalStateMachine(inlineMachine(definition), { handlers: () => undefined });

      // Act
      const trace = await machine.run(
        { a: 7 },
        { executionName: 'ctx', context: { Task: { Token: 'token-1' } } },
      );

      // Assert
      expect(trace.output).toEqual({
        execution: 'ctx',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:inline:ctx',
        machine: 'inline',
        input: 7,
        token: 'token-1',
      });
    });

    it('waits the real retry interval with retryDelays real', async () => {
      // Arrange
      const definition: AslDefinition = {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: LAMBDA,
            Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }],
            End: true,
          },
        },
      };
      let calls = 0;
      const handler: TaskHandler = async () => {
        if (calls++ === 0) throw new Error('once');
        return 'ok';
      };
      const machine = new LocalStateMachine(inlineMachine(definition), {
        handlers: () => handler,
        retryDelays: 'real',
      });
      jest.useFakeTimers();

      // Act: the retry waits for the clock, which only the test moves.
      const running = machine.run({});
      await jest.advanceTimersByTimeAsync(999);
      const callsBeforeTheInterval = calls;
      await jest.advanceTimersByTimeAsync(1);
      const trace = await running;

      // Assert
      expect(callsBeforeTheInterval).toBe(1);
      expect(calls).toBe(2);
      expect(trace.status).toBe('SUCCEEDED');
    });

    it('ends with TIMED_OUT when the execution exceeds its TimeoutSeconds', async () => {
      // Arrange
      const definition: AslDefinition = {
        TimeoutSeconds: 1,
        StartAt: 'Slow',
        States: { Slow: { Type: 'Task', Resource: LAMBDA, End: true } },
      };
      const late = gate<string>();
      const machine = new LocalStateMachine(inlineMachine(definition), {
        handlers: () => () => late.promise,
      });
      jest.useFakeTimers();

      // Act: the task is still running when the clock passes the execution's one second.
      const running = machine.run({});
      await jest.advanceTimersByTimeAsync(1_000);
      const trace = await running;

      // Assert
      expect(trace.status).toBe('TIMED_OUT');
      expect(trace.error?.Error).toBe('States.Timeout');
      expect(trace.output).toBeUndefined();
      late.open('late');
    });

    it('runs a machine whose TimeoutSeconds is longer than a Node.js timer can hold (a year)', async () => {
      // Arrange: 2^31 - 1 ms (24.8 days) is the longest setTimeout; a longer one fires at once.
      const definition: AslDefinition = {
        TimeoutSeconds: 365 * 24 * 60 * 60,
        StartAt: 'Slow',
        States: { Slow: { Type: 'Task', Resource: LAMBDA, End: true } },
      };
      const late = gate<string>();
      const machine = new LocalStateMachine(inlineMachine(definition), {
        handlers: () => () => late.promise,
      });
      jest.useFakeTimers();

      // Act: the task answers after the clock has moved on.
      const running = machine.run({});
      await jest.advanceTimersByTimeAsync(1_000);
      late.open('done');
      const trace = await running;

      // Assert
      expect(trace.status).toBe('SUCCEEDED');
      expect(trace.output).toBe('done');
    });

    it('ends with ABORTED when the signal aborts', async () => {
      // Arrange
      const definition: AslDefinition = {
        StartAt: 'Slow',
        States: { Slow: { Type: 'Task', Resource: LAMBDA, End: true } },
      };
      const late = gate<string>();
      const controller = new AbortController();
      const machine = new LocalStateMachine(inlineMachine(definition), {
        handlers: () => () => {
          // The caller gives up while the task is running.
          controller.abort();
          return late.promise;
        },
      });

      // Act
      const trace = await machine.run({}, { signal: controller.signal });

      // Assert
      expect(trace.status).toBe('ABORTED');
      expect(trace.error?.Error).toBe('States.Aborted');
      late.open('late');
    });

    it('never leaves an unhandled rejection behind, also when a task times out and rejects later', async () => {
      // Arrange: a plain Node process, because Jest replaces the process's unhandledRejection handling.
      // The scenario registers process.on('unhandledRejection') and ends with a deliberately unhandled
      // 'control' rejection; without the polyfill the library leaves task promises unhandled.
      const scenario = (mode: string) => runScenario('tests/unhandled-rejection-scenario.ts', mode);

      // Act
      const [withPolyfill, withoutPolyfill] = await Promise.all([
        scenario('with-polyfill'),
        scenario('without-polyfill'),
      ]);

      // Assert
      expect(withPolyfill).toEqual({
        status: 'FAILED',
        error: 'FinalError',
        states: ['Fails', 'TimesOut', 'Uncaught'],
        rejections: ['control'],
      });
      expect(withoutPolyfill.rejections).toEqual(
        expect.arrayContaining([expect.stringContaining('"errorType":"FinalError"'), 'control']),
      );
    });
  });
});
