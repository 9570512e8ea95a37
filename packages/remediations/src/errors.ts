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

/** One problem with a before-image or a rollback record: where it is, and what is wrong. */
export interface InvalidFieldIssue {
  /** The field, written like `revokedRules[0].protocol`; `''` for the value itself. */
  readonly field: string;
  /** What is wrong with it (zod's wording, without the offending value). */
  readonly message: string;
}

/**
 * A rollback record (`RollbackRecordSchema`) that cannot be used: it comes from storage, so it is
 * checked before anything is read. `field` names the first field that is wrong.
 */
export class RollbackRecordError extends RemediationError {
  public override name = 'RollbackRecordError';
  /** The first field that is wrong, e.g. `finding.Resources`. */
  public readonly field: string;
  /** Every problem found, in input order. */
  public readonly issues: readonly InvalidFieldIssue[];

  public constructor(
    message: string,
    issues: readonly InvalidFieldIssue[],
    options: { cause?: unknown; context?: RemediationErrorContext } = {},
  ) {
    super(message, options);
    this.issues = [...issues];
    this.field = issues[0]?.field ?? '';
  }
}

/**
 * A before-image that does not match the schema of its control's rollback (`rollback.beforeImage`). It
 * comes from storage, so it is never trusted: SOAR changes nothing and says which field is wrong.
 *
 * @example
 * ```ts
 * try {
 *   parseBeforeImage('EC2.7', Ec27BeforeImageSchema, { region: 'eu-west-1' });
 * } catch (error) {
 *   if (error instanceof BeforeImageError) console.log(error.field); // 'ebsEncryptionByDefault'
 * }
 * ```
 */
export class BeforeImageError extends RollbackRecordError {
  public override name = 'BeforeImageError';
}

/**
 * A live state given for a resource (`planFromState`, the `liveState` option of `simulateRemediation`,
 * e.g. written by hand in a simulation's world file) that does not match its control's `stateSchema`:
 * nothing is planned for it. The message names the control, the resource and every bad field, e.g.
 * `networkInterfaces[0].interfaceTyp: unknown key; did you mean "interfaceType"?`.
 *
 * @example
 * ```ts
 * try {
 *   planFromState(pad, () => ({ groupId: 'sg-0123456789abcdef0', groupNmae: 'default' }), { registry: defaultRegistry });
 * } catch (error) {
 *   if (error instanceof LiveStateError) console.log(error.controlId, error.resourceId, error.issues.map((i) => i.field));
 *   // 'EC2.2' 'arn:aws:ec2:…:security-group/sg-0123456789abcdef0' ['ingress', 'egress', 'networkInterfaces', 'tags', 'groupNmae']
 * }
 * ```
 */
export class LiveStateError extends RemediationError {
  public override name = 'LiveStateError';
  /** The control whose state schema the state does not match. */
  public override readonly controlId: string;
  /** The finding resource (`Resources[].Id`) the state was given for. */
  public readonly resourceId: string;
  /** The first field that is wrong, e.g. `ingress[0].FromPort` (`''` for the state itself). */
  public readonly field: string;
  /** Every problem found, in input order; an unknown key is an issue of its own. */
  public readonly issues: readonly InvalidFieldIssue[];

  public constructor(
    message: string,
    details: {
      readonly controlId: string;
      readonly resourceId: string;
      readonly issues: readonly InvalidFieldIssue[];
    },
    options: { cause?: unknown; context?: RemediationErrorContext } = {},
  ) {
    super(message, {
      ...options,
      context: { ...options.context, controlId: details.controlId, resourceArn: details.resourceId },
    });
    this.controlId = details.controlId;
    this.resourceId = details.resourceId;
    this.issues = [...details.issues];
    this.field = details.issues[0]?.field ?? '';
  }
}

/**
 * A finding resource id that does not have the shape its control declares for the resource type: the
 * engine refuses such a resource before reading it, so a control meets this only when called directly.
 */
export class ResourceIdError extends RemediationError {
  public override name = 'ResourceIdError';
  /** The shape the id should have, e.g. `arn:<partition>:ec2:<region>:<account>:security-group/sg-<hex>`. */
  public readonly expected: string;

  public constructor(
    resourceId: string,
    expected: string,
    options: { context?: RemediationErrorContext } = {},
  ) {
    super(`The resource id ${resourceId} is not of the shape ${expected}.`, {
      context: { ...options.context, resourceArn: resourceId },
    });
    this.expected = expected;
  }
}
