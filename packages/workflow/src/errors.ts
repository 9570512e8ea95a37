/** Context attached to workflow errors, for logs and failure records. */
export interface WorkflowErrorContext {
  readonly findingId?: string | undefined;
  readonly accountId?: string | undefined;
  readonly step?: string | undefined;
}

/** Base class of every error `@soar/workflow` raises. */
export class WorkflowError extends Error {
  public override name = 'WorkflowError';
  public readonly context: WorkflowErrorContext;

  public constructor(message: string, options: { cause?: unknown; context?: WorkflowErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.context = options.context ?? {};
  }
}

/**
 * A step got a state it cannot work with (a bug or a hand-made input). Not retried: the workflow
 * records it as a failure.
 */
export class InvalidStepInputError extends WorkflowError {
  public override name = 'InvalidStepInputError';
}

/** The runtime configuration (the `SOAR_CONFIG` environment variable) is missing or invalid. */
export class WorkflowConfigError extends WorkflowError {
  public override name = 'WorkflowConfigError';
}

/** Starting the finding's execution failed for a reason other than "it already exists". */
export class ExecutionStartError extends WorkflowError {
  public override name = 'ExecutionStartError';
}
