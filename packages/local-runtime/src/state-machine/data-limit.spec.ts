import { ExecutionInputTooLargeError } from '../errors';
import { type AslDefinition } from './asl';
import { STATE_PAYLOAD_LIMIT_BYTES, payloadBytes } from './data-limit';
import { taskBindingsOf, type ExtractedStateMachine } from './extract';
import { LocalStateMachine, type TaskHandler } from './local-state-machine';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

/** A hand-written machine whose tasks are direct Lambda calls. */
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

/** A JSON string value whose JSON text is exactly `size` bytes (the two quotes included). */
function stringOfBytes(size: number): string {
  return 'x'.repeat(size - 2);
}

/** A handler that counts its calls and returns `result`. */
function counting(result: unknown): { handler: TaskHandler; calls: () => number } {
  let calls = 0;
  return {
    handler: async () => {
      calls += 1;
      return result;
    },
    calls: () => calls,
  };
}

describe('Function: payloadBytes', () => {
  it('counts UTF-8 bytes of the JSON text, not characters', () => {
    expect(payloadBytes({ a: 'é' })).toBe(10);
    expect(payloadBytes(undefined)).toBe(4);
  });
});

describe('Class: LocalStateMachine (256 KiB per state, as on AWS)', () => {
  it('fails a task whose Lambda returns more than 256 KiB, past a Retry and a Catch on States.ALL', async () => {
    // Arrange: the workflow catches everything into a fallback; on AWS that fallback never sees an
    // oversized result, the execution fails. Locally the oversized result used to flow on.
    const big = counting(stringOfBytes(STATE_PAYLOAD_LIMIT_BYTES + 1));
    const definition: AslDefinition = {
      StartAt: 'Enrich',
      States: {
        Enrich: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fallback' }],
          End: true,
        },
        Fallback: { Type: 'Pass', End: true },
      },
    };
    const machine = new LocalStateMachine(inlineMachine(definition), { handlers: () => big.handler });

    // Act
    const trace = await machine.run({});

    // Assert
    expect(trace.status).toBe('FAILED');
    expect(trace.error?.Error).toBe('States.DataLimitExceeded');
    expect(trace.error?.Cause).toContain('result of task state "Enrich" is 262,145 bytes');
    expect(big.calls()).toBe(1);
    expect(trace.states.map((state) => state.name)).toEqual(['Enrich']);
    expect(trace.taskInvocations[0]?.error?.Error).toBe('States.DataLimitExceeded');
  });

  it('lets no Retry or Catch take an oversized task result, not even one that names the error', async () => {
    // Arrange: States.DataLimitExceeded is a terminal error on AWS.
    const big = counting(stringOfBytes(STATE_PAYLOAD_LIMIT_BYTES + 1));
    const definition: AslDefinition = {
      StartAt: 'List',
      States: {
        List: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [{ ErrorEquals: ['States.DataLimitExceeded'], MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], ResultPath: '$.error', Next: 'Smaller' }],
          End: true,
        },
        Smaller: { Type: 'Pass', End: true },
      },
    };
    const machine = new LocalStateMachine(inlineMachine(definition), { handlers: () => big.handler });

    // Act
    const trace = await machine.run({ page: 1 });

    // Assert
    expect(trace.status).toBe('FAILED');
    expect(trace.error?.Error).toBe('States.DataLimitExceeded');
    expect(trace.error?.Cause).toContain('result of task state "List"');
    expect(big.calls()).toBe(1);
    expect(trace.retries).toEqual([]);
  });

  it('accepts a state output of exactly 256 KiB and fails one byte more, counting UTF-8 bytes', async () => {
    // Arrange: "é" is one character and two bytes, so a limit counted in characters lets it through.
    const definition = (result: string): AslDefinition => ({
      StartAt: 'Build',
      States: { Build: { Type: 'Pass', Result: result, End: true } },
    });
    const run = (result: string) =>
      new LocalStateMachine(inlineMachine(definition(result)), { handlers: () => undefined }).run({});
    const accented = 'é'.repeat((STATE_PAYLOAD_LIMIT_BYTES - 2) / 2);

    // Act
    const [exact, over, overInBytes] = await Promise.all([
      run(stringOfBytes(STATE_PAYLOAD_LIMIT_BYTES)),
      run(stringOfBytes(STATE_PAYLOAD_LIMIT_BYTES + 1)),
      run(`${accented}é`),
    ]);

    // Assert
    expect(exact.status).toBe('SUCCEEDED');
    expect(over.status).toBe('FAILED');
    expect(over.error?.Error).toBe('States.DataLimitExceeded');
    expect(over.error?.Cause).toContain('output of state "Build"');
    expect(overInBytes.error?.Error).toBe('States.DataLimitExceeded');
  });

  it('fails the execution when a Map gathers more than 256 KiB, even with a Catch on the Map', async () => {
    // Arrange: each finding's result is small, the gathered list is not.
    const items = Array.from({ length: 3 }, (_, index) => index);
    const definition: AslDefinition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Work',
            States: { Work: { Type: 'Task', Resource: LAMBDA, End: true } },
          },
          Catch: [
            { ErrorEquals: ['States.DataLimitExceeded'], Next: 'Caught' },
            { ErrorEquals: ['States.ALL'], Next: 'Caught' },
          ],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const chunk = counting(stringOfBytes(100_000));
    const machine = new LocalStateMachine(inlineMachine(definition), { handlers: () => chunk.handler });

    // Act
    const trace = await machine.run(items);

    // Assert
    expect(chunk.calls()).toBe(3);
    expect(trace.status).toBe('FAILED');
    expect(trace.error?.Error).toBe('States.DataLimitExceeded');
    expect(trace.error?.Cause).toContain('output of state "Each"');
    expect(trace.states.map((state) => state.name)).not.toContain('Caught');
  });

  it('fails a Map iteration whose item is over 256 KiB, and no Catch of the Map takes it', async () => {
    // Arrange
    const definition: AslDefinition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemSelector: { 'item.$': '$$.Map.Item.Value', 'all.$': '$' },
          ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const machine = new LocalStateMachine(inlineMachine(definition), { handlers: () => undefined });

    // Act: the input is under the limit, but each item carries it all twice.
    const trace = await machine.run([stringOfBytes(140_000)]);

    // Assert
    expect(trace.status).toBe('FAILED');
    expect(trace.error?.Error).toBe('States.DataLimitExceeded');
    expect(trace.error?.Cause).toContain('input of state "Work"');
  });

  it('refuses a task input over 256 KiB after Parameters, without calling the task', async () => {
    // Arrange
    const task = counting('ok');
    const definition: AslDefinition = {
      StartAt: 'Notify',
      States: {
        Notify: {
          Type: 'Task',
          Resource: LAMBDA,
          Parameters: { 'first.$': '$', 'second.$': '$' },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const machine = new LocalStateMachine(inlineMachine(definition), { handlers: () => task.handler });

    // Act
    const trace = await machine.run({ body: stringOfBytes(140_000) });

    // Assert
    expect(trace.status).toBe('FAILED');
    expect(trace.error?.Cause).toContain('input of state "Notify"');
    expect(task.calls()).toBe(0);
  });

  it('refuses an execution input over 256 KiB as StartExecution does, before any state runs', async () => {
    // Arrange
    const task = counting('ok');
    const definition: AslDefinition = {
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: LAMBDA, End: true } },
    };
    const machine = new LocalStateMachine(inlineMachine(definition), { handlers: () => task.handler });

    // Act
    const refused = machine.run(stringOfBytes(STATE_PAYLOAD_LIMIT_BYTES + 1));
    const accepted = await machine.run(stringOfBytes(STATE_PAYLOAD_LIMIT_BYTES));

    // Assert
    await expect(refused).rejects.toThrow(ExecutionInputTooLargeError);
    await expect(refused).rejects.toMatchObject({ bytes: STATE_PAYLOAD_LIMIT_BYTES + 1 });
    expect(accepted.status).toBe('SUCCEEDED');
    expect(task.calls()).toBe(1);
  });
});
