/** Context attached to triage errors, so a failure can be logged and routed without the finding. */
export interface TriageErrorContext {
  readonly accountId?: string;
  readonly controlId?: string;
  readonly findingId?: string;
}

/** Base class of every error `@soar/triage` throws. */
export class TriageError extends Error {
  public override name = 'TriageError';
  public readonly accountId?: string;
  public readonly controlId?: string;
  public readonly findingId?: string;

  public constructor(message: string, options: { cause?: unknown; context?: TriageErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { accountId, controlId, findingId } = options.context ?? {};
    if (accountId !== undefined) this.accountId = accountId;
    if (controlId !== undefined) this.controlId = controlId;
    if (findingId !== undefined) this.findingId = findingId;
  }
}
