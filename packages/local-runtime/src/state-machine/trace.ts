import { type TaskBinding, type TaskKind } from './extract';

/** `Error` and `Cause` of a failure, as Step Functions reports them. */
export interface StepFunctionsError {
  readonly Error: string;
  readonly Cause: string;
}

/** How an execution ended. */
export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/** One state entered during an execution. */
export interface TracedState {
  readonly name: string;
  /** `Task`, `Choice`, `Map`, ... */
  readonly type: string;
  /** Enclosing states, outermost first; see {@link WalkedState.path}. */
  readonly path: readonly string[];
}

/** One call of a task handler. */
export interface TracedTaskInvocation {
  readonly stateName: string;
  readonly kind: TaskKind;
  readonly functionLogicalId?: string;
  /** 1-based; 2 for the first retry. */
  readonly attempt: number;
  readonly durationMs: number;
  /** How the failure surfaced to Retry/Catch, when the handler threw. */
  readonly error?: StepFunctionsError;
}

/** One retry of a state (Task, Parallel or Map) by its `Retry` rules. */
export interface TracedRetry {
  readonly stateName: string;
  /** Which retry this was for this state entry: 1 after the first failure. */
  readonly attempt: number;
  /** The `Error` that was retried, e.g. `TicketInProgressError`. */
  readonly error: string;
}

/** What happened in one run of a {@link LocalStateMachine}. */
export interface ExecutionTrace {
  readonly executionName: string;
  /** `arn:<partition>:states:<region>:<account>:execution:<machine name>:<execution name>`. */
  readonly executionArn: string;
  /** Logical id of the state machine. */
  readonly stateMachine: string;
  readonly status: ExecutionStatus;
  /** The execution output, when it succeeded. */
  readonly output?: unknown;
  /** The error that ended the execution, when it did not succeed. */
  readonly error?: StepFunctionsError;
  /** Every state entered, in order (states of concurrent Map iterations and branches interleave). */
  readonly states: readonly TracedState[];
  readonly statesEntered: number;
  /** States entered plus retries: the state transitions AWS bills for a Standard workflow. */
  readonly transitions: number;
  /** Calls of handlers bound to `lambda-invoke` and `lambda-direct` tasks, retries included. */
  readonly lambdaInvocations: number;
  readonly taskInvocations: readonly TracedTaskInvocation[];
  readonly retries: readonly TracedRetry[];
  /** Iterations run per Map state name. */
  readonly mapIterations: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

/** What a task handler is told about the call. */
export interface TaskInvocationInfo {
  readonly stateName: string;
  readonly binding: TaskBinding;
  /** 1-based; 2 for the first retry of this state entry. */
  readonly attempt: number;
  readonly executionName: string;
}
