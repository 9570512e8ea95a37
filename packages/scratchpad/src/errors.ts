import type { AsffValidationIssue } from '@soar/asff-schema';

/** Base class of every error this package throws. */
export class ScratchpadError extends Error {
  public override name = 'ScratchpadError';

  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The input is not a valid scratchpad, or not a valid findings event to build scratchpads from.
 * `issues` names every bad field, e.g. `finding.AwsAccountId` or `account.Id`; the message names the
 * first few and never quotes input values.
 */
export class ScratchpadValidationError extends ScratchpadError {
  public override name = 'ScratchpadValidationError';
  public readonly issues: readonly AsffValidationIssue[];

  public constructor(message: string, issues: readonly AsffValidationIssue[], options?: { cause?: unknown }) {
    super(message, options);
    this.issues = [...issues];
  }
}
