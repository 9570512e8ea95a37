import { getControlId, getPartition } from '@soar/asff-schema';
import type { AccessClientConfig, AwsAccess } from '@soar/aws-access';
import type { Account, Scratchpad } from '@soar/scratchpad';
import { LiveStateError } from '../errors';
import { classifyError, describeError } from './classify';
import { sessionStatements } from './permissions';
import type {
  ControlContext,
  ControlMetadata,
  FindingEvaluation,
  FindingResource,
  Plan,
  PlanContext,
  RegisteredControl,
  StateEvaluation,
} from './control';
import type { Registry } from './registry';

/** Per-resource opt-out: a tag on the live resource that tells SOAR to leave it alone. */
export interface OptOutTag {
  /** Tag key, default `soar:auto-remediation`. */
  readonly key: string;
  /** Values that opt out (compared case-insensitively), default `off`, `false`, `no`, `disabled`. */
  readonly values: readonly string[];
  /**
   * What becomes of the finding of an opted-out resource: `suppress` (default) suppresses it with a
   * note naming the tag (the resource's owners chose to accept it); `ticket` opens a ticket for the
   * team instead.
   */
  readonly action?: 'suppress' | 'ticket' | undefined;
}

export const DEFAULT_OPT_OUT_TAG: OptOutTag = {
  key: 'soar:auto-remediation',
  values: ['off', 'false', 'no', 'disabled'],
  action: 'suppress',
};

export interface RemediateOptions {
  /** Cross-account client factory (`createAwsAccess()`); sessions are limited to each control's IAM actions. */
  readonly access: Pick<AwsAccess, 'client'>;
  readonly registry: Registry;
  readonly optOutTag?: OptOutTag;
  /**
   * Destructive controls that should only ticket, e.g. per environment:
   * `(control, account) => control.destructive && account?.Environment === 'PROD'`.
   */
  readonly ticketOnly?: (control: ControlMetadata, account: Account | undefined) => boolean;
  readonly now?: () => Date;
  /**
   * How often to re-read before calling a change a failure: some AWS changes (S3 settings, IAM)
   * take a moment to show. Default 3 reads, 2 s apart.
   */
  readonly verify?: { readonly attempts: number; readonly delayMs: number };
  /** Waits between verification reads; injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_VERIFY = { attempts: 3, delayMs: 2000 } as const;

/** What happened to one finding. */
export type RemediationResult =
  | {
      readonly kind: 'remediated';
      readonly controlId: string;
      readonly changes: readonly string[];
      readonly beforeImages: readonly unknown[];
      /** What the team should still do after the fix, as the control's plan says (e.g. fix the template). */
      readonly actionsRequired?: string;
    }
  | {
      readonly kind: 'not_done';
      readonly controlId?: string;
      readonly reason: string;
      readonly error?: string;
    }
  | { readonly kind: 'resource_gone'; readonly controlId: string; readonly reason: string }
  | {
      readonly kind: 'reconsider_later';
      readonly controlId: string;
      readonly reason: string;
      /**
       * Changes already made: AWS was still applying them when SOAR checked (an RDS modification),
       * or another resource of the finding was fixed. `beforeImages` undo them, as for `remediated`.
       */
      readonly changes?: readonly string[];
      readonly beforeImages?: readonly unknown[];
    }
  | {
      readonly kind: 'opted_out';
      readonly controlId: string;
      readonly reason: string;
      /** What the finding comes to ({@link OptOutTag.action}): suppressed, or a ticket. */
      readonly action: 'suppress' | 'ticket';
    };

/** The plan for one resource of a finding, as {@link planRemediation} reports it. */
export type ResourcePlan =
  | { readonly resourceId: string; readonly kind: 'gone'; readonly reason: string }
  | {
      readonly resourceId: string;
      readonly kind: 'opted_out';
      readonly reason: string;
      readonly action: 'suppress' | 'ticket';
    }
  | { readonly resourceId: string; readonly kind: 'error'; readonly reason: string; readonly error: string }
  | {
      readonly resourceId: string;
      readonly kind: 'planned';
      readonly plan: Plan;
      readonly ticketOnly: boolean;
    };

/** Options of {@link planFromFinding} and {@link simulateRemediation}: no `access`, nothing reads AWS. */
export type PlanFromFindingOptions = Pick<RemediateOptions, 'registry' | 'optOutTag' | 'ticketOnly' | 'now'>;

/**
 * The plan for one resource of a finding, as {@link planFromFinding} reports it: a {@link ResourcePlan},
 * or `unknown` when the finding alone does not say enough to plan (only the live run can tell).
 */
export type FindingResourcePlan =
  ResourcePlan | { readonly resourceId: string; readonly kind: 'unknown'; readonly reason: string };

/**
 * The live state given for one resource of a finding, or `undefined` when none is given (then the
 * finding is planned from, as {@link planFromFinding} does). The state is what the control's `read`
 * would return (see the control's `stateSchema`, e.g. `defaultRegistry.get('EC2.2')?.stateSchema`);
 * `controlId` tells apart controls that act on the same resource (EC2.2, EC2.13 and EC2.22 all on
 * security groups).
 *
 * @example
 * ```ts
 * const lookup: LiveStateLookup = (resource, controlId) =>
 *   world.resources.find((r) => r.resourceId === resource.Id && r.controlId === controlId)?.state;
 * ```
 */
export type LiveStateLookup = (
  resource: { readonly Id: string; readonly Type: string },
  controlId: string,
) => unknown;

/** Options of {@link simulateRemediation}: those of {@link planFromFinding}, and the live states to plan from. */
export interface SimulateRemediationOptions extends PlanFromFindingOptions {
  /**
   * Live states given by the caller (e.g. a simulation's world file): a resource with one is planned
   * from it as {@link planFromState} does, the others from the finding.
   */
  readonly liveState?: LiveStateLookup;
}

/** Starts every line of `messages.actions_taken` that {@link simulateRemediation} writes. */
export const SIMULATION_PREFIX = 'Planned (simulation, nothing was changed): ';

type Outcome = { readonly rank: number; readonly result: RemediationResult };
// An opted-out resource yields to a resource SOAR could not fix: the team hears of that one.
const RANK = { reconsider_later: 0, resource_gone: 1, not_done: 2, opted_out: 2.5, remediated: 3 } as const;

type ChangesPlan = Extract<Plan, { readonly kind: 'changes' }>;
type DecisionOptions = Pick<RemediateOptions, 'optOutTag' | 'ticketOnly'>;

/** The control a finding is for and the resources of it that the control handles, or why there are none. */
type Target =
  | { readonly kind: 'rejected'; readonly controlId: string | undefined; readonly result: RemediationResult }
  | {
      readonly kind: 'target';
      readonly controlId: string;
      readonly control: RegisteredControl;
      readonly resources: readonly FindingResource[];
    };

/**
 * Reads the live state of every resource of a control finding and plans the fix, without changing
 * anything (the plan itself is pure; reading needs read-only AWS access).
 *
 * @example
 * ```ts
 * const { controlId, resources } = await planRemediation(pad, { access, registry });
 * for (const r of resources) if (r.kind === 'planned') console.log(r.plan);
 * ```
 */
export async function planRemediation(
  pad: Scratchpad,
  options: RemediateOptions,
): Promise<{ readonly controlId: string | undefined; readonly resources: readonly ResourcePlan[] }> {
  const target = targetOf(pad, options.registry);
  if (target.kind === 'rejected') return { controlId: target.controlId, resources: [] };
  const { controlId, control } = target;
  const resources: ResourcePlan[] = [];
  for (const resource of target.resources) {
    const context = contextFor(pad, resource, control, options);
    try {
      const evaluation = await control.evaluate(context);
      resources.push(resourcePlanOf(resource.Id, evaluation, control, pad, options));
    } catch (error) {
      if (classifyError(error) === 'resource_not_found') {
        resources.push({ resourceId: resource.Id, kind: 'gone', reason: describeError(error) });
      } else {
        resources.push({
          resourceId: resource.Id,
          kind: 'error',
          reason: 'could not read the resource',
          error: describeError(error),
        });
      }
    }
  }
  return { controlId, resources };
}

/**
 * Plans the fix of every resource of a control finding from the finding alone (`Resources[].Details`,
 * `Tags`, `Compliance`), without any AWS access: synchronous and pure. A resource whose plan only the
 * live resource can tell is `unknown`, with the reason; the opt-out tag is read from `Resources[].Tags`.
 *
 * @example
 * ```ts
 * const { controlId, resources } = planFromFinding(pad, { registry: defaultRegistry });
 * for (const r of resources) if (r.kind === 'planned') console.log(controlId, r.resourceId, r.plan);
 * ```
 */
export function planFromFinding(
  pad: Scratchpad,
  options: PlanFromFindingOptions,
): { readonly controlId: string | undefined; readonly resources: readonly FindingResourcePlan[] } {
  const target = targetOf(pad, options.registry);
  if (target.kind === 'rejected') return { controlId: target.controlId, resources: [] };
  const { controlId, control } = target;
  return { controlId, resources: planResources(pad, target.resources, control, undefined, options) };
}

/**
 * Plans the fix of every resource of a control finding from live states given by the caller (e.g.
 * written in a simulation's world file) instead of reading AWS: synchronous and pure. A resource with
 * a state (`states(resource, controlId)` is not `undefined`) is planned exactly as {@link remediate}
 * would plan it had `read` returned that state: the state is parsed with the control's `stateSchema`,
 * then the control's pure `plan` and `tags` run on it, with the opt-out tag and ticket-only applied.
 * A resource without one is planned from the finding, as {@link planFromFinding} does.
 *
 * @throws `LiveStateError` (from `@soar/remediations`' errors) when a given state does not match its
 *   control's `stateSchema`: it names the control, the resource and every bad field
 *   (`networkInterfaces[0].interfaceTyp: unknown key; did you mean "interfaceType"?`). Nothing is planned then.
 *
 * @example
 * ```ts
 * const states = new Map([[resourceId, { groupId: 'sg-0123456789abcdef0', groupName: 'default', ingress: [], egress: [], networkInterfaces: [], tags: {} }]]);
 * const { resources } = planFromState(pad, (resource) => states.get(resource.Id), { registry: defaultRegistry });
 * // [{ resourceId, kind: 'planned', plan: { kind: 'compliant', ... }, ticketOnly: false }]
 * ```
 */
export function planFromState(
  pad: Scratchpad,
  states: LiveStateLookup,
  options: PlanFromFindingOptions,
): { readonly controlId: string | undefined; readonly resources: readonly FindingResourcePlan[] } {
  const target = targetOf(pad, options.registry);
  if (target.kind === 'rejected') return { controlId: target.controlId, resources: [] };
  const { controlId, control } = target;
  return { controlId, resources: planResources(pad, target.resources, control, states, options) };
}

/**
 * Fixes the resources of a control finding: read the live state, plan, apply, then verify by reading
 * again. Returns the scratchpad with its action flags and messages set, and a structured result.
 * Never throws for AWS failures: they become `not_done` with the error text (a ticket), and only a
 * resource that no longer exists leads to suppression.
 *
 * @example
 * ```ts
 * const { scratchpad, result } = await remediate(pad, { access: createAwsAccess(), registry: defaultRegistry });
 * if (result.kind === 'not_done') console.log(result.reason, result.error);
 * ```
 */
export async function remediate(
  pad: Scratchpad,
  options: RemediateOptions,
): Promise<{ readonly scratchpad: Scratchpad; readonly result: RemediationResult }> {
  const target = targetOf(pad, options.registry);
  if (target.kind === 'rejected') return finish(pad, target.result);
  const outcomes: Outcome[] = [];
  for (const resource of target.resources) {
    outcomes.push(await remediateResource(pad, resource, target.control, options));
  }
  return finish(pad, combine(target.controlId, outcomes));
}

/**
 * What {@link remediate} would return if the changes planned from the finding alone
 * ({@link planFromFinding}), or from the live state given for a resource (`options.liveState`, as
 * {@link planFromState} plans it), were applied and verified, without any AWS access and without
 * changing anything: the same result kinds, flags and messages, except that every line of
 * `messages.actions_taken` starts with {@link SIMULATION_PREFIX}. A resource the finding cannot plan
 * (`unknown`) is `not_done` with the reason; `resource_gone` never comes from a finding.
 *
 * @throws `LiveStateError` when a state `options.liveState` gives does not match its control's
 *   `stateSchema` (see {@link planFromState}).
 *
 * @example
 * ```ts
 * const { result, scratchpad, plans } = simulateRemediation(pad, { registry: defaultRegistry });
 * console.log(result.kind, scratchpad.messages.actions_taken); // 'remediated', 'Planned (simulation, nothing was changed): Closed SSH ...'
 *
 * // With the live state of the default security group (EC2.2 cannot plan from the finding alone):
 * simulateRemediation(pad, { registry: defaultRegistry, liveState: (resource) => world.get(resource.Id) });
 * ```
 */
export function simulateRemediation(
  pad: Scratchpad,
  options: SimulateRemediationOptions,
): {
  readonly scratchpad: Scratchpad;
  readonly result: RemediationResult;
  readonly plans: readonly FindingResourcePlan[];
} {
  const target = targetOf(pad, options.registry);
  if (target.kind === 'rejected') return { ...finish(pad, target.result, { simulated: true }), plans: [] };
  const { controlId, control } = target;
  const plans = planResources(pad, target.resources, control, options.liveState, options);
  const outcomes = plans.map((plan) => simulatedOutcome(controlId, plan));
  return { ...finish(pad, combine(controlId, outcomes), { simulated: true }), plans };
}

async function remediateResource(
  pad: Scratchpad,
  resource: FindingResource,
  control: RegisteredControl,
  options: RemediateOptions,
): Promise<Outcome> {
  const { controlId } = control;
  const context = contextFor(pad, resource, control, options);
  const failed = (stage: string, error: unknown): Outcome => {
    if (classifyError(error) === 'resource_not_found' && stage === 'read') {
      return outcome({
        kind: 'resource_gone',
        controlId,
        reason: `${resource.Id} no longer exists (${describeError(error)}).`,
      });
    }
    return outcome({
      kind: 'not_done',
      controlId,
      reason: `SOAR could not ${stage} ${resource.Id}.`,
      error: describeError(error),
    });
  };

  let evaluation;
  try {
    evaluation = await control.evaluate(context);
  } catch (error) {
    return failed('read', error);
  }
  const planned = resourcePlanOf(resource.Id, evaluation, control, pad, options);
  if (planned.kind === 'gone') return outcome({ kind: 'resource_gone', controlId, reason: planned.reason });
  const step = nextStep(controlId, planned);
  if (step.kind === 'outcome') return step.outcome;
  const { plan } = step;
  if (evaluation.kind === 'gone' || evaluation.apply === undefined)
    return outcome({ kind: 'not_done', controlId, reason: 'Nothing to apply.' });
  try {
    await evaluation.apply(context);
  } catch (error) {
    // The resource may have gone while we changed it: only a fresh read can tell.
    if (classifyError(error) === 'resource_not_found') {
      try {
        const again = await control.evaluate(context);
        if (again.kind === 'gone') return outcome({ kind: 'resource_gone', controlId, reason: again.reason });
      } catch (readError) {
        if (classifyError(readError) === 'resource_not_found') return failed('read', readError);
      }
    }
    return failed('change', error);
  }
  const verify = options.verify ?? DEFAULT_VERIFY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let verification;
  for (let attempt = 1; ; attempt++) {
    try {
      verification = await control.evaluate(context);
    } catch (error) {
      return failed('verify', error);
    }
    const passes =
      verification.kind === 'gone' ? plan.removesResource === true : verification.plan.kind === 'compliant';
    // A defer after the change means AWS is still applying it (an RDS modification takes minutes):
    // re-reading within seconds cannot tell more, and calling it a failure would lose the before-image.
    const applying = verification.kind === 'found' && verification.plan.kind === 'defer';
    if (passes || applying || attempt >= verify.attempts) break;
    await sleep(verify.delayMs);
  }
  if (verification.kind === 'found' && verification.plan.kind === 'defer') {
    const applied = appliedOutcome(controlId, plan).result;
    return outcome({
      kind: 'reconsider_later',
      controlId,
      reason: `SOAR changed ${resource.Id}; the check after the change says: ${verification.plan.reason}`,
      ...(applied.kind === 'remediated'
        ? { changes: applied.changes, beforeImages: applied.beforeImages }
        : {}),
    });
  }
  const removed = verification.kind === 'gone' && plan.removesResource === true;
  if (!removed && (verification.kind !== 'found' || verification.plan.kind !== 'compliant')) {
    return outcome({
      kind: 'not_done',
      controlId,
      reason: `SOAR changed ${resource.Id}, but ${controlId} still fails on it.`,
    });
  }
  return appliedOutcome(controlId, plan);
}

/** Why an `error` plan of a resource with a given live state has no plan (see {@link simulatedOutcome}). */
const STATE_PLAN_ERROR = 'could not plan from the given live state';

/**
 * Plans each resource from the live state given for it, or from the finding when there is none.
 *
 * @throws `LiveStateError` for the first given state that does not match its control's `stateSchema`.
 */
function planResources(
  pad: Scratchpad,
  resources: readonly FindingResource[],
  control: RegisteredControl,
  states: LiveStateLookup | undefined,
  options: PlanFromFindingOptions,
): FindingResourcePlan[] {
  return resources.map((resource) => {
    const state = states?.(resource, control.controlId);
    return state === undefined
      ? planResourceFromFinding(pad, resource, control, options)
      : planResourceFromState(pad, resource, control, state, options);
  });
}

/**
 * Plans one resource from a given live state; a `plan` that throws becomes an `error` plan.
 *
 * @throws `LiveStateError` when the state does not match the control's `stateSchema`.
 */
function planResourceFromState(
  pad: Scratchpad,
  resource: FindingResource,
  control: RegisteredControl,
  state: unknown,
  options: PlanFromFindingOptions,
): FindingResourcePlan {
  const evaluation = evaluateState(pad, resource, control, state, options);
  if (evaluation.kind === 'error') {
    return { resourceId: resource.Id, kind: 'error', reason: STATE_PLAN_ERROR, error: evaluation.error };
  }
  return resourcePlanOf(resource.Id, evaluation, control, pad, options);
}

/** Plans one resource from a given live state: the evaluation, or the error `plan` threw (a bad state throws). */
function evaluateState(
  pad: Scratchpad,
  resource: FindingResource,
  control: RegisteredControl,
  state: unknown,
  options: PlanFromFindingOptions,
): StateEvaluation | { readonly kind: 'error'; readonly error: string } {
  try {
    return control.evaluateState(state, planContextFor(pad, resource, options));
  } catch (error) {
    if (error instanceof LiveStateError) throw error;
    return { kind: 'error', error: describeError(error) };
  }
}

/** Plans one resource from the finding; a `fromFinding` that throws becomes an `error` plan. */
function planResourceFromFinding(
  pad: Scratchpad,
  resource: FindingResource,
  control: RegisteredControl,
  options: PlanFromFindingOptions,
): FindingResourcePlan {
  let evaluation: FindingEvaluation;
  try {
    evaluation = control.evaluateFromFinding(planContextFor(pad, resource, options));
  } catch (error) {
    return {
      resourceId: resource.Id,
      kind: 'error',
      reason: 'could not plan from the finding',
      error: describeError(error),
    };
  }
  if (evaluation.kind === 'unknown') {
    return { resourceId: resource.Id, kind: 'unknown', reason: evaluation.reason };
  }
  return resourcePlanOf(resource.Id, evaluation, control, pad, options);
}

/** What the simulation reports for one resource planned from the finding. */
function simulatedOutcome(controlId: string, plan: FindingResourcePlan): Outcome {
  switch (plan.kind) {
    case 'unknown':
      return outcome({
        kind: 'not_done',
        controlId,
        reason: `The finding alone does not say enough to plan ${plan.resourceId}: ${plan.reason}`,
      });
    case 'error':
      return outcome({
        kind: 'not_done',
        controlId,
        reason: `SOAR could not plan ${plan.resourceId} ${plan.reason === STATE_PLAN_ERROR ? 'from the given live state' : 'from the finding'}.`,
        error: plan.error,
      });
    case 'gone':
      return outcome({
        kind: 'not_done',
        controlId,
        reason: `Only the live run can tell whether ${plan.resourceId} is gone: ${plan.reason}`,
      });
    case 'opted_out':
    case 'planned': {
      const step = nextStep(controlId, plan);
      return step.kind === 'outcome' ? step.outcome : appliedOutcome(controlId, step.plan);
    }
  }
}

/** The control of a finding and its resources of the control's types, or the `not_done` result saying why not. */
function targetOf(pad: Scratchpad, registry: Registry): Target {
  const controlId = getControlId(pad.finding);
  const control = controlId === undefined ? undefined : registry.get(controlId);
  if (controlId === undefined || control === undefined) {
    const reason =
      controlId === undefined
        ? 'The finding is not a control finding.'
        : `SOAR has no remediation for ${controlId}.`;
    return {
      kind: 'rejected',
      controlId,
      result: { kind: 'not_done', ...(controlId === undefined ? {} : { controlId }), reason },
    };
  }
  const resources = resourcesOf(pad, control);
  if (resources.length === 0) {
    return {
      kind: 'rejected',
      controlId,
      result: {
        kind: 'not_done',
        controlId,
        reason: `The finding has no resource of a type ${controlId} handles (${control.resourceTypes.join(', ')}).`,
      },
    };
  }
  return { kind: 'target', controlId, control, resources };
}

/** A control's evaluation of one resource (live or from the finding), with the opt-out tag and ticket-only applied. */
function resourcePlanOf(
  resourceId: string,
  evaluation:
    | { readonly kind: 'gone'; readonly reason: string }
    | { readonly kind: 'found'; readonly plan: Plan; readonly tags: Readonly<Record<string, string>> },
  control: ControlMetadata,
  pad: Scratchpad,
  options: DecisionOptions,
): Extract<ResourcePlan, { readonly kind: 'gone' | 'opted_out' | 'planned' }> {
  if (evaluation.kind === 'gone') return { resourceId, kind: 'gone', reason: evaluation.reason };
  const optOut = optedOut(evaluation.tags, options);
  if (optOut !== undefined) return { resourceId, kind: 'opted_out', ...optOut };
  const ticketOnly = options.ticketOnly?.(control, pad.account) ?? false;
  return { resourceId, kind: 'planned', plan: evaluation.plan, ticketOnly };
}

/** What a planned resource comes to: a final outcome, or the changes to apply. */
function nextStep(
  controlId: string,
  planned: Extract<ResourcePlan, { readonly kind: 'opted_out' | 'planned' }>,
):
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'apply'; readonly plan: ChangesPlan } {
  const done = (result: RemediationResult) => ({ kind: 'outcome', outcome: outcome(result) }) as const;
  if (planned.kind === 'opted_out') {
    return done({ kind: 'opted_out', controlId, reason: planned.reason, action: planned.action });
  }
  const { plan } = planned;
  switch (plan.kind) {
    case 'compliant':
      return done({ kind: 'remediated', controlId, changes: [], beforeImages: [] });
    case 'defer':
      return done({ kind: 'reconsider_later', controlId, reason: plan.reason });
    case 'refuse':
      return done({ kind: 'not_done', controlId, reason: plan.reason });
    case 'changes':
      break;
  }
  if (planned.ticketOnly) {
    const changes = plan.changes.map((c) => c.description).join(' ');
    return done({
      kind: 'not_done',
      controlId,
      reason: `${controlId} is set to ticket only here. SOAR would have made these changes: ${changes}`,
    });
  }
  return { kind: 'apply', plan };
}

/** The result of planned changes that were applied and verified. */
function appliedOutcome(controlId: string, plan: ChangesPlan): Outcome {
  return outcome({
    kind: 'remediated',
    controlId,
    changes: plan.changes.map((c) => c.description),
    beforeImages: plan.beforeImage === undefined ? [] : [plan.beforeImage],
    ...(plan.actionsRequired === undefined ? {} : { actionsRequired: plan.actionsRequired }),
  });
}

function outcome(result: RemediationResult): Outcome {
  return { rank: RANK[result.kind], result };
}

/**
 * Several resources: the result that takes precedence (reconsider later > gone > not done > opted out >
 * fixed) wins.
 */
function combine(controlId: string, outcomes: readonly Outcome[]): RemediationResult {
  const worst = outcomes.reduce((a, b) => (b.rank < a.rank ? b : a));
  const fixed = outcomes.flatMap((o) =>
    o.result.kind === 'remediated' || o.result.kind === 'reconsider_later' ? [o.result] : [],
  );
  if (worst.result.kind === 'reconsider_later') {
    // What was changed on any resource stays known (and undoable) while the finding waits.
    const changes = fixed.flatMap((r) => r.changes ?? []);
    const beforeImages = fixed.flatMap((r) => r.beforeImages ?? []);
    const { kind, reason } = worst.result;
    return changes.length === 0 && beforeImages.length === 0
      ? { kind, controlId, reason }
      : { kind, controlId, reason, changes, beforeImages };
  }
  if (worst.result.kind !== 'remediated') return worst.result;
  // Each resource's advice once: two groups fixed alike get the same sentence.
  const advice = [
    ...new Set(
      fixed.flatMap((r) => (r.kind === 'remediated' && r.actionsRequired ? [r.actionsRequired] : [])),
    ),
  ];
  return {
    kind: 'remediated',
    controlId,
    changes: fixed.flatMap((r) => r.changes ?? []),
    beforeImages: fixed.flatMap((r) => r.beforeImages ?? []),
    ...(advice.length === 0 ? {} : { actionsRequired: advice.join('\n') }),
  };
}

/**
 * Writes the result into the scratchpad's flags and messages. A simulation writes the same, but
 * starts every line of `actions_taken` with {@link SIMULATION_PREFIX}.
 */
function finish(
  pad: Scratchpad,
  result: RemediationResult,
  mode: { readonly simulated: boolean } = { simulated: false },
): { scratchpad: Scratchpad; result: RemediationResult } {
  const actions = { suppress_finding: false, autoremediation_not_done: false, reconsider_later: false };
  const messages = { ...pad.messages };
  switch (result.kind) {
    case 'remediated':
      messages.actions_taken =
        result.changes.length === 0
          ? 'Nothing needed changing: the resource already passes the check.'
          : result.changes.join('\n');
      if (result.actionsRequired !== undefined) messages.actions_required = result.actionsRequired;
      break;
    case 'resource_gone':
      actions.suppress_finding = true;
      messages.actions_taken = `No changes: ${result.reason}`;
      break;
    case 'reconsider_later':
      actions.reconsider_later = true;
      messages.actions_taken = [...(result.changes ?? []), `Not yet: ${result.reason}`].join('\n');
      break;
    case 'opted_out':
      if (result.action === 'suppress') {
        actions.suppress_finding = true;
        messages.actions_taken = `No changes: ${result.reason}`;
        break;
      }
      actions.autoremediation_not_done = true;
      messages.actions_taken = 'No changes were made.';
      messages.actions_required = `${result.reason} Please fix the resource yourself, and the code or template that manages it.`;
      break;
    case 'not_done':
      actions.autoremediation_not_done = true;
      messages.actions_taken = 'No changes were made.';
      messages.actions_required =
        `${result.reason}${result.kind === 'not_done' && result.error !== undefined ? ` Error: ${result.error}` : ''} ` +
        'Please fix the resource yourself, and the code or template that manages it.';
      break;
  }
  if (mode.simulated) {
    messages.actions_taken = messages.actions_taken
      .split('\n')
      .map((line) => `${SIMULATION_PREFIX}${line}`)
      .join('\n');
  }
  return { scratchpad: { ...pad, actions, messages }, result };
}

function resourcesOf(pad: Scratchpad, control: Pick<RegisteredControl, 'resourceTypes'>): FindingResource[] {
  return pad.finding.Resources.filter((r) => control.resourceTypes.includes(r.Type));
}

/** Where a control plans for one resource of the finding: its account, region, partition and clock. */
function planContextFor(
  pad: Scratchpad,
  resource: FindingResource,
  options: Pick<RemediateOptions, 'now'>,
): PlanContext {
  const { finding } = pad;
  return {
    finding,
    resource,
    accountId: finding.AwsAccountId,
    region: resource.Region ?? finding.Region ?? 'us-east-1',
    partition: getPartition(finding) ?? 'aws',
    now: (options.now ?? (() => new Date()))(),
  };
}

function contextFor(
  pad: Scratchpad,
  resource: FindingResource,
  control: RegisteredControl,
  options: RemediateOptions,
): ControlContext {
  const context = planContextFor(pad, resource, options);
  const { accountId, region, partition } = context;
  const knownPartition = partition === 'aws-cn' || partition === 'aws-us-gov' ? partition : 'aws';
  return {
    ...context,
    // The statements are built when a client is made, so a resource id no ARN can be built from
    // fails the read (a ticket with the reason), not the whole run.
    client: <C>(ClientClass: new (config: AccessClientConfig) => C) =>
      options.access.client(
        ClientClass,
        { accountId, region, partition: knownPartition },
        {
          purpose: `remediate-${control.controlId}`,
          statements: sessionStatements(control.controlId, control.permissions(context), control.iamActions),
        },
      ),
  };
}

/** The opt-out of a resource with these tags (the reason names the tag and its value), or `undefined`. */
function optedOut(
  tags: Readonly<Record<string, string>>,
  options: Pick<RemediateOptions, 'optOutTag'>,
): { readonly reason: string; readonly action: 'suppress' | 'ticket' } | undefined {
  const tag = options.optOutTag ?? DEFAULT_OPT_OUT_TAG;
  const value = Object.entries(tags).find(([key]) => key === tag.key)?.[1];
  if (value === undefined || !tag.values.some((v) => v.toLowerCase() === value.trim().toLowerCase())) {
    return undefined;
  }
  const action = tag.action ?? 'suppress';
  const what =
    action === 'suppress'
      ? 'so SOAR left it alone and suppressed the finding'
      : 'so the team gets a ticket instead';
  return {
    reason: `The resource is tagged ${tag.key} = ${value.trim()}, which opts it out of auto-remediation, ${what}.`,
    action,
  };
}
