import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { AccessClientConfig, SessionPolicyStatement } from '@soar/aws-access';
import type * as z from 'zod';
import { parseBeforeImage } from './before-image';
import { parseLiveState } from './live-state';
import { idMismatchReason, type ResourceIdPattern } from './resource-id';

/** A resource of a finding, as the finding describes it (only used to locate the live resource). */
export type FindingResource = AwsSecurityFinding['Resources'][number];

/** Builds an AWS SDK v3 client acting in the finding's account and region, limited to the control's IAM actions. */
export type ClientFactory = <C>(ClientClass: new (config: AccessClientConfig) => C) => C;

/** What a control's `read`, `apply` and `verify` get: where to act, and clients to act with. */
export interface ControlContext {
  readonly finding: AwsSecurityFinding;
  /** The finding resource being remediated. */
  readonly resource: FindingResource;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly client: ClientFactory;
  readonly now: Date;
}

/** What a control's pure `plan` gets besides the live state. */
export interface PlanContext {
  readonly finding: AwsSecurityFinding;
  readonly resource: FindingResource;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly now: Date;
}

/** The live state a control read, or the news that the resource no longer exists. */
export type ReadResult<State> =
  { readonly kind: 'found'; readonly state: State } | { readonly kind: 'gone'; readonly reason: string };

/**
 * The state a control derived from the finding alone (its `Resources[].Details`, `Tags` and
 * `Compliance`), without AWS: `found` when the finding says enough to plan exactly as the live run
 * would, `unknown` (with the reason, in plain words) when only the live resource can tell.
 *
 * @example
 * ```ts
 * const derived: FindingStateResult<Ec27State> =
 *   finding.Compliance?.Status === 'FAILED'
 *     ? { kind: 'found', state: { enabled: false } }
 *     : { kind: 'unknown', reason: 'The finding does not say whether EBS encryption by default is on.' };
 * ```
 */
export type FindingStateResult<State> =
  { readonly kind: 'found'; readonly state: State } | { readonly kind: 'unknown'; readonly reason: string };

/** One intended change, described for humans and carried as data to `apply`. */
export interface PlannedChange<Params = unknown> {
  /** The API call, e.g. `ec2:RevokeSecurityGroupIngress`. */
  readonly action: string;
  /** What it does, in plain words for the team, e.g. `Removed inbound 0.0.0.0/0 on port 22 from sg-0123.` */
  readonly description: string;
  readonly params: Params;
}

/**
 * The outcome of planning, a pure function of the live state:
 * - `compliant`: nothing to change (a second run after a fix ends here);
 * - `changes`: the changes that make the control pass, plus what is needed to undo them;
 * - `defer`: not now (a grace period runs), the finding comes back later;
 * - `refuse`: SOAR will not change this resource; the team gets a ticket with the reason.
 */
export type Plan<Params = unknown> =
  | { readonly kind: 'compliant'; readonly reason: string }
  | {
      readonly kind: 'changes';
      readonly changes: readonly PlannedChange<Params>[];
      /** State needed to undo the changes, when they can be undone. */
      readonly beforeImage?: unknown;
      /** What the team should still do, e.g. fix the template that created the resource. */
      readonly actionsRequired?: string;
      /**
       * The change deletes the resource itself (terminate, release, delete): finding it gone when
       * verifying is the success, not a failure.
       */
      readonly removesResource?: boolean;
    }
  | { readonly kind: 'defer'; readonly reason: string }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * The outcome of planning a rollback, a pure function of the before-image and the live state:
 * - `already_as_before`: nothing to undo (a second rollback ends here);
 * - `changes`: the changes that put back what SOAR changed, and only that;
 * - `refuse`: the live state moved on since the fix (someone changed the resource in a way that makes
 *   undoing unsafe), or the before-image is not of this resource; the reason says what and why.
 */
export type RollbackPlan<Params = unknown> =
  | { readonly kind: 'already_as_before'; readonly reason: string }
  | {
      readonly kind: 'changes';
      readonly changes: readonly PlannedChange<Params>[];
      /** What the team should still know or do after the rollback. */
      readonly actionsRequired?: string;
    }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * How a reversible control undoes its fix from the before-image the fix recorded. A rollback runs like a
 * fix: the control's `read` re-reads the live state, the pure `plan` decides from it and the
 * before-image, `apply` makes the changes and `read` + `plan` verify (`already_as_before`).
 *
 * @example
 * ```ts
 * rollback: {
 *   readActions: ['ec2:GetEbsEncryptionByDefault'],
 *   iamActions: ['ec2:DisableEbsEncryptionByDefault'],
 *   beforeImage: z.object({ ebsEncryptionByDefault: z.literal(false), region: z.string() }),
 *   plan: (before, state) => state.enabled ? { kind: 'changes', changes: [...] } : { kind: 'already_as_before', reason: '...' },
 *   apply: async (_changes, context) => { ... DisableEbsEncryptionByDefaultCommand ... },
 * }
 * ```
 */
export interface ControlRollback<State, BeforeImage, Params> {
  /**
   * The IAM actions the control's `read` calls (each one of the control's `iamActions`): the rollback
   * session re-reads the live state with them.
   */
  readonly readActions: readonly string[];
  /** Every IAM action the rollback's `apply` calls, exactly (no wildcards). */
  readonly iamActions: readonly string[];
  /**
   * The schema of the before-image the fix records (`Plan.beforeImage`). Before-images come back from
   * storage, so they are parsed with it before anything is read; a bad one is a `BeforeImageError`.
   */
  readonly beforeImage: z.ZodType<BeforeImage>;
  /** Pure: decides from the before-image and the live state what to undo. Must not call AWS. */
  plan(beforeImage: BeforeImage, state: State, context: PlanContext): RollbackPlan<Params>;
  /** Makes the planned changes. Idempotent: putting back what is already back is success. */
  apply(changes: readonly PlannedChange<Params>[], context: ControlContext): Promise<void>;
}

/**
 * One Security Hub control SOAR can fix. A module exports one object made with {@link defineControl};
 * adding a control touches its module and the registry line, nothing else.
 *
 * @example
 * ```ts
 * export const Ec27StateSchema = z.strictObject({ enabled: z.boolean() });
 * export type Ec27State = z.infer<typeof Ec27StateSchema>;
 *
 * export const ec2_7 = defineControl<Ec27State, Record<string, never>>({
 *   controlId: 'EC2.7', title: 'EBS default encryption should be enabled', ...,
 *   stateSchema: Ec27StateSchema,
 *   read: async (ctx) => ({ kind: 'found', state: await readDefaultEncryption(ctx) }),
 *   plan: (state) => state.enabled ? { kind: 'compliant', reason: '...' } : { kind: 'changes', changes: [...] },
 *   apply: async (changes, ctx) => { await ctx.client(EC2Client).send(new EnableEbsEncryptionByDefaultCommand({})); },
 * });
 * ```
 */
export interface RemediationControl<
  State = unknown,
  Params = unknown,
  BeforeImage = unknown,
  RollbackParams = unknown,
> {
  /** Security Hub control id, e.g. `EC2.13`. */
  readonly controlId: string;
  /** What the control checks. */
  readonly title: string;
  /** What the fix changes, in one sentence (docs table). */
  readonly fix: string;
  /**
   * The ASFF resource types this control acts on (e.g. `AwsEc2SecurityGroup`), each with the id shape
   * it accepts ({@link arnIdPattern} for ARNs, with valid and invalid examples the registry gate checks
   * in every partition). The engine matches `Resources[].Id` before `read`, `fromFinding` or a given
   * state is planned: an id of another shape is a refusal naming the id and the shape. The control
   * takes the parts it needs with the pattern's `partsOf(context.resource.Id)`.
   */
  readonly resourceIds: Readonly<Record<string, ResourceIdPattern<string, string>>>;
  /** Every IAM action `read`, `apply` and `verify` call, exactly; the session policy allows only these. */
  readonly iamActions: readonly string[];
  /**
   * Pure: the session policy statements that name the resources each action may touch, built from the
   * finding's resource and `context` (partition, region and account of the session: use
   * `regionalArn`/`globalArn`). Covers every action of `iamActions` and of `rollback.iamActions`. An
   * action gets `resources: ['*']` only when the Service Authorization Reference gives it no resource
   * type (`ec2:Describe*`, `ec2:GetEbsEncryptionByDefault`); the registry test lists those and fails on
   * any other. `iam:PassRole` names the role and carries an `iam:PassedToService` condition.
   *
   * @example
   * ```ts
   * permissions: (context) => [
   *   { actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] },
   *   {
   *     actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
   *     resources: [regionalArn(context, 'ec2', `security-group/${groupIdOf(context.resource.Id)}`)],
   *   },
   * ],
   * ```
   */
  permissions(context: PlanContext): readonly SessionPolicyStatement[];
  /** Deletes or stops something, or loses data that cannot be recovered. */
  readonly destructive: boolean;
  /** The change can be undone from the recorded before-image: then `rollback` says how. */
  readonly reversible: boolean;
  /**
   * The schema of the live state, the single source of its type (`type State = z.infer<typeof schema>`):
   * it accepts every state `read` and `fromFinding` return, and is strict (`z.strictObject`), so a
   * state written by hand (`planFromState`, a simulation's world file) with a misspelt key or a wrong
   * type is an error naming the field. `read` results are not parsed at run time; the moto tests
   * check that they parse.
   */
  readonly stateSchema: z.ZodType<State>;
  /** Reads the live resource; never trusts the finding's `Details`. */
  read(context: ControlContext): Promise<ReadResult<State>>;
  /** Pure: decides from the live state what to change. Must not call AWS. */
  plan(state: State, context: PlanContext): Plan<Params>;
  /** Makes the planned changes. Idempotent: creating what already exists is success. */
  apply(changes: readonly PlannedChange<Params>[], context: ControlContext): Promise<void>;
  /** Tags of the live resource, for the opt-out tag. */
  tags?(state: State): Readonly<Record<string, string>>;
  /**
   * Pure: the state `read` would return, derived from the finding alone (`context.resource` Type, Id,
   * Details and Tags, and `context.finding`, e.g. `Compliance.Status`), for planning without AWS
   * (`planFromFinding`, `simulateRemediation`). No AWS call, no clock other than `context.now`.
   * Conservative: when the finding cannot tell something that could make the live run refuse or
   * defer, it answers `unknown` rather than a state whose plan would show a change.
   */
  fromFinding?(context: PlanContext): FindingStateResult<State>;
  /** How to undo the fix from its before-image; present exactly when `reversible` (the registry checks). */
  readonly rollback?: ControlRollback<State, BeforeImage, RollbackParams>;
}

/** Identity function that types a control module. */
export function defineControl<State, Params, BeforeImage = unknown, RollbackParams = unknown>(
  control: RemediationControl<State, Params, BeforeImage, RollbackParams>,
): RemediationControl<State, Params, BeforeImage, RollbackParams> {
  return control;
}

/** The metadata of a control: everything but its functions (docs, registry checks, IAM). */
export type ControlMetadata = Pick<
  RemediationControl,
  'controlId' | 'title' | 'fix' | 'iamActions' | 'destructive' | 'reversible'
>;

/** A control's read and plan for one resource, with its typed state kept inside. */
export type Evaluation =
  | { readonly kind: 'gone'; readonly reason: string }
  | {
      readonly kind: 'found';
      readonly plan: Plan;
      readonly tags: Readonly<Record<string, string>>;
      /** Applies exactly the planned changes (present when the plan has changes). */
      readonly apply?: (context: ControlContext) => Promise<void>;
    };

/**
 * A control's plan for one resource derived from the finding alone ({@link RemediationControl.fromFinding}):
 * never applicable (there is no `apply`), and `unknown` when the finding does not say enough. `gone`
 * mirrors {@link Evaluation}; no `fromFinding` derives it, and a simulation never suppresses on it.
 */
export type FindingEvaluation =
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'gone'; readonly reason: string }
  | { readonly kind: 'found'; readonly plan: Plan; readonly tags: Readonly<Record<string, string>> };

/** A rollback's read and plan for one resource, with the typed before-image and state kept inside. */
export type RollbackEvaluation =
  | { readonly kind: 'gone'; readonly reason: string }
  | {
      readonly kind: 'found';
      readonly plan: RollbackPlan;
      /** Applies exactly the planned changes (present when the plan has changes). */
      readonly apply?: (context: ControlContext) => Promise<void>;
    };

/** A before-image parsed by its control's schema, ready to plan against the live state. */
export interface ParsedRollback {
  /** Reads the live resource with the control's `read` and plans the undo (pure). */
  evaluate(context: ControlContext): Promise<RollbackEvaluation>;
}

/** A control's rollback as the registry holds it: its IAM actions and a parser for before-images. */
export interface RegisteredRollback {
  readonly readActions: readonly string[];
  readonly iamActions: readonly string[];
  /**
   * Parses an untrusted before-image with the control's schema.
   *
   * @throws `BeforeImageError` naming the first field that is wrong.
   */
  parse(beforeImage: unknown): ParsedRollback;
}

/** A control's plan for one resource from a live state given by the caller ({@link RegisteredControl.evaluateState}). */
export type StateEvaluation = Extract<FindingEvaluation, { readonly kind: 'found' }>;

/**
 * A control as the registry holds it: metadata plus `evaluate`, which reads and plans in one closure,
 * so controls with different state types share one type without casts.
 */
export interface RegisteredControl extends ControlMetadata {
  /** ASFF resource types this control acts on (the keys of its `resourceIds`), e.g. `AwsEc2SecurityGroup`. */
  readonly resourceTypes: readonly string[];
  /** The id shape accepted per resource type ({@link RemediationControl.resourceIds}). */
  readonly resourceIds: Readonly<Record<string, ResourceIdPattern<string, string>>>;
  /** The schema of the control's live state ({@link RemediationControl.stateSchema}). */
  readonly stateSchema: z.ZodType;
  /** The resources each action may touch ({@link RemediationControl.permissions}). */
  permissions(context: PlanContext): readonly SessionPolicyStatement[];
  evaluate(context: ControlContext): Promise<Evaluation>;
  /**
   * Pure and synchronous: plans from the finding alone, without AWS. Controls without `fromFinding`
   * answer `unknown`.
   */
  evaluateFromFinding(context: PlanContext): FindingEvaluation;
  /**
   * Pure and synchronous: parses a live state given by the caller (instead of `read`) with
   * `stateSchema`, then plans from it with the control's `plan` and `tags`, exactly as `evaluate`
   * plans from what `read` returns.
   *
   * @throws `LiveStateError` naming the control, `context.resource.Id` and every bad field, before
   *   anything is planned.
   */
  evaluateState(state: unknown, context: PlanContext): StateEvaluation;
  /** How to undo the fix; present exactly for reversible controls. */
  readonly rollback?: RegisteredRollback;
  /**
   * The typed module, for tests: its pure `plan` (and its rollback's pure `plan`), and its `read` and
   * `fromFinding`, whose states the tests parse with `stateSchema`.
   */
  readonly module: {
    readonly plan: (...args: never[]) => unknown;
    readonly read: (context: ControlContext) => Promise<ReadResult<unknown>>;
    readonly fromFinding?: (context: PlanContext) => FindingStateResult<unknown>;
    readonly rollback?: { readonly plan: (...args: never[]) => unknown };
  };
}

/** Wraps a control module for the registry. */
export function registerControl<State, Params, BeforeImage, RollbackParams>(
  control: RemediationControl<State, Params, BeforeImage, RollbackParams>,
): RegisteredControl {
  const { controlId, title, fix, resourceIds, iamActions, destructive, reversible, stateSchema } = control;
  const rollback = control.rollback === undefined ? undefined : registerRollback(control, control.rollback);
  const refused = (context: PlanContext) => {
    const reason = idRefusal(control, context.resource);
    return reason === undefined
      ? undefined
      : ({ kind: 'found', plan: { kind: 'refuse', reason }, tags: {} } as const);
  };
  return {
    controlId,
    title,
    fix,
    resourceTypes: Object.keys(resourceIds),
    resourceIds,
    iamActions,
    destructive,
    reversible,
    stateSchema,
    permissions: (context) => control.permissions(context),
    ...(rollback === undefined ? {} : { rollback }),
    module: control,
    async evaluate(context) {
      const refusal = refused(context);
      if (refusal !== undefined) return refusal;
      const read = await control.read(context);
      if (read.kind === 'gone') return read;
      const plan = control.plan(read.state, context);
      const tags = control.tags?.(read.state) ?? {};
      if (plan.kind !== 'changes') return { kind: 'found', plan, tags };
      return {
        kind: 'found',
        plan,
        tags,
        apply: (applyContext) => control.apply(plan.changes, applyContext),
      };
    },
    evaluateFromFinding(context) {
      const refusal = refused(context);
      if (refusal !== undefined) return refusal;
      if (control.fromFinding === undefined) {
        return { kind: 'unknown', reason: `SOAR can plan ${controlId} only from the live resource.` };
      }
      const derived = control.fromFinding(context);
      if (derived.kind === 'unknown') return derived;
      return {
        kind: 'found',
        plan: control.plan(derived.state, context),
        tags: control.tags?.(derived.state) ?? {},
      };
    },
    evaluateState(value, context) {
      const state = parseLiveState(controlId, stateSchema, value, context.resource.Id);
      const refusal = refused(context);
      if (refusal !== undefined) return refusal;
      return { kind: 'found', plan: control.plan(state, context), tags: control.tags?.(state) ?? {} };
    },
  };
}

function registerRollback<State, Params, BeforeImage, RollbackParams>(
  control: RemediationControl<State, Params, BeforeImage, RollbackParams>,
  rollback: ControlRollback<State, BeforeImage, RollbackParams>,
): RegisteredRollback {
  return {
    readActions: rollback.readActions,
    iamActions: rollback.iamActions,
    parse(value) {
      const beforeImage = parseBeforeImage(control.controlId, rollback.beforeImage, value);
      return {
        async evaluate(context) {
          const reason = idRefusal(control, context.resource);
          if (reason !== undefined) return { kind: 'found', plan: { kind: 'refuse', reason } };
          const read = await control.read(context);
          if (read.kind === 'gone') return read;
          const plan = rollback.plan(beforeImage, read.state, context);
          if (plan.kind !== 'changes') return { kind: 'found', plan };
          return { kind: 'found', plan, apply: (applyContext) => rollback.apply(plan.changes, applyContext) };
        },
      };
    },
  };
}

/**
 * Why SOAR refuses `resource` before reading it: its id does not have the shape the control declares
 * for its type (or the control declares none for it); `undefined` when it does.
 */
function idRefusal(
  control: Pick<RemediationControl, 'controlId' | 'resourceIds'>,
  resource: Pick<FindingResource, 'Type' | 'Id'>,
): string | undefined {
  const declared = Object.hasOwn(control.resourceIds, resource.Type)
    ? control.resourceIds[resource.Type]
    : undefined;
  if (declared === undefined) {
    return `${control.controlId} does not handle ${resource.Type} resources, so SOAR changed nothing.`;
  }
  if (declared.match(resource.Id) !== undefined) return undefined;
  return idMismatchReason(control.controlId, resource.Type, resource.Id, declared.shape);
}
