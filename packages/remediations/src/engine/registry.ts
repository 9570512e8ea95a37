import { RegistryError } from '../errors';
import type { RegisteredControl } from './control';

/** IAM actions as `service:Action`, no wildcards. */
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

/**
 * The controls SOAR can remediate, keyed by Security Hub control id. Construction checks every entry:
 * unique ids, at least one resource type, exact (non-wildcard) IAM actions.
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
