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

/** An execution input over the 256 KiB `StartExecution` accepts; {@link bytes} is the UTF-8 size of its JSON. */
export class ExecutionInputTooLargeError extends LocalRuntimeError {
  public override name = 'ExecutionInputTooLargeError';
  public readonly bytes: number;
  public constructor(machine: string, bytes: number) {
    super(
      `The input of an execution of ${machine} is ${bytes.toLocaleString('en-US')} bytes of JSON; StartExecution ` +
        'accepts at most 262,144 bytes (256 KiB). Pass a reference to large data (an S3 key) instead of the data.',
      { context: { logicalId: machine } },
    );
    this.bytes = bytes;
  }
}
