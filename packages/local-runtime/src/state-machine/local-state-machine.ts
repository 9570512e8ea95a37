import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  ExecutionInputTooLargeError,
  InvalidDefinitionError,
  LocalRuntimeError,
  UnboundTaskError,
  UnsupportedDefinitionError,
} from '../errors';
import { AslDefinitionSchema, walkStates, type AslState, type WalkedState } from './asl';
import { AttemptCounter } from './attempts';
import { STATE_PAYLOAD_LIMIT_BYTES, overLimit, payloadBytes } from './data-limit';
import { type ExtractedStateMachine, type TaskBinding } from './extract';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionRecorder,
  ExecutionTimeoutError,
  StateMachine,
  type JsonValue,
  type LibraryEvent,
  type RecordedExecution,
  type RunOptions,
  type TaskOverride,
} from './library';
import { findUnsupportedFeatures } from './supported';
import { TaskFailure, taskFailureOf } from './task-failure';
import {
  type ExecutionStatus,
  type ExecutionTrace,
  type StepFunctionsError,
  type TaskInvocationInfo,
  type TracedRetry,
  type TracedState,
  type TracedTaskInvocation,
} from './trace';
import { validateDefinition } from './validate';
import { isRecord } from '@soar/common';

/**
 * The local stand-in for what a Task state calls. It gets:
 * - `lambda-invoke`: the resolved `Parameters.Payload` (the event the Lambda would get); its result
 *   becomes the `Payload` of the Invoke response `{ StatusCode: 200, ExecutedVersion: '$LATEST', Payload }`;
 * - `lambda-direct`: the state's effective input; its result is the state result;
 * - `sdk` / `service`: the resolved `Parameters` (the API request); its result is the API response.
 *
 * Results go through JSON, as on AWS. A thrown error surfaces to Retry/Catch with `Error` = its
 * `name` (give your error classes a `name`) and, for Lambda tasks, `Cause` =
 * `{"errorType": name, "errorMessage": message}` as for a Node.js Lambda; for other tasks `Cause` is
 * the message.
 */
export type TaskHandler = (payload: unknown, info: TaskInvocationInfo) => Promise<unknown>;

/** Picks the handler of a Task state; `undefined` leaves the state unbound (the constructor then throws). */
export type TaskHandlerResolver = (binding: TaskBinding) => TaskHandler | undefined;

/** Options of {@link LocalStateMachine}. */
export interface LocalStateMachineOptions {
  readonly handlers: TaskHandlerResolver;
  /**
   * `none` (default): every `Retry` waits 0 ms, but retries still happen and are traced.
   * `real`: `IntervalSeconds`, `BackoffRate`, `MaxDelaySeconds` and `JitterStrategy` apply.
   */
  readonly retryDelays?: 'none' | 'real';
  /** `none` (default): `Wait` states do not wait. `real`: they wait as defined. */
  readonly waitTimes?: 'none' | 'real';
  /** Validate the definition with asl-validator 4 (default true). */
  readonly validate?: boolean;
}

/** Options of one {@link LocalStateMachine.run}. */
export interface RunExecutionOptions {
  /** Default: a random UUID. */
  readonly executionName?: string;
  /**
   * Context object entries (`$$`). `Execution.Id`, `Execution.Name`, `StateMachine.Id` and
   * `StateMachine.Name` are filled in; `Execution.Input` and `Execution.StartTime` are always set.
   */
  readonly context?: Record<string, unknown>;
  /** Aborting it ends the execution with status `ABORTED`. */
  readonly signal?: AbortSignal;
}

interface RunState {
  readonly executionName: string;
  readonly attempts: AttemptCounter;
  readonly invocations: TracedTaskInvocation[];
  lambdaInvocations: number;
}

/** How long a finished run waits for the event logs of Map iterations and branches still being read. */
const EVENT_LOG_GRACE_MS = 2_000;

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

function describeBinding(binding: TaskBinding): string {
  const target =
    binding.functionConstructPath ?? binding.functionLogicalId ?? binding.functionName ?? binding.integration;
  return `${binding.kind} ${target ?? binding.resource}`;
}

/** Each Parallel branch and Map item processor object of `definition`, with the state that owns it. */
function nestedOwnersOf(definition: unknown): Map<unknown, { stateName: string; branch: number }> {
  const owners = new Map<unknown, { stateName: string; branch: number }>();
  const visit = (current: unknown): void => {
    const states = isRecord(current) ? current['States'] : undefined;
    if (!isRecord(states)) return;
    for (const [stateName, state] of Object.entries(states)) {
      if (!isRecord(state)) continue;
      // The library runs `Branches[i]`, and `ItemProcessor ?? Iterator`, as these very objects.
      const nested =
        state['Type'] === 'Parallel' && Array.isArray(state['Branches'])
          ? state['Branches']
          : state['Type'] === 'Map'
            ? [state['ItemProcessor'] ?? state['Iterator']]
            : [];
      nested.forEach((child: unknown, branch) => {
        owners.set(child, { stateName, branch });
        visit(child);
      });
    }
  };
  visit(definition);
  return owners;
}

/**
 * Runs one state machine of a synthesized template in this process with aws-local-stepfunctions
 * 3.0.0, calling local handlers (usually the very Lambda handler modules CDK deploys) for its Task
 * states, and returns an {@link ExecutionTrace} of each run.
 *
 * @example
 * ```ts
 * const [workflow] = extractStateMachines(template);
 * const machine = new LocalStateMachine(workflow, {
 *   handlers: (task) => {
 *     if (task.functionConstructPath === 'SoarStack/EnrichFunction') return (event) => enrich(event);
 *     if (task.integration === 'dynamodb:getItem') return async () => ({});
 *     return undefined; // unbound: the constructor throws UnboundTaskError listing it
 *   },
 * });
 * const trace = await machine.run(findingsImportedEvent);
 * trace.status; // => 'SUCCEEDED'
 * trace.transitions; // states entered + retries
 * ```
 */
export class LocalStateMachine {
  public readonly machine: ExtractedStateMachine;
  private readonly library: StateMachine;
  private readonly handlers: ReadonlyMap<string, { binding: TaskBinding; handler: TaskHandler }>;
  private readonly walked: ReadonlyMap<string, WalkedState>;
  private readonly taskStates: ReadonlyMap<string, AslState>;
  /** Map state name → name of the first state of its item processor. */
  private readonly mapStarts: ReadonlyMap<string, string>;
  /** Parallel branch / Map item processor object (as the library runs it) → its state and branch index. */
  private readonly owners: ReadonlyMap<unknown, { readonly stateName: string; readonly branch: number }>;
  private readonly retryIntervalOverrides: Record<string, number>;
  private readonly waitTimeOverrides: Record<string, number>;

  /**
   * @throws {UnsupportedDefinitionError} for definitions the local runtime refuses (see {@link findUnsupportedFeatures}).
   * @throws {InvalidDefinitionError} when asl-validator 4 rejects the definition (unless `validate: false`).
   * @throws {UnboundTaskError} listing every Task state the resolver returned no handler for.
   */
  public constructor(machine: ExtractedStateMachine, options: LocalStateMachineOptions) {
    this.machine = machine;
    const context = { logicalId: machine.logicalId };
    // A copy: the library keeps the definition and runs its nested branches as these very objects.
    // Through JSON, not structuredClone: the library tests `Object.getPrototypeOf(x) === Object.prototype`,
    // which structuredClone's objects fail inside a vm context such as a Jest test.
    const definition = AslDefinitionSchema.parse(JSON.parse(JSON.stringify(machine.definition)));
    // The library's setTimeout fires at once beyond 2^31 - 1 ms (24.8 days; AWS allows a year), which
    // would time the run out at its start; no local run lasts that long, so such a limit is dropped.
    if ((definition.TimeoutSeconds ?? 0) * 1000 > 2 ** 31 - 1) delete definition.TimeoutSeconds;
    const unsupported = findUnsupportedFeatures(definition);
    if (unsupported.length > 0)
      throw new UnsupportedDefinitionError(machine.logicalId, unsupported, { context });
    if (options.validate ?? true) {
      const problems = validateDefinition(definition);
      if (problems.length > 0) throw new InvalidDefinitionError(machine.logicalId, problems, { context });
    }

    const handlers = new Map<string, { binding: TaskBinding; handler: TaskHandler }>();
    const unbound: { stateName: string; description: string }[] = [];
    for (const binding of machine.tasks) {
      const handler = options.handlers(binding);
      if (handler === undefined)
        unbound.push({ stateName: binding.stateName, description: describeBinding(binding) });
      else handlers.set(binding.stateName, { binding, handler });
    }
    const walked = walkStates(definition);
    for (const task of walked.filter((w) => w.state.Type === 'Task' && !handlers.has(w.name))) {
      // A Task state missing from `machine.tasks` would make the library call AWS Lambda for real.
      if (!unbound.some((u) => u.stateName === task.name)) {
        unbound.push({ stateName: task.name, description: 'not listed in machine.tasks' });
      }
    }
    if (unbound.length > 0) throw new UnboundTaskError(machine.logicalId, unbound, { context });
    this.handlers = handlers;

    this.walked = new Map(walked.map((w) => [w.name, w]));
    this.taskStates = new Map(walked.filter((w) => w.state.Type === 'Task').map((w) => [w.name, w.state]));
    this.mapStarts = new Map(
      walked.flatMap((w) => {
        if (w.state.Type !== 'Map') return [];
        const processor = w.state['ItemProcessor'] ?? w.state['Iterator'];
        const startAt = isRecord(processor) ? processor['StartAt'] : undefined;
        return typeof startAt === 'string' ? [[w.name, startAt] as const] : [];
      }),
    );
    this.retryIntervalOverrides =
      (options.retryDelays ?? 'none') === 'none'
        ? Object.fromEntries(walked.filter((w) => Array.isArray(w.state['Retry'])).map((w) => [w.name, 0]))
        : {};
    this.waitTimeOverrides =
      (options.waitTimes ?? 'none') === 'none'
        ? Object.fromEntries(walked.filter((w) => w.state.Type === 'Wait').map((w) => [w.name, 0]))
        : {};
    this.owners = nestedOwnersOf(definition);
    // Validation is ours (asl-validator 4); the library's nested asl-validator 3 rejects valid ASL.
    this.library = new StateMachine(definition as unknown as ConstructorParameters<typeof StateMachine>[0], {
      validationOptions: { noValidate: true },
    });
  }

  /**
   * Runs one execution. Never rejects for a failed, aborted or timed-out execution: the trace says
   * how it ended (`States.DataLimitExceeded` for a state input or output over 256 KiB, see the README).
   * Rejects for a bug in the local runtime itself, and with {@link ExecutionInputTooLargeError} for an
   * input over 256 KiB, as `StartExecution` does.
   *
   * @example
   * ```ts
   * const trace = await machine.run({ detail: { findings: [finding] } }, { executionName: 'finding-1' });
   * if (trace.status === 'FAILED') console.log(trace.error?.Error, trace.error?.Cause);
   * ```
   */
  public async run(input: unknown, options: RunExecutionOptions = {}): Promise<ExecutionTrace> {
    const json = toJson(input);
    const inputBytes = payloadBytes(json);
    if (inputBytes > STATE_PAYLOAD_LIMIT_BYTES)
      throw new ExecutionInputTooLargeError(this.machine.logicalId, inputBytes);
    const executionName = options.executionName ?? randomUUID();
    const executionArn = `${this.machine.arn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    const state: RunState = {
      executionName,
      attempts: new AttemptCounter(this.taskStates),
      invocations: [],
      lambdaInvocations: 0,
    };
    const recorder = new ExecutionRecorder((executionId) => this.overridesFor(executionId, state));
    const runOptions: RunOptions = {
      overrides: {
        retryIntervalOverrides: this.retryIntervalOverrides,
        waitTimeOverrides: this.waitTimeOverrides,
      },
      context: this.contextObject(executionName, executionArn, options.context ?? {}),
    };

    const started = performance.now();
    const execution = recorder.run(this.library, json, runOptions);
    const abort = (): void => execution.abort();
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const consumed = (async () => {
      for await (const _event of execution.eventLogs) {
        // The recorder keeps the events.
      }
    })();

    let status: ExecutionStatus;
    let output: unknown;
    let error: StepFunctionsError | undefined;
    try {
      output = await execution.result;
      status = 'SUCCEEDED';
    } catch (thrown) {
      ({ status, error } = this.outcomeOf(thrown));
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    await consumed;
    await recorder.idle(EVENT_LOG_GRACE_MS);
    const durationMs = performance.now() - started;

    return {
      executionName,
      executionArn,
      stateMachine: this.machine.logicalId,
      status,
      ...(status === 'SUCCEEDED' ? { output } : {}),
      ...(error === undefined ? {} : { error }),
      ...this.summarize(this.ordered(recorder.executions)),
      lambdaInvocations: state.lambdaInvocations,
      taskInvocations: state.invocations,
      durationMs,
    };
  }

  private contextObject(
    executionName: string,
    executionArn: string,
    given: Record<string, unknown>,
  ): NonNullable<RunOptions['context']> {
    const execution = isRecord(given['Execution']) ? given['Execution'] : {};
    const stateMachine = isRecord(given['StateMachine']) ? given['StateMachine'] : {};
    return {
      ...given,
      Execution: { Id: executionArn, Name: executionName, ...execution },
      StateMachine: { Id: this.machine.arn, Name: this.machine.name, ...stateMachine },
    };
  }

  private outcomeOf(thrown: unknown): { status: ExecutionStatus; error?: StepFunctionsError } {
    if (thrown instanceof ExecutionError) {
      const cause: unknown = thrown.cause;
      if (cause instanceof TaskFailure) return { status: 'FAILED', error: cause.stepFunctionsError };
      if (cause instanceof Error)
        return { status: 'FAILED', error: { Error: cause.name, Cause: cause.message } };
      return { status: 'FAILED', error: { Error: 'States.Runtime', Cause: String(cause) } };
    }
    if (thrown instanceof ExecutionTimeoutError) {
      const seconds = this.machine.definition.TimeoutSeconds;
      return {
        status: 'TIMED_OUT',
        error: {
          Error: 'States.Timeout',
          Cause: `The execution ran longer than its TimeoutSeconds (${String(seconds)})`,
        },
      };
    }
    if (thrown instanceof ExecutionAbortedError) {
      return { status: 'ABORTED', error: { Error: 'States.Aborted', Cause: 'The execution was aborted' } };
    }
    throw new LocalRuntimeError(
      `aws-local-stepfunctions failed unexpectedly running ${this.machine.logicalId}`,
      { cause: thrown, context: { logicalId: this.machine.logicalId } },
    );
  }

  private overridesFor(executionId: number, run: RunState): Record<string, TaskOverride> {
    const overrides: Record<string, TaskOverride> = {};
    for (const [stateName, { binding, handler }] of this.handlers) {
      overrides[stateName] = (input) =>
        this.invoke(binding, handler, input, `${executionId}:${stateName}`, run);
    }
    return overrides;
  }

  private async invoke(
    binding: TaskBinding,
    handler: TaskHandler,
    input: JsonValue,
    key: string,
    run: RunState,
  ): Promise<JsonValue> {
    // The request after InputPath and Parameters is a state input: refused before the call, as on AWS.
    const inputTooLarge = overLimit(input, `input of state "${binding.stateName}"`);
    if (inputTooLarge !== undefined) throw inputTooLarge;
    const { attempt, token } = run.attempts.begin(key, binding.stateName);
    const isLambda = binding.kind === 'lambda-invoke' || binding.kind === 'lambda-direct';
    if (isLambda) run.lambdaInvocations++;
    const payload =
      binding.kind === 'lambda-invoke' ? (isRecord(input) ? (input['Payload'] ?? {}) : {}) : input;
    const traced = {
      stateName: binding.stateName,
      kind: binding.kind,
      ...(binding.functionLogicalId === undefined ? {} : { functionLogicalId: binding.functionLogicalId }),
      attempt,
    };
    const started = performance.now();
    let result: JsonValue;
    try {
      result = toJson(
        await handler(payload, {
          stateName: binding.stateName,
          binding,
          attempt,
          executionName: run.executionName,
        }),
      );
    } catch (error) {
      const failure = taskFailureOf(error, binding.kind);
      run.invocations.push({
        ...traced,
        durationMs: performance.now() - started,
        error: failure.stepFunctionsError,
      });
      run.attempts.fail(key, binding.stateName, token, failure.name);
      throw failure;
    }
    const response: JsonValue =
      binding.kind === 'lambda-invoke'
        ? { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: result }
        : result;
    // The integration answered; an answer over the limit still ends the execution (a terminal error).
    const tooLarge = overLimit(response, `result of task state "${binding.stateName}"`);
    const error = tooLarge && { Error: tooLarge.name, Cause: tooLarge.message };
    run.invocations.push({ ...traced, durationMs: performance.now() - started, ...(error && { error }) });
    run.attempts.succeed(key, token);
    if (tooLarge !== undefined) throw tooLarge;
    return response;
  }

  /**
   * The events of all executions of a run in a deterministic order: each execution's own events in
   * order, with the Parallel branches (in branch order) and Map iterations (in item order) of a state
   * right after the event of entering it.
   */
  private ordered(executions: readonly RecordedExecution[]): { executionId: number; event: LibraryEvent }[] {
    const children = new Map<number, RecordedExecution[]>();
    for (const execution of executions) {
      if (execution.parentId === undefined) continue;
      children.set(execution.parentId, [...(children.get(execution.parentId) ?? []), execution]);
    }
    const out: { executionId: number; event: LibraryEvent }[] = [];
    const visit = (execution: RecordedExecution): void => {
      const attached = new Map<LibraryEvent, RecordedExecution[]>();
      const unattached: RecordedExecution[] = [];
      const kids = [...(children.get(execution.id) ?? [])].sort(
        (a, b) =>
          (this.owners.get(a.definition)?.branch ?? 0) - (this.owners.get(b.definition)?.branch ?? 0) ||
          a.id - b.id,
      );
      for (const kid of kids) {
        const owner = this.owners.get(kid.definition)?.stateName;
        const entries = execution.events.filter((e) => e.type === 'StateEntered' && e.state.name === owner);
        const started = kid.events[0]?.timestamp ?? Number.POSITIVE_INFINITY;
        // The entry of the owning state that was open when the kid started (state entries are sequential).
        const entry = entries.findLast((e) => e.timestamp <= started) ?? entries[0];
        if (entry === undefined) unattached.push(kid);
        else attached.set(entry, [...(attached.get(entry) ?? []), kid]);
      }
      for (const event of execution.events) {
        out.push({ executionId: execution.id, event });
        for (const kid of attached.get(event) ?? []) visit(kid);
      }
      unattached.forEach(visit);
    };
    const root = executions[0];
    if (root !== undefined) visit(root);
    return out;
  }

  private summarize(
    events: readonly { readonly executionId: number; readonly event: LibraryEvent }[],
  ): Pick<ExecutionTrace, 'states' | 'statesEntered' | 'transitions' | 'retries' | 'mapIterations'> {
    const states: TracedState[] = [];
    const retries: TracedRetry[] = [];
    const lastError = new Map<string, string>();
    const retriesSinceEntry = new Map<string, number>();
    const entries = new Map<string, number>();
    for (const { executionId, event } of events) {
      if (!('state' in event)) continue;
      const key = `${executionId}:${event.state.name}`;
      switch (event.type) {
        case 'StateEntered':
          states.push({
            name: event.state.name,
            type: event.state.type,
            path: this.walked.get(event.state.name)?.path ?? [],
          });
          entries.set(event.state.name, (entries.get(event.state.name) ?? 0) + 1);
          retriesSinceEntry.set(key, 0);
          break;
        case 'StateFailed':
          lastError.set(key, event.Error);
          break;
        case 'StateRetried': {
          const attempt = (retriesSinceEntry.get(key) ?? 0) + 1;
          retriesSinceEntry.set(key, attempt);
          retries.push({ stateName: event.state.name, attempt, error: lastError.get(key) ?? 'States.ALL' });
          break;
        }
        default:
          break;
      }
    }
    const mapIterations: Record<string, number> = {};
    for (const [mapName, startAt] of this.mapStarts) {
      if (entries.has(mapName)) mapIterations[mapName] = entries.get(startAt) ?? 0;
    }
    return {
      states,
      statesEntered: states.length,
      transitions: states.length + retries.length,
      retries,
      mapIterations,
    };
  }
}
