import { RegistryError } from '../errors';
import type { RegisteredControl } from './control';

/** IAM actions as `service:Action`, no wildcards. */
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

/**
 * The controls SOAR can remediate, keyed by Security Hub control id. Construction checks every entry:
 * unique ids, at least one resource type, exact (non-wildcard) IAM actions, a live-state schema
 * (`stateSchema`), and a rollback exactly for
 * the reversible controls, with exact IAM actions of its own and read actions the control declares.
 *
 * @example
 * ```ts
 * const registry = new Registry([registerControl(ec2_7), registerControl(kms_4)]);
 * registry.get('EC2.7')?.iamActions; // ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault']
 * ```
 */
export class Registry {
  readonly #controls = new Map<string, RegisteredControl>();

  public constructor(controls: readonly RegisteredControl[]) {
    for (const control of controls) {
      if (this.#controls.has(control.controlId)) {
        throw new RegistryError(`${control.controlId} is registered twice`, {
          context: { controlId: control.controlId },
        });
      }
      if (control.resourceTypes.length === 0) {
        throw new RegistryError(`${control.controlId} names no resource type`, {
          context: { controlId: control.controlId },
        });
      }
      const bad = control.iamActions.filter((action) => !IAM_ACTION.test(action));
      if (control.iamActions.length === 0 || bad.length > 0) {
        throw new RegistryError(
          `${control.controlId} must declare exact IAM actions (service:Action, no wildcards); invalid: ${bad.join(', ') || '(none declared)'}`,
          { context: { controlId: control.controlId } },
        );
      }
      // Typed as required; checked for controls built without the types (JavaScript, casts).
      const schema: unknown = control.stateSchema;
      if (typeof schema !== 'object' || schema === null || !('safeParse' in schema)) {
        throw new RegistryError(
          `${control.controlId} declares no stateSchema (the zod schema of its live state)`,
          {
            context: { controlId: control.controlId },
          },
        );
      }
      checkRollback(control);
      this.#controls.set(control.controlId, control);
    }
  }

  public get(controlId: string): RegisteredControl | undefined {
    return this.#controls.get(controlId);
  }

  public has(controlId: string): boolean {
    return this.#controls.has(controlId);
  }

  /** Every control, sorted by control id. */
  public list(): RegisteredControl[] {
    return [...this.#controls.values()].sort((a, b) =>
      a.controlId.localeCompare(b.controlId, 'en', { numeric: true }),
    );
  }
}

/** A reversible control has a rollback (and only a reversible one), whose IAM actions are exact. */
function checkRollback(control: RegisteredControl): void {
  const { controlId, rollback } = control;
  const fail = (message: string) => {
    throw new RegistryError(`${controlId} ${message}`, { context: { controlId } });
  };
  if (rollback === undefined) {
    if (control.reversible) fail('is marked reversible but has no rollback');
    return;
  }
  if (!control.reversible) fail('has a rollback but is not marked reversible');
  const bad = rollback.iamActions.filter((action) => !IAM_ACTION.test(action));
  if (rollback.iamActions.length === 0 || bad.length > 0) {
    fail(
      `must declare exact rollback IAM actions (service:Action, no wildcards); invalid: ${bad.join(', ') || '(none declared)'}`,
    );
  }
  const undeclared = rollback.readActions.filter((action) => !control.iamActions.includes(action));
  if (rollback.readActions.length === 0 || undeclared.length > 0) {
    fail(
      `must name the read actions of its rollback among its IAM actions; not declared: ${undeclared.join(', ') || '(none named)'}`,
    );
  }
}
