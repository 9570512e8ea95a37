import { aControlFinding, type ControlFindingOptions } from '@soar/testing';
import type { FindingResource, PlanContext } from '../src/engine/control';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';

/**
 * The context a control's `fromFinding` and `plan` get, for unit tests: a control finding on
 * `resource` with verdict `status` (`'none'`: no `Compliance.Status`), first observed at
 * `firstObservedAt` (`aControlFinding`'s 2026-11-20T10:15:30Z unless given; `undefined` leaves it out).
 */
export function findingContext(options: {
  readonly controlId: string;
  readonly resource: FindingResource;
  readonly status?: ControlFindingOptions['status'] | 'none';
  readonly now?: Date;
  readonly firstObservedAt?: string | undefined;
}): PlanContext {
  const { controlId, resource, status = 'FAILED' } = options;
  const base = aControlFinding({
    controlId,
    accountId: ACCOUNT,
    region: REGION,
    resource,
    ...(status === 'none' ? {} : { status }),
  });
  const finding = {
    ...base,
    ...('firstObservedAt' in options ? { FirstObservedAt: options.firstObservedAt } : {}),
    ...(status === 'none' ? { Compliance: { SecurityControlId: controlId } } : {}),
  };
  return {
    finding,
    resource,
    accountId: ACCOUNT,
    region: REGION,
    partition: 'aws',
    now: options.now ?? new Date('2026-12-01T00:00:00Z'),
  };
}
