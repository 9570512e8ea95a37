/** Context attached to local-runtime errors, so a failure names what it was about. */
export interface LocalRuntimeErrorContext {
  /** Where in the CloudFormation template, e.g. `Resources.Workflow.Properties.DefinitionString`. */
  readonly path?: string;
  /** Logical id of the resource concerned. */
  readonly logicalId?: string;
  /** Name of the state concerned. */
  readonly stateName?: string;
}

/** Base class of every error `@soar/local-runtime` throws. */
export class LocalRuntimeError extends Error {
  public override name = 'LocalRuntimeError';
  public readonly context: LocalRuntimeErrorContext;

  public constructor(message: string, options: { cause?: unknown; context?: LocalRuntimeErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.context = options.context ?? {};
  }
}

/** A state machine definition that asl-validator rejects; {@link problems} lists each finding. */
export class InvalidDefinitionError extends LocalRuntimeError {
  public override name = 'InvalidDefinitionError';
  public readonly problems: readonly string[];

  public constructor(
    machine: string,
    problems: readonly string[],
    options: { context?: LocalRuntimeErrorContext } = {},
  ) {
    super(
      `State machine ${machine} is not valid ASL:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      options,
    );
    this.problems = problems;
  }
}

/**
 * A definition that uses a feature aws-local-stepfunctions 3.0.0 does not run faithfully (JSONata,
 * variables, Distributed Map, callbacks, presence tests that never match). We refuse it instead of
 * running something that behaves differently from AWS. {@link problems} lists each use with its fix.
 */
export class UnsupportedDefinitionError extends LocalRuntimeError {
  public override name = 'UnsupportedDefinitionError';
  public readonly problems: readonly string[];

  public constructor(
    machine: string,
    problems: readonly string[],
    options: { context?: LocalRuntimeErrorContext } = {},
  ) {
    super(
      `State machine ${machine} uses features the local runtime cannot run like AWS does:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}`,
      options,
    );
    this.problems = problems;
  }
}

/** Task states for which the handler resolver returned no handler; {@link stateNames} lists them all. */
export class UnboundTaskError extends LocalRuntimeError {
  public override name = 'UnboundTaskError';
  public readonly stateNames: readonly string[];

  public constructor(
    machine: string,
    unbound: readonly { stateName: string; description: string }[],
    options: { context?: LocalRuntimeErrorContext } = {},
  ) {
    super(
      `State machine ${machine} has ${unbound.length} task state(s) without a local handler:\n${unbound
        .map((u) => `  - ${u.stateName}: ${u.description}`)
        .join('\n')}`,
      options,
    );
    this.stateNames = unbound.map((u) => u.stateName);
  }
}

/** An EventBridge event pattern that is not valid; {@link problems} lists each finding. */
export class InvalidEventPatternError extends LocalRuntimeError {
  public override name = 'InvalidEventPatternError';
  public readonly problems: readonly string[];

  public constructor(problems: readonly string[], options: { context?: LocalRuntimeErrorContext } = {}) {
    super(`Invalid event pattern:\n${problems.map((p) => `  - ${p}`).join('\n')}`, options);
    this.problems = problems;
  }
}

/**
 * An execution input over the 256 KiB Step Functions accepts: `StartExecution` refuses it before
 * any state runs, so {@link LocalStateMachine.run} does too. {@link bytes} is the UTF-8 size of its JSON.
 */
export class ExecutionInputTooLargeError extends LocalRuntimeError {
  public override name = 'ExecutionInputTooLargeError';
  public readonly bytes: number;
  public readonly limit: number;

  public constructor(
    machine: string,
    size: { readonly bytes: number; readonly limit: number },
    options: { context?: LocalRuntimeErrorContext } = {},
  ) {
    super(
      `The input of an execution of ${machine} is ${size.bytes.toLocaleString('en-US')} bytes of JSON; ` +
        `Step Functions accepts at most ${size.limit.toLocaleString('en-US')} bytes (256 KiB) in StartExecution. ` +
        'Pass a reference (an S3 key, a table key) to large data instead of the data.',
      options,
    );
    this.bytes = size.bytes;
    this.limit = size.limit;
  }
}
