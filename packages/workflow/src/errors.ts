import type { IntakeResult } from './steps/intake';
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

/**
 * A service failed for some findings of an event (Organizations, DynamoDB, Step Functions); the other
 * findings were handled. Thrown so that Lambda delivers the event again: the findings already started
 * are duplicates then and start nothing, the failed ones get another try, and after the last retry
 * the event lands in the dead-letter queue.
 */
export class IntakeRetryError extends WorkflowError {
  public override name = 'IntakeRetryError';
  /** The findings that failed, with their errors. */
  public readonly failures: readonly { readonly findingId: string; readonly error: unknown }[];
  /** What intake did with every finding of the event, failed ones included. */
  public readonly results: readonly IntakeResult[];

  public constructor(
    failures: readonly { readonly findingId: string; readonly error: unknown }[],
    results: readonly IntakeResult[],
  ) {
    const [first] = failures;
    super(
      `${failures.length} of ${results.length} findings of the event could not be handled` +
        (first === undefined ? '' : `; first: ${first.findingId}`),
      { cause: first?.error, context: { step: 'intake' } },
    );
    this.failures = failures;
    this.results = results;
  }
}

/**
 * The watermark of a finding could not be read or written (DynamoDB failed, or other runs kept
 * moving it). Nothing was done for the event; the workflow retries on its name.
 */
export class WatermarkError extends WorkflowError {
  public override name = 'WatermarkError';
}

/** The `name` of {@link NotificationNotDeliveredError}, for the failure record's step. */
export const NOTIFICATION_NOT_DELIVERED = 'NotificationNotDeliveredError';

/**
 * The team's email of a step (a new ticket, a fix, a closed ticket, a reminder) still failed after
 * its retries. Raised after everything else of the step is done (the ticket is open, the finding
 * updated), so the step fails, the failure is recorded with its own row and the alarm fires, and
 * nothing is lost: someone tells the team by hand.
 */
export class NotificationNotDeliveredError extends WorkflowError {
  public override name = NOTIFICATION_NOT_DELIVERED;
}
