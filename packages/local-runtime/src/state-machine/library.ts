// The polyfill must run before aws-local-stepfunctions executes any task (see polyfill-node20.ts).
import '../polyfill-node20';
import { AsyncLocalStorage } from 'node:async_hooks';
import { StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import { overLimit } from './data-limit';

export {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
} from 'aws-local-stepfunctions';
export type { RunOptions } from 'aws-local-stepfunctions';

/** What `StateMachine.run` returns. */
export type LibraryExecution = ReturnType<StateMachine['run']>;
/** One event of aws-local-stepfunctions' event log. */
export type LibraryEvent = LibraryExecution['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
/** A JSON value as aws-local-stepfunctions types it. */
export type JsonValue = Parameters<StateMachine['run']>[0];
/** A local handler of one Task state, as aws-local-stepfunctions calls it. */
export type TaskOverride = (input: JsonValue) => Promise<JsonValue>;

/** One execution of a run: the root, a Map iteration or a Parallel branch. */
export interface RecordedExecution {
  readonly id: number;
  /** The execution that started this one; undefined for the root. */
  readonly parentId: number | undefined;
  /** The definition it runs: the root definition, or one Parallel branch or Map item processor object. */
  readonly definition: unknown;
  /** Its own state and execution events, in the order it dispatched them. */
  readonly events: LibraryEvent[];
}

/**
 * Sees every execution of one run: the root one and each Map iteration and Parallel branch, which
 * aws-local-stepfunctions runs as nested `StateMachine.run` calls.
 *
 * Why: the library forwards the events of nested executions to their parent's event log
 * asynchronously and drops those that arrive after the parent has finished, so the root event log
 * misses states of a Map or Parallel that ends its branch (measured: 7 of 17 StateEntered events for a
 * Map of 5 items at the end of a Parallel), and the events that do arrive interleave by read time,
 * not by when they happened. Reading each execution's own event log misses nothing and keeps each
 * execution's order; the parent of each execution comes from an AsyncLocalStorage set around it.
 * It also gives each execution its own task handlers.
 */
export class ExecutionRecorder {
  private readonly parents = new AsyncLocalStorage<number>();
  private open = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly seen = new WeakSet<object>();
  /** Every execution of the run, by id (the root is 0), in the order they started. */
  public readonly executions: RecordedExecution[] = [];

  public constructor(private readonly handlersFor: (executionId: number) => Record<string, TaskOverride>) {}

  /** Runs `machine` with this recorder attached; the returned event log must be consumed to the end. */
  public run(machine: StateMachine, input: JsonValue, options: RunOptions): LibraryExecution {
    return machine.run(input, { ...options, [RECORDER]: this } as RunOptions);
  }

  /** Resolves once every event log seen so far has been read to its end, or after `timeoutMs`. */
  public async idle(timeoutMs: number): Promise<void> {
    if (this.open === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /** @internal Called by the `StateMachine.prototype.run` hook for every execution of this run. */
  public execute(machine: StateMachine, input: JsonValue, options: RunOptions): LibraryExecution {
    const recorded: RecordedExecution = {
      id: this.executions.length,
      parentId: this.parents.getStore(),
      definition: Reflect.get(machine, 'definition'),
      events: [],
    };
    this.executions.push(recorded);
    const execution = this.parents.run(recorded.id, () =>
      originalRun.call(machine, input, {
        ...options,
        overrides: { ...options.overrides, taskResourceLocalHandlers: this.handlersFor(recorded.id) },
      }),
    );
    return { ...execution, eventLogs: this.track(recorded, execution.eventLogs) };
  }

  private track(
    recorded: RecordedExecution,
    source: AsyncGenerator<LibraryEvent>,
  ): AsyncGenerator<LibraryEvent> {
    this.open++;
    const observe = (event: LibraryEvent): void => {
      // A nested execution's events reach its parent's log as the same objects, after the nested
      // log yielded them: keep each where it was seen first. The parent's MapIteration* and
      // ParallelBranch* events are copies of nested Execution* events: skip them.
      if (
        this.seen.has(event) ||
        event.type.startsWith('MapIteration') ||
        event.type.startsWith('ParallelBranch')
      )
        return;
      this.seen.add(event);
      recorded.events.push(event);
    };
    const close = (): void => {
      this.open--;
      if (this.open === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    };
    return (async function* tracked(): AsyncGenerator<LibraryEvent> {
      try {
        for await (const event of source) {
          observe(event);
          yield event;
        }
      } finally {
        close();
      }
    })();
  }
}

const RECORDER = Symbol.for('@soar/local-runtime/execution-recorder');
const HOOKED = Symbol.for('@soar/local-runtime/run-hook');
const EXECUTE_HOOKED = Symbol.for('@soar/local-runtime/execute-hook');

function recorderOf(options: RunOptions | undefined): ExecutionRecorder | undefined {
  const recorder: unknown = options === undefined ? undefined : Reflect.get(options, RECORDER);
  return recorder instanceof ExecutionRecorder ? recorder : undefined;
}

const prototype: StateMachine = StateMachine.prototype;
const existing: unknown = Reflect.get(prototype, HOOKED);
const originalRun: StateMachine['run'] =
  typeof existing === 'function' ? (existing as StateMachine['run']) : prototype.run;

if (existing === undefined) {
  // Pass-through for every run that was not started by an ExecutionRecorder. Nested executions get the
  // options of their parent (the recorder symbol survives the library's `{ ...options }` copies).
  Reflect.set(prototype, HOOKED, originalRun);
  prototype.run = function run(this: StateMachine, input: JsonValue, options?: RunOptions): LibraryExecution {
    const recorder = recorderOf(options);
    return recorder === undefined || options === undefined
      ? originalRun.call(this, input, options)
      : recorder.execute(this, input, options);
  };
}

/** The library's private `StateMachine.execute`, the loop over the states, and its event logger. */
type ExecuteLoop = (
  this: StateMachine,
  input: JsonValue,
  options: { runOptions?: RunOptions; eventLogger: StateEventLogger },
  cleanup: () => void,
) => Promise<JsonValue>;
interface StateEventLogger {
  dispatchStateEnteredEvent(name: string, type: string, input: JsonValue): void;
  dispatchStateExitedEvent(name: string, type: string, input: JsonValue, output: JsonValue): void;
}

const existingExecute: unknown = Reflect.get(prototype, EXECUTE_HOOKED);
const originalExecute = (existingExecute ?? Reflect.get(prototype, 'execute')) as ExecuteLoop;

if (existingExecute === undefined) {
  // For runs of an ExecutionRecorder, a state input or output over 256 KiB ends the execution. The
  // loop enters and leaves states through these two calls, outside the states' Retry and Catch, and
  // turns what they throw into the execution's failure: where Step Functions checks sizes.
  Reflect.set(prototype, EXECUTE_HOOKED, originalExecute);
  Reflect.set(prototype, 'execute', function execute(this: StateMachine, ...args: Parameters<ExecuteLoop>) {
    const [, { runOptions, eventLogger: logger }] = args;
    if (recorderOf(runOptions) !== undefined) {
      const [entered, exited] = [logger.dispatchStateEnteredEvent, logger.dispatchStateExitedEvent];
      const check = (what: string, value: JsonValue): void => {
        const tooLarge = overLimit(value, what);
        if (tooLarge !== undefined) throw tooLarge;
      };
      logger.dispatchStateEnteredEvent = (name, type, input) => {
        check(`input of state "${name}"`, input);
        entered.call(logger, name, type, input);
      };
      logger.dispatchStateExitedEvent = (name, type, input, output) => {
        check(`output of state "${name}"`, output);
        exited.call(logger, name, type, input, output);
      };
    }
    return originalExecute.apply(this, args);
  });
}
