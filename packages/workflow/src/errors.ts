import { SoarError, type SoarErrorContext } from '@soar/common';

/** Context attached to workflow errors, for logs and failure records. */
export interface WorkflowErrorContext extends SoarErrorContext {
  /** The workflow step that raised the error (`intake`, `ticket`, …). */
  readonly step?: string | undefined;
}

/** Base class of every error `@soar/workflow` raises. */
export class WorkflowError extends SoarError {
  public override name = 'WorkflowError';
  public readonly step?: string;

  public constructor(message: string, options: { cause?: unknown; context?: WorkflowErrorContext } = {}) {
    super(message, options);
    if (options.context?.step !== undefined) this.step = options.context.step;
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

/** Raised when the gate data cannot be read; the workflow retries on its name. */
export class GateDataError extends WorkflowError {
  public override name = 'GateDataError';
}
