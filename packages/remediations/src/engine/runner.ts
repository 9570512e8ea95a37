import { getControlId, getPartition } from '@soar/asff-schema';
import type { AccessClientConfig, AwsAccess } from '@soar/aws-access';
import type { Account, Scratchpad } from '@soar/scratchpad';
import { classifyError, describeError } from './classify';
import type { ControlContext, ControlMetadata, FindingResource, Plan, RegisteredControl } from './control';
import type { Registry } from './registry';

/** Per-resource opt-out: a tag on the live resource that tells SOAR to leave it alone. */
export interface OptOutTag {
  /** Tag key, default `soar:auto-remediation`. */
  readonly key: string;
  /** Values that opt out (compared case-insensitively), default `off`, `false`, `no`, `disabled`. */
  readonly values: readonly string[];
}

export const DEFAULT_OPT_OUT_TAG: OptOutTag = {
  key: 'soar:auto-remediation',
  values: ['off', 'false', 'no', 'disabled'],
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
    }
  | {
      readonly kind: 'not_done';
      readonly controlId?: string;
      readonly reason: string;
      readonly error?: string;
    }
  | { readonly kind: 'resource_gone'; readonly controlId: string; readonly reason: string }
  | { readonly kind: 'reconsider_later'; readonly controlId: string; readonly reason: string }
  | { readonly kind: 'opted_out'; readonly controlId: string; readonly reason: string };

/** The plan for one resource of a finding, as {@link planRemediation} reports it. */
export type ResourcePlan =
  | { readonly resourceId: string; readonly kind: 'gone'; readonly reason: string }
  | { readonly resourceId: string; readonly kind: 'opted_out'; readonly reason: string }
  | { readonly resourceId: string; readonly kind: 'error'; readonly reason: string; readonly error: string }
  | {
      readonly resourceId: string;
      readonly kind: 'planned';
      readonly plan: Plan;
      readonly ticketOnly: boolean;
    };

type Outcome = { readonly rank: number; readonly result: RemediationResult };
const RANK = { reconsider_later: 0, resource_gone: 1, not_done: 2, opted_out: 2, remediated: 3 } as const;

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
  const controlId = getControlId(pad.finding);
  const control = controlId === undefined ? undefined : options.registry.get(controlId);
  if (controlId === undefined || control === undefined) return { controlId, resources: [] };
  const resources: ResourcePlan[] = [];
  for (const resource of resourcesOf(pad, control)) {
    const context = contextFor(pad, resource, control, options);
    try {
      const evaluation = await control.evaluate(context);
      if (evaluation.kind === 'gone') {
        resources.push({ resourceId: resource.Id, kind: 'gone', reason: evaluation.reason });
      } else if (optedOut(evaluation.tags, options)) {
        resources.push({ resourceId: resource.Id, kind: 'opted_out', reason: optOutReason(options) });
      } else {
        const ticketOnly = options.ticketOnly?.(control, pad.account) ?? false;
        resources.push({ resourceId: resource.Id, kind: 'planned', plan: evaluation.plan, ticketOnly });
      }
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
  const controlId = getControlId(pad.finding);
  const control = controlId === undefined ? undefined : options.registry.get(controlId);
  if (controlId === undefined || control === undefined) {
    const reason =
      controlId === undefined
        ? 'The finding is not a control finding.'
        : `SOAR has no remediation for ${controlId}.`;
    return finish(pad, { kind: 'not_done', ...(controlId === undefined ? {} : { controlId }), reason });
  }
  const resources = resourcesOf(pad, control);
  if (resources.length === 0) {
    return finish(pad, {
      kind: 'not_done',
      controlId,
      reason: `The finding has no resource of a type ${controlId} handles (${control.resourceTypes.join(', ')}).`,
    });
  }
  const outcomes: Outcome[] = [];
  for (const resource of resources) outcomes.push(await remediateResource(pad, resource, control, options));
  return finish(pad, combine(controlId, outcomes));
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
  if (evaluation.kind === 'gone')
    return outcome({ kind: 'resource_gone', controlId, reason: evaluation.reason });
  if (optedOut(evaluation.tags, options))
    return outcome({ kind: 'opted_out', controlId, reason: optOutReason(options) });

  const { plan } = evaluation;
  switch (plan.kind) {
    case 'compliant':
      return outcome({ kind: 'remediated', controlId, changes: [], beforeImages: [] });
    case 'defer':
      return outcome({ kind: 'reconsider_later', controlId, reason: plan.reason });
    case 'refuse':
      return outcome({ kind: 'not_done', controlId, reason: plan.reason });
    case 'changes':
      break;
  }
  if (options.ticketOnly?.(control, pad.account) === true) {
    const planned = plan.changes.map((c) => c.description).join(' ');
    return outcome({
      kind: 'not_done',
      controlId,
      reason: `${controlId} is set to ticket only here. SOAR would have made these changes: ${planned}`,
    });
  }
  if (evaluation.apply === undefined)
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
    if (passes || attempt >= verify.attempts) break;
    await sleep(verify.delayMs);
  }
  const removed = verification.kind === 'gone' && plan.removesResource === true;
  if (!removed && (verification.kind !== 'found' || verification.plan.kind !== 'compliant')) {
    return outcome({
      kind: 'not_done',
      controlId,
      reason: `SOAR changed ${resource.Id}, but ${controlId} still fails on it.`,
    });
  }
  return outcome({
    kind: 'remediated',
    controlId,
    changes: plan.changes.map((c) => c.description),
    beforeImages: plan.beforeImage === undefined ? [] : [plan.beforeImage],
  });
}

function outcome(result: RemediationResult): Outcome {
  return { rank: RANK[result.kind], result };
}

/** Several resources: the result that takes precedence (reconsider later > gone > not done > fixed) wins. */
function combine(controlId: string, outcomes: readonly Outcome[]): RemediationResult {
  const worst = outcomes.reduce((a, b) => (b.rank < a.rank ? b : a));
  if (worst.result.kind !== 'remediated') return worst.result;
  const fixed = outcomes.flatMap((o) => (o.result.kind === 'remediated' ? [o.result] : []));
  return {
    kind: 'remediated',
    controlId,
    changes: fixed.flatMap((r) => r.changes),
    beforeImages: fixed.flatMap((r) => r.beforeImages),
  };
}

/** Writes the result into the scratchpad's flags and messages. */
function finish(
  pad: Scratchpad,
  result: RemediationResult,
): { scratchpad: Scratchpad; result: RemediationResult } {
  const actions = { suppress_finding: false, autoremediation_not_done: false, reconsider_later: false };
  const messages = { ...pad.messages };
  switch (result.kind) {
    case 'remediated':
      messages.actions_taken =
        result.changes.length === 0
          ? 'Nothing needed changing: the resource already passes the check.'
          : result.changes.join('\n');
      break;
    case 'resource_gone':
      actions.suppress_finding = true;
      messages.actions_taken = `No changes: ${result.reason}`;
      break;
    case 'reconsider_later':
      actions.reconsider_later = true;
      messages.actions_taken = `Not yet: ${result.reason}`;
      break;
    case 'opted_out':
    case 'not_done':
      actions.autoremediation_not_done = true;
      messages.actions_taken = 'No changes were made.';
      messages.actions_required =
        `${result.reason}${result.kind === 'not_done' && result.error !== undefined ? ` Error: ${result.error}` : ''} ` +
        'Please fix the resource yourself, and the code or template that manages it.';
      break;
  }
  return { scratchpad: { ...pad, actions, messages }, result };
}

function resourcesOf(pad: Scratchpad, control: ControlMetadata): FindingResource[] {
  return pad.finding.Resources.filter((r) => control.resourceTypes.includes(r.Type));
}

function contextFor(
  pad: Scratchpad,
  resource: FindingResource,
  control: RegisteredControl,
  options: RemediateOptions,
): ControlContext {
  const { finding } = pad;
  const region = resource.Region ?? finding.Region ?? 'us-east-1';
  const partition = getPartition(finding) ?? 'aws';
  const knownPartition = partition === 'aws-cn' || partition === 'aws-us-gov' ? partition : 'aws';
  return {
    finding,
    resource,
    accountId: finding.AwsAccountId,
    region,
    partition,
    now: (options.now ?? (() => new Date()))(),
    client: <C>(ClientClass: new (config: AccessClientConfig) => C) =>
      options.access.client(
        ClientClass,
        { accountId: finding.AwsAccountId, region, partition: knownPartition },
        { purpose: `remediate-${control.controlId}`, actions: control.iamActions },
      ),
  };
}

function optedOut(tags: Readonly<Record<string, string>>, options: RemediateOptions): boolean {
  const tag = options.optOutTag ?? DEFAULT_OPT_OUT_TAG;
  const value = Object.entries(tags).find(([key]) => key === tag.key)?.[1];
  return value !== undefined && tag.values.some((v) => v.toLowerCase() === value.trim().toLowerCase());
}

function optOutReason(options: RemediateOptions): string {
  const tag = options.optOutTag ?? DEFAULT_OPT_OUT_TAG;
  return `The resource is tagged ${tag.key} to opt out of auto-remediation, so the team gets a ticket instead.`;
}
