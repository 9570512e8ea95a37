/*
 * Runs failing executions in a plain Node process (not under Jest, which replaces the process's
 * `unhandledRejection` handling) and prints, as JSON, the execution status and the messages of every
 * unhandled rejection seen. Used by local-state-machine.spec.ts:
 *   tsx tests/unhandled-rejection-scenario.ts [with-polyfill|without-polyfill]
 * `without-polyfill` removes Promise.withResolvers after the runtime is loaded, to show the
 * rejection this guards against: aws-local-stepfunctions starts the task, then fails on the missing
 * API and leaves the task's promise unhandled.
 */
import { type AslDefinition } from '../src/state-machine/asl';
import { taskBindingsOf } from '../src/state-machine/extract';
import { LocalStateMachine, type TaskHandler } from '../src/state-machine/local-state-machine';

const rejections: string[] = [];
process.on('unhandledRejection', (reason) => {
  rejections.push(reason instanceof Error ? reason.message : String(reason));
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

class NamedError extends Error {
  public constructor(
    public override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'without-polyfill') Reflect.deleteProperty(Promise, 'withResolvers');
  const definition: AslDefinition = {
    StartAt: 'Fails',
    States: {
      Fails: {
        Type: 'Task',
        Resource: LAMBDA,
        Retry: [{ ErrorEquals: ['RetryMe'], MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'TimesOut' }],
        Next: 'TimesOut',
      },
      TimesOut: {
        Type: 'Task',
        Resource: `${LAMBDA}-2`,
        TimeoutSeconds: 1,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Uncaught' }],
        Next: 'Uncaught',
      },
      Uncaught: { Type: 'Task', Resource: `${LAMBDA}-3`, End: true },
    },
  };
  let attempts = 0;
  const byState: Record<string, TaskHandler> = {
    Fails: async () => {
      throw new NamedError(attempts++ === 0 ? 'RetryMe' : 'CatchMe', 'fails, is retried, then caught');
    },
    TimesOut: async () => {
      await delay(1_200);
      throw new NamedError('LateError', 'rejects after its state timed out');
    },
    Uncaught: async () => {
      throw new NamedError('FinalError', 'nobody catches this');
    },
  };
  const machine = new LocalStateMachine(
    {
      logicalId: 'Scenario',
      name: 'scenario',
      arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:scenario',
      type: 'STANDARD',
      definition,
      tasks: taskBindingsOf(definition, []),
    },
    { handlers: (binding) => byState[binding.stateName] },
  );
  const trace = await machine.run({});
  await delay(500); // the TimesOut handler rejects 1.2 s after it started, 0.2 s after its state timed out
  // Control: a rejection nobody handles is seen by the listener.
  void Promise.reject(new Error('control'));
  await delay(50);
  process.stdout.write(
    JSON.stringify({
      status: trace.status,
      error: trace.error?.Error,
      states: trace.states.map((s) => s.name),
      rejections,
    }),
  );
}

void main();
