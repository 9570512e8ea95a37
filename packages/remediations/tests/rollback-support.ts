import { BeforeImageError } from '../src/errors';
import { parseBeforeImage } from '../src/engine/before-image';
import type { ControlRollback, RemediationControl } from '../src/engine/control';

/** Shared by the rollback unit specs of the controls. */

/** The control's rollback; fails the test when it has none. */
export function rollbackOf<State, Params, BeforeImage, RollbackParams>(
  control: RemediationControl<State, Params, BeforeImage, RollbackParams>,
): ControlRollback<State, BeforeImage, RollbackParams> {
  if (control.rollback === undefined) throw new Error(`${control.controlId} has no rollback`);
  return control.rollback;
}

/** Parses a before-image as the runner does (the control's schema); throws `BeforeImageError`. */
export function parsedBeforeImage<State, Params, BeforeImage, RollbackParams>(
  control: RemediationControl<State, Params, BeforeImage, RollbackParams>,
  value: unknown,
): BeforeImage {
  return parseBeforeImage(control.controlId, rollbackOf(control).beforeImage, value);
}

/** The `BeforeImageError` that parsing `value` throws; fails the test when it parses. */
export function beforeImageErrorOf<State, Params, BeforeImage, RollbackParams>(
  control: RemediationControl<State, Params, BeforeImage, RollbackParams>,
  value: unknown,
): BeforeImageError {
  try {
    parsedBeforeImage(control, value);
  } catch (error) {
    if (error instanceof BeforeImageError) return error;
    throw error;
  }
  throw new Error(`the before-image parsed: ${JSON.stringify(value)}`);
}

/** A value as it comes back from storage: JSON, so nothing but data survives. */
export function stored<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}
