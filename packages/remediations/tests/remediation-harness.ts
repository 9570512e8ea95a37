import { createAwsAccess, type AwsAccess } from '@soar/aws-access';
import { createScratchpad, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding, type MotoServer } from '@soar/testing';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { RegisteredControl } from '../src/engine/control';
import { parseLiveState } from '../src/engine/live-state';
import { Registry } from '../src/engine/registry';
import { rollback, type RollbackOptions, type RollbackRecord } from '../src/engine/rollback';
import { remediate, type RemediateOptions } from '../src/engine/runner';

/** The member account moto acts in when SOAR assumes its role. */
export const MEMBER_ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

/** Cross-account access pointed at a moto server: sessions really act in MEMBER_ACCOUNT. */
export function motoAccess(moto: MotoServer): AwsAccess {
  return createAwsAccess({
    endpoint: moto.endpoint,
    defaultRegion: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
    // moto serves every bucket on 127.0.0.1: no DNS for bucket subdomains.
    forcePathStyle: true,
  });
}

/** A scratchpad for a control finding on one resource. */
export function padFor(controlId: string, resource: AwsSecurityFinding['Resources'][number]): Scratchpad {
  return createScratchpad(
    aControlFinding({ controlId, accountId: MEMBER_ACCOUNT, region: REGION, resource }),
  );
}

/**
 * Runs one control through the real runner. Every state the control's `read` returns meanwhile must
 * parse with its `stateSchema`, unchanged (see {@link withReadStatesChecked}).
 */
export function run(
  control: RegisteredControl,
  pad: Scratchpad,
  options: Partial<RemediateOptions> & Pick<RemediateOptions, 'access'>,
) {
  return withReadStatesChecked(control, () =>
    remediate(pad, { registry: new Registry([control]), ...options }),
  );
}

/**
 * Runs `fn` while every state the control's `read` returns (against moto, in the moto tests) is
 * parsed with the control's `stateSchema`: the proof that each schema accepts what AWS really returns,
 * and gives it back unchanged (nothing dropped or rewritten), so a state written by hand in the same
 * shape plans as the live one. A state that does not parse, or parses to something else, fails the
 * test once `fn` is done (not inside `read`, where the runner would turn the error into a ticket), with
 * the `LiveStateError` message: control, resource and every bad field.
 */
export async function withReadStatesChecked<T>(control: RegisteredControl, fn: () => Promise<T>): Promise<T> {
  const { module } = control;
  // Nested or concurrent runs of the same control: the outer call checks every read already.
  if (jest.isMockFunction(module.read)) return fn();
  const read = module.read;
  const failures: string[] = [];
  const spy = jest.spyOn(module, 'read').mockImplementation(async (context) => {
    const result = await read.call(module, context);
    if (result.kind === 'found') {
      try {
        const parsed = parseLiveState(
          control.controlId,
          control.stateSchema,
          result.state,
          context.resource.Id,
        );
        if (JSON.stringify(canonical(parsed)) !== JSON.stringify(canonical(result.state))) {
          failures.push(
            `${control.controlId}: the stateSchema changed the state read() returned for ${context.resource.Id}:\n` +
              `  read:   ${JSON.stringify(canonical(result.state))}\n  parsed: ${JSON.stringify(canonical(parsed))}`,
          );
        }
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    return result;
  });
  let value: T;
  try {
    value = await fn();
  } finally {
    spy.mockRestore();
  }
  if (failures.length > 0) {
    throw new Error(
      `read() returned states that ${control.controlId}'s stateSchema rejects:\n${failures.join('\n')}`,
    );
  }
  return value;
}

/**
 * One control's test scenario, shared by its moto test and the generic fault matrix:
 * `arrange` creates the non-compliant resource in the member account (through moto) and returns the
 * finding resource that points at it. Each control has one in `tests/scenarios/<control>.ts`,
 * exported as `scenario`.
 */
export interface RemediationScenario {
  readonly control: RegisteredControl;
  /**
   * The clock under which the fix acts, for controls with a grace period (EC2.4, EC2.12). The
   * registry walk and the fault matrix run with it, so they reach the calls that change something.
   */
  readonly now?: () => Date;
  arrange(access: AwsAccess): Promise<AwsSecurityFinding['Resources'][number]>;
  /**
   * Reversible controls: what the fix changes on the resource, read through the AWS API directly (not
   * through the control's `read`) and in a canonical form (see `canonical`), so the rollback test can
   * prove that a rollback brings back exactly the state `arrange` created.
   */
  observe?(access: AwsAccess, resource: AwsSecurityFinding['Resources'][number]): Promise<unknown>;
}

/** Runs one rollback through the real runner, with a registry of that control alone. */
export function runRollback(
  control: RegisteredControl,
  record: RollbackRecord,
  options: Partial<RollbackOptions> & Pick<RollbackOptions, 'access'>,
) {
  return withReadStatesChecked(control, () =>
    rollback(record, { registry: new Registry([control]), ...options }),
  );
}

/**
 * A value in a canonical form for comparing API answers: arrays sorted (by their JSON), object keys
 * sorted, `undefined` fields dropped.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
