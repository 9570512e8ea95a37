import {
  AwsSecurityFindingSchema,
  getControlId,
  getPartition,
  ResourceSchema,
  type AwsSecurityFinding,
} from '@soar/asff-schema';
import type { AccessClientConfig } from '@soar/aws-access';
import * as z from 'zod';
import { BeforeImageError, RollbackRecordError } from '../errors';
import { describeIssues, parseFields } from './before-image';
import { classifyError, describeError } from './classify';
import type {
  ControlContext,
  FindingResource,
  ParsedRollback,
  RegisteredControl,
  RegisteredRollback,
  RollbackEvaluation,
  RollbackPlan,
} from './control';
import type { RemediateOptions } from './runner';
import { sessionStatements } from './permissions';

/**
 * What is needed to undo one fix: the control, the resource (by its finding, or directly) and the
 * before-image the fix recorded (`result.beforeImages` of `remediate`). Records come from storage,
 * so {@link planRollback} and {@link rollback} parse them with this schema first, and the before-image
 * with its control's schema.
 *
 * - With the finding: `{ controlId, finding, beforeImage }`, plus `resourceId` when the finding has
 *   several resources the control handles. Account, region and partition come from the finding.
 * - Without it: `{ controlId, resource: { Type, Id }, accountId, region, partition?, beforeImage }`.
 *
 * @example
 * ```ts
 * const { result } = await remediate(pad, options);
 * if (result.kind === 'remediated') {
 *   const record = RollbackRecordSchema.parse({
 *     controlId: result.controlId,
 *     finding: pad.finding,
 *     beforeImage: result.beforeImages[0],
 *   });
 *   await store.put(record); // later: await rollback(record, options)
 * }
 * ```
 */
export const RollbackRecordSchema = z.union([
  z.object({
    controlId: z.string().trim().min(1),
    finding: AwsSecurityFindingSchema,
    /** Which resource of the finding, when it has several the control handles. */
    resourceId: z.string().trim().min(1).optional(),
    beforeImage: z.unknown(),
  }),
  z.object({
    controlId: z.string().trim().min(1),
    resource: ResourceSchema,
    accountId: z.string().regex(/^\d{12}$/, { message: 'Invalid account id: expected 12 digits' }),
    region: z.string().trim().min(1),
    partition: z.string().trim().min(1).optional(),
    beforeImage: z.unknown(),
  }),
]);

/** A rollback record as stored; see {@link RollbackRecordSchema}. */
export type RollbackRecord = z.input<typeof RollbackRecordSchema>;

/** Options of {@link planRollback} and {@link rollback}: those of `remediate` that a rollback uses. */
export type RollbackOptions = Pick<RemediateOptions, 'access' | 'registry' | 'now' | 'verify' | 'sleep'>;

/**
 * What happened to one rollback:
 * - `rolled_back`: SOAR put back what its fix changed, and checked it (`changes` says what);
 * - `already_as_before`: nothing to undo, the resource is as it was before the fix;
 * - `resource_gone`: the resource no longer exists, so there is nothing to undo;
 * - `not_done`: SOAR would not or could not undo it (a bad record, a resource that moved on since the
 *   fix, an AWS error): `reason` and `error` say why; nothing was changed unless `reason` says so.
 */
export type RollbackResult =
  | {
      readonly kind: 'rolled_back';
      readonly controlId: string;
      readonly resourceId: string;
      readonly changes: readonly string[];
      readonly actionsRequired?: string;
    }
  | {
      readonly kind: 'already_as_before';
      readonly controlId: string;
      readonly resourceId: string;
      readonly reason: string;
    }
  | {
      readonly kind: 'resource_gone';
      readonly controlId: string;
      readonly resourceId: string;
      readonly reason: string;
    }
  | {
      readonly kind: 'not_done';
      readonly controlId?: string;
      readonly resourceId?: string;
      readonly reason: string;
      readonly error?: string;
    };

/** What {@link planRollback} found: the plan, or (as {@link RollbackResult}) why there is none. */
export type RollbackPlanResult =
  | {
      readonly kind: 'planned';
      readonly controlId: string;
      readonly resourceId: string;
      readonly plan: RollbackPlan;
    }
  | Extract<RollbackResult, { readonly kind: 'resource_gone' | 'not_done' }>;

const DEFAULT_VERIFY = { attempts: 3, delayMs: 2000 } as const;

type NotDone = Extract<RollbackResult, { readonly kind: 'not_done' }>;

/** A record that checked out: the control, its rollback bound to the before-image, and where to act. */
interface Prepared {
  readonly controlId: string;
  readonly resourceId: string;
  readonly parsed: ParsedRollback;
  readonly context: ControlContext;
}

/**
 * Reads the live resource and plans the rollback of one fix, without changing anything: the plan is
 * pure, reading needs the control's read actions only (the session allows nothing else).
 *
 * @example
 * ```ts
 * const planned = await planRollback({ controlId: 'EC2.13', finding, beforeImage }, { access, registry: defaultRegistry });
 * if (planned.kind === 'planned' && planned.plan.kind === 'changes') {
 *   console.log(planned.plan.changes.map((c) => c.description));
 * }
 * ```
 */
export async function planRollback(
  record: RollbackRecord,
  options: RollbackOptions,
): Promise<RollbackPlanResult> {
  const prepared = prepare(record, options);
  if (prepared.kind === 'not_done') return prepared.result;
  const { controlId, resourceId, parsed, context } = prepared.value;
  const evaluation = await evaluateSafely(parsed, context, controlId, resourceId, 'read');
  if (evaluation.kind !== 'evaluated') return evaluation.result;
  if (evaluation.value.kind === 'gone') return gone(controlId, resourceId, evaluation.value.reason);
  return { kind: 'planned', controlId, resourceId, plan: evaluation.value.plan };
}

/**
 * Undoes one fix from its before-image, like a fix: read the live state, plan (pure), apply, then
 * verify by reading again. Only what SOAR changed is undone, and nothing when the resource moved on
 * since in a way that makes undoing unsafe (`not_done` with the reason). The session is limited to
 * the rollback's IAM actions and the control's read actions, and named `rollback-<controlId>`.
 * Never throws for AWS failures or bad records: they become `not_done` with the error text.
 *
 * @example
 * ```ts
 * const result = await rollback({ controlId: 'S3.2', finding, beforeImage }, { access, registry: defaultRegistry });
 * if (result.kind === 'rolled_back') console.log(result.changes.join('\n'));
 * if (result.kind === 'not_done') console.log(result.reason, result.error);
 * ```
 */
export async function rollback(record: RollbackRecord, options: RollbackOptions): Promise<RollbackResult> {
  const prepared = prepare(record, options);
  if (prepared.kind === 'not_done') return prepared.result;
  const { controlId, resourceId, parsed, context } = prepared.value;

  const evaluation = await evaluateSafely(parsed, context, controlId, resourceId, 'read');
  if (evaluation.kind !== 'evaluated') return evaluation.result;
  if (evaluation.value.kind === 'gone') return gone(controlId, resourceId, evaluation.value.reason);
  const { plan, apply } = evaluation.value;
  switch (plan.kind) {
    case 'already_as_before':
      return { kind: 'already_as_before', controlId, resourceId, reason: plan.reason };
    case 'refuse':
      return { kind: 'not_done', controlId, resourceId, reason: plan.reason };
    case 'changes':
      break;
  }
  if (apply === undefined) return { kind: 'not_done', controlId, resourceId, reason: 'Nothing to apply.' };

  try {
    await apply(context);
  } catch (error) {
    // The resource may have gone while we changed it: only a fresh read can tell.
    if (classifyError(error) === 'resource_not_found') {
      const again = await evaluateSafely(parsed, context, controlId, resourceId, 'read');
      if (again.kind === 'evaluated' && again.value.kind === 'gone') {
        return gone(controlId, resourceId, again.value.reason);
      }
    }
    return {
      kind: 'not_done',
      controlId,
      resourceId,
      reason: `SOAR could not undo ${controlId} on ${resourceId}; some of the changes may have been made.`,
      error: describeError(error),
    };
  }

  const verify = options.verify ?? DEFAULT_VERIFY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let verified: boolean;
  for (let attempt = 1; ; attempt++) {
    const check = await evaluateSafely(parsed, context, controlId, resourceId, 'verify');
    if (check.kind !== 'evaluated') return check.result;
    verified = check.value.kind === 'found' && check.value.plan.kind === 'already_as_before';
    if (verified || attempt >= verify.attempts) break;
    await sleep(verify.delayMs);
  }
  if (!verified) {
    return {
      kind: 'not_done',
      controlId,
      resourceId,
      reason: `SOAR undid ${controlId} on ${resourceId}, but reading it again does not show it as it was before the fix.`,
    };
  }
  return {
    kind: 'rolled_back',
    controlId,
    resourceId,
    changes: plan.changes.map((c) => c.description),
    ...(plan.actionsRequired === undefined ? {} : { actionsRequired: plan.actionsRequired }),
  };
}

function gone(
  controlId: string,
  resourceId: string,
  reason: string,
): Extract<RollbackResult, { kind: 'resource_gone' }> {
  return {
    kind: 'resource_gone',
    controlId,
    resourceId,
    reason: `${reason} There is nothing to roll back.`,
  };
}

/** Reads and plans; an error becomes the result to return (gone when reading says so). */
async function evaluateSafely(
  parsed: ParsedRollback,
  context: ControlContext,
  controlId: string,
  resourceId: string,
  stage: 'read' | 'verify',
): Promise<
  | { readonly kind: 'evaluated'; readonly value: RollbackEvaluation }
  | {
      readonly kind: 'failed';
      readonly result: Extract<RollbackResult, { kind: 'resource_gone' | 'not_done' }>;
    }
> {
  try {
    return { kind: 'evaluated', value: await parsed.evaluate(context) };
  } catch (error) {
    if (stage === 'read' && classifyError(error) === 'resource_not_found') {
      return {
        kind: 'failed',
        result: gone(controlId, resourceId, `${resourceId} no longer exists (${describeError(error)}).`),
      };
    }
    return {
      kind: 'failed',
      result: {
        kind: 'not_done',
        controlId,
        resourceId,
        reason:
          stage === 'read'
            ? `SOAR could not read ${resourceId}, so it undid nothing.`
            : `SOAR undid ${controlId} on ${resourceId}, but could not read it again to check.`,
        error: describeError(error),
      },
    };
  }
}

/** Checks the record, finds the control and the resource, parses the before-image, and builds the context. */
function prepare(
  record: RollbackRecord,
  options: RollbackOptions,
):
  | { readonly kind: 'ready'; readonly value: Prepared }
  | { readonly kind: 'not_done'; readonly result: NotDone } {
  const notDone = (result: Omit<NotDone, 'kind'>) =>
    ({ kind: 'not_done', result: { kind: 'not_done', ...result } }) as const;
  const parsedRecord = parseFields(RollbackRecordSchema, record, 'rollback record');
  if (!parsedRecord.success) {
    const error = new RollbackRecordError(
      `Invalid rollback record: ${describeIssues(parsedRecord.issues)}`,
      parsedRecord.issues,
      { cause: parsedRecord.cause },
    );
    return notDone({
      reason: `The rollback record is missing something or has a wrong field (${error.field || 'the record itself'}), so SOAR changed nothing.`,
      error: describeError(error),
    });
  }
  const valid = parsedRecord.data;
  const { controlId } = valid;
  const control = options.registry.get(controlId);
  if (control === undefined) {
    return notDone({
      controlId,
      reason: `SOAR has no remediation for ${controlId}, so it has nothing to roll back.`,
    });
  }
  const controlRollback = control.rollback;
  if (controlRollback === undefined) {
    return notDone({
      controlId,
      reason: `The fix of ${controlId} cannot be undone: SOAR has no rollback for it.`,
    });
  }

  const located = locate(valid, control, options);
  if (located.kind === 'not_done') return notDone({ controlId, reason: located.reason });
  const { resource } = located;

  let parsed: ParsedRollback;
  try {
    parsed = controlRollback.parse(valid.beforeImage);
  } catch (error) {
    const field = error instanceof BeforeImageError ? ` (${error.field || 'the before-image itself'})` : '';
    return notDone({
      controlId,
      resourceId: resource.Id,
      reason:
        `The before-image does not hold what SOAR needs to undo ${controlId} on ${resource.Id}${field}, ` +
        'so it changed nothing.',
      error: describeError(error),
    });
  }
  return {
    kind: 'ready',
    value: {
      controlId,
      resourceId: resource.Id,
      parsed,
      context: contextFor(located, control, controlRollback, options),
    },
  };
}

type ValidRecord = z.output<typeof RollbackRecordSchema>;

interface Located {
  readonly kind: 'located';
  readonly finding: AwsSecurityFinding;
  readonly resource: FindingResource;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** The resource of the record, and where it lives. */
function locate(
  record: ValidRecord,
  control: RegisteredControl,
  options: RollbackOptions,
): Located | { readonly kind: 'not_done'; readonly reason: string } {
  const { controlId } = record;
  const handles = (resource: FindingResource) => control.resourceTypes.includes(resource.Type);
  const types = control.resourceTypes.join(', ');
  if ('resource' in record) {
    if (!handles(record.resource)) {
      return {
        kind: 'not_done',
        reason: `${record.resource.Id} is a ${record.resource.Type}, not a resource ${controlId} handles (${types}).`,
      };
    }
    const partition = record.partition ?? record.resource.Partition ?? 'aws';
    return {
      kind: 'located',
      finding: findingFor(controlId, record.resource, record.accountId, record.region, partition, options),
      resource: record.resource,
      accountId: record.accountId,
      region: record.region,
      partition,
    };
  }
  const { finding } = record;
  const findingControl = getControlId(finding);
  if (findingControl !== undefined && findingControl !== controlId) {
    return {
      kind: 'not_done',
      reason: `The record is for ${controlId}, but its finding is for ${findingControl}: SOAR changed nothing.`,
    };
  }
  const candidates = finding.Resources.filter(handles);
  const resource =
    record.resourceId === undefined
      ? candidates.length === 1
        ? candidates[0]
        : undefined
      : candidates.find((r) => r.Id === record.resourceId);
  if (resource === undefined) {
    return {
      kind: 'not_done',
      reason:
        record.resourceId !== undefined
          ? `The finding has no resource ${record.resourceId} of a type ${controlId} handles (${types}).`
          : candidates.length === 0
            ? `The finding has no resource of a type ${controlId} handles (${types}).`
            : `The finding has ${candidates.length} resources ${controlId} handles: say which one the before-image is for (resourceId).`,
    };
  }
  return {
    kind: 'located',
    finding,
    resource,
    accountId: finding.AwsAccountId,
    region: resource.Region ?? finding.Region ?? 'us-east-1',
    partition: getPartition(finding) ?? 'aws',
  };
}

/**
 * The finding a control's `read` and `plan` get when the record names the resource directly: only its
 * account, region, resource and control are real. It never leaves this process.
 */
function findingFor(
  controlId: string,
  resource: FindingResource,
  accountId: string,
  region: string,
  partition: string,
  options: RollbackOptions,
): AwsSecurityFinding {
  const at = (options.now ?? (() => new Date()))().toISOString();
  return {
    SchemaVersion: '2018-10-08',
    Id: `soar-rollback/${controlId}/${resource.Id}`,
    ProductArn: `arn:${partition}:securityhub:${region}::product/aws/securityhub`,
    GeneratorId: `security-control/${controlId}`,
    AwsAccountId: accountId,
    Types: [],
    CreatedAt: at,
    UpdatedAt: at,
    Severity: { Label: 'INFORMATIONAL' },
    Title: `Rollback of ${controlId}`,
    Description: `SOAR rolls back its fix of ${controlId} on ${resource.Id}.`,
    Resources: [resource],
    Region: region,
    Compliance: { SecurityControlId: controlId },
  };
}

/** The IAM actions a rollback session may use: the control's read actions and the rollback's own. */
export function rollbackSessionActions(rollbackOf: RegisteredRollback): readonly string[] {
  return [...new Set([...rollbackOf.readActions, ...rollbackOf.iamActions])];
}

function contextFor(
  located: Located,
  control: RegisteredControl,
  controlRollback: RegisteredRollback,
  options: RollbackOptions,
): ControlContext {
  const { finding, resource, accountId, region, partition } = located;
  const knownPartition = partition === 'aws-cn' || partition === 'aws-us-gov' ? partition : 'aws';
  const actions = rollbackSessionActions(controlRollback);
  const context = {
    finding,
    resource,
    accountId,
    region,
    partition,
    now: (options.now ?? (() => new Date()))(),
  };
  return {
    ...context,
    client: <C>(ClientClass: new (config: AccessClientConfig) => C) =>
      options.access.client(
        ClientClass,
        { accountId, region, partition: knownPartition },
        {
          purpose: `rollback-${control.controlId}`,
          statements: sessionStatements(control.controlId, control.permissions(context), actions),
        },
      ),
  };
}
