/** Context attached to remediation errors. */
export interface RemediationErrorContext {
  readonly controlId?: string;
  readonly resourceArn?: string;
  readonly accountId?: string;
}

/** Base class of every error `@soar/remediations` throws. */
export class RemediationError extends Error {
  public override name = 'RemediationError';
  public readonly controlId?: string;
  public readonly resourceArn?: string;
  public readonly accountId?: string;

  public constructor(message: string, options: { cause?: unknown; context?: RemediationErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { controlId, resourceArn, accountId } = options.context ?? {};
    if (controlId !== undefined) this.controlId = controlId;
    if (resourceArn !== undefined) this.resourceArn = resourceArn;
    if (accountId !== undefined) this.accountId = accountId;
  }
}

/** Two registry entries claim the same control id, or an entry is malformed. */
export class RegistryError extends RemediationError {
  public override name = 'RegistryError';
}
