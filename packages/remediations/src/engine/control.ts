import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { AccessClientConfig } from '@soar/aws-access';

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
 * One Security Hub control SOAR can fix. A module exports one object made with {@link defineControl};
 * adding a control touches its module and the registry line, nothing else.
 *
 * @example
 * ```ts
 * export const ec2_7 = defineControl({
 *   controlId: 'EC2.7', title: 'EBS default encryption should be enabled', ...,
 *   read: async (ctx) => ({ kind: 'found', state: await readDefaultEncryption(ctx) }),
 *   plan: (state) => state.enabled ? { kind: 'compliant', reason: '...' } : { kind: 'changes', changes: [...] },
 *   apply: async (changes, ctx) => { await ctx.client(EC2Client).send(new EnableEbsEncryptionByDefaultCommand({})); },
 * });
 * ```
 */
export interface RemediationControl<State = unknown, Params = unknown> {
  /** Security Hub control id, e.g. `EC2.13`. */
  readonly controlId: string;
  /** What the control checks. */
  readonly title: string;
  /** What the fix changes, in one sentence (docs table). */
  readonly fix: string;
  /** ASFF resource types this control acts on, e.g. `AwsEc2SecurityGroup`. */
  readonly resourceTypes: readonly string[];
  /** Every IAM action `read`, `apply` and `verify` call, exactly; the session policy allows only these. */
  readonly iamActions: readonly string[];
  /** Deletes or stops something, or loses data that cannot be recovered. */
  readonly destructive: boolean;
  /** The change can be undone from the recorded before-image. */
  readonly reversible: boolean;
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
}

/** Identity function that types a control module. */
export function defineControl<State, Params>(
  control: RemediationControl<State, Params>,
): RemediationControl<State, Params> {
  return control;
}

/** The metadata of a control: everything but its functions (docs, registry checks, IAM). */
export type ControlMetadata = Pick<
  RemediationControl,
  'controlId' | 'title' | 'fix' | 'resourceTypes' | 'iamActions' | 'destructive' | 'reversible'
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

/**
 * A control as the registry holds it: metadata plus `evaluate`, which reads and plans in one closure,
 * so controls with different state types share one type without casts.
 */
export interface RegisteredControl extends ControlMetadata {
  evaluate(context: ControlContext): Promise<Evaluation>;
  /**
   * Pure and synchronous: plans from the finding alone, without AWS. Controls without `fromFinding`
   * answer `unknown`.
   */
  evaluateFromFinding(context: PlanContext): FindingEvaluation;
  /** The typed module, for tests of its pure `plan`. */
  readonly module: { readonly plan: (...args: never[]) => unknown };
}

/** Wraps a control module for the registry. */
export function registerControl<State, Params>(
  control: RemediationControl<State, Params>,
): RegisteredControl {
  const { controlId, title, fix, resourceTypes, iamActions, destructive, reversible } = control;
  return {
    controlId,
    title,
    fix,
    resourceTypes,
    iamActions,
    destructive,
    reversible,
    module: control,
    async evaluate(context) {
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
  };
}
