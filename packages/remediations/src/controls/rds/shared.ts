import type { DBCluster, DBInstance, ModifyDBInstanceMessage } from '@aws-sdk/client-rds';
import type { SessionPolicyStatement } from '@soar/aws-access';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import type {
  ControlContext,
  Plan,
  PlanContext,
  RemediationControl,
  RollbackPlan,
} from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { arnIdPattern, type ResourceIdPattern } from '../../engine/resource-id';
import { ResourceIdError } from '../../errors';
import { detailsOf, findingTags, stringField, type LooseObject } from '../finding';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';

/**
 * What the RDS controls share: the resource ids Security Hub gives, reading a DB instance and the
 * cluster it belongs to, where each setting lives (instance or cluster), the states in which RDS
 * takes a change, and one control shape for "set one setting of a DB instance or its cluster".
 *
 * No waiter: RDS applies modifications asynchronously (minutes), longer than a function may wait.
 * A change is requested with `ApplyImmediately`; verification then finds the new value, or the value
 * RDS is about to apply (`PendingModifiedValues`), and says so. A resource that is busy (modifying,
 * backing up, rebooting…) is planned as `defer`: the finding is reconsidered later.
 */

const arn = (resource: string) => `arn:aws:rds:eu-west-1:111122223333:${resource}`;

/** An RDS DB instance ARN as Security Hub gives it for `AwsRdsDbInstance`, in any partition. */
export const RDS_INSTANCE_ARN = arnIdPattern({
  service: 'rds',
  resource: 'db:(?<id>[a-zA-Z][a-zA-Z0-9-]{0,62})',
  resourceShape: 'db:<instance identifier>',
  parts: ['id'],
  examples: {
    valid: [arn('db:orders-db'), arn('db:Orders2')],
    invalid: [
      'orders-db',
      arn('cluster:orders'),
      arn('db:1orders'),
      'arn:aws:ec2:eu-west-1:111122223333:db:orders-db',
    ],
  },
});

/**
 * An RDS DB snapshot ARN (`AwsRdsDbSnapshot`). The name keeps its `rds:` (automated) or `awsbackup:`
 * (AWS Backup) prefix: it is part of the snapshot identifier.
 */
export const RDS_SNAPSHOT_ARN = arnIdPattern({
  service: 'rds',
  resource: 'snapshot:(?<id>(?:rds:|awsbackup:)?[a-zA-Z][a-zA-Z0-9-]{0,254})',
  resourceShape: 'snapshot:<snapshot identifier>',
  parts: ['id'],
  examples: {
    valid: [
      arn('snapshot:orders-manual'),
      arn('snapshot:rds:orders-db-2026-12-01-03-10'),
      arn('snapshot:awsbackup:job-0123'),
    ],
    invalid: [
      'orders-manual',
      arn('cluster-snapshot:orders-manual'),
      arn('snapshot:other:orders'),
      arn('db:orders'),
    ],
  },
});

/** An RDS DB cluster snapshot ARN (`AwsRdsDbClusterSnapshot`), prefix kept as for {@link RDS_SNAPSHOT_ARN}. */
export const RDS_CLUSTER_SNAPSHOT_ARN = arnIdPattern({
  service: 'rds',
  resource: 'cluster-snapshot:(?<id>(?:rds:|awsbackup:)?[a-zA-Z][a-zA-Z0-9-]{0,254})',
  resourceShape: 'cluster-snapshot:<snapshot identifier>',
  parts: ['id'],
  examples: {
    valid: [arn('cluster-snapshot:orders-manual'), arn('cluster-snapshot:rds:orders-2026-12-01-03-10')],
    invalid: ['orders-manual', arn('snapshot:orders-manual'), arn('cluster-snapshot:-bad')],
  },
});

/** A DB instance or cluster identifier. */
const IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

/**
 * The identifier a resource id names, by one of the ARN patterns above; `undefined` for anything else.
 *
 * @example
 * ```ts
 * rdsIdOf('arn:aws-cn:rds:cn-north-1:111122223333:db:orders-db', RDS_INSTANCE_ARN); // 'orders-db'
 * rdsIdOf('arn:aws:rds:eu-west-1:111122223333:snapshot:rds:orders-db-2026-12-01-03-10', RDS_SNAPSHOT_ARN);
 * // 'rds:orders-db-2026-12-01-03-10'
 * rdsIdOf('orders-db', RDS_INSTANCE_ARN); // undefined
 * ```
 */
export function rdsIdOf(resourceId: string, pattern: ResourceIdPattern<'id'>): string | undefined {
  return pattern.match(resourceId)?.id;
}

/**
 * Like {@link rdsIdOf}, for a resource the engine has matched already.
 *
 * @throws `ResourceIdError` naming the id and the shape when it has another shape.
 */
export function rdsIdOrThrow(
  controlId: string,
  resourceId: string,
  pattern: ResourceIdPattern<'id'>,
): string {
  const id = rdsIdOf(resourceId, pattern);
  if (id === undefined) throw new ResourceIdError(resourceId, pattern.shape, { context: { controlId } });
  return id;
}

/** Error codes of RDS for a resource that does not exist (the API's code, and the SDK's class name). */
const NOT_FOUND = new Set([
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
  'DBClusterNotFound',
  'DBClusterNotFoundFault',
  'DBSnapshotNotFound',
  'DBSnapshotNotFoundFault',
  'DBClusterSnapshotNotFound',
  'DBClusterSnapshotNotFoundFault',
]);

/** Whether an error says the RDS resource does not exist. */
export function isRdsNotFound(error: unknown): boolean {
  return NOT_FOUND.has(errorName(error));
}

/** Where a setting lives: on the DB instance, or on the DB cluster it belongs to. */
export type RdsScope = 'instance' | 'cluster';

/**
 * Where a setting lives for a DB instance: a standalone instance keeps it; a member of a Multi-AZ DB
 * cluster (engine `mysql` / `postgres` with a cluster) has it on the cluster; an Aurora member
 * (engine `aurora*`) where `auroraScope` says (e.g. backups and copying tags are the cluster's,
 * public access and enhanced monitoring each instance's).
 */
export function scopeOf(engine: string, clusterId: string | undefined, auroraScope: RdsScope): RdsScope {
  if (clusterId === undefined) return 'instance';
  return engine.startsWith('aurora') ? auroraScope : 'cluster';
}

/** Statuses in which the resource needs a person: RDS takes no change until someone repairs it. */
const BROKEN = new Set([
  'failed',
  'inaccessible-encryption-credentials',
  'inaccessible-encryption-credentials-recoverable',
  'incompatible-network',
  'incompatible-option-group',
  'incompatible-parameters',
  'incompatible-restore',
  'incompatible-credentials',
  'restore-error',
  'storage-full',
]);

/** Engines that `DescribeDBInstances` lists but that are not RDS databases (Neptune, DocumentDB). */
const OTHER_SERVICES = new Set(['neptune', 'docdb']);

/** The fields every RDS setting state has: which instance, where the setting lives, its status and tags. */
export const rdsTargetShape = () => ({
  instanceId: z.string().min(1),
  /** E.g. `postgres`, `mysql`, `aurora-postgresql`. */
  engine: z.string(),
  /** The DB cluster the instance belongs to (Aurora or Multi-AZ DB cluster). */
  clusterId: z.string().optional(),
  /** Where the control's setting lives for this instance. */
  scope: z.enum(['instance', 'cluster']),
  /** The identifier of the instance or cluster that holds the setting. */
  targetId: z.string().min(1),
  /** The status of that instance or cluster, e.g. `available`, `modifying`, `backing-up`. */
  status: z.string(),
  /** The instance this one is a read replica of. */
  readReplicaOf: z.string().optional(),
  tags: TagsSchema,
});

/** The fields of {@link rdsTargetShape}. */
export type RdsTarget = z.infer<z.ZodObject<ReturnType<typeof rdsTargetShape>>>;

/** A state of one setting: the target and the value, and the value RDS is about to apply, if any. */
export type RdsSettingState<V> = RdsTarget & { readonly value: V; readonly pending?: V | undefined };

/** The settings the RDS controls change: each is a field of both `ModifyDBInstance` and `ModifyDBCluster`. */
export type RdsModifyParams = Pick<
  ModifyDBInstanceMessage,
  | 'PubliclyAccessible'
  | 'BackupRetentionPeriod'
  | 'AutoMinorVersionUpgrade'
  | 'CopyTagsToSnapshot'
  | 'MonitoringInterval'
  | 'MonitoringRoleArn'
  | 'CloudwatchLogsExportConfiguration'
>;

/** One modification of an instance or a cluster. */
export interface RdsChange {
  readonly scope: RdsScope;
  readonly targetId: string;
  readonly params: RdsModifyParams;
}

/** The IAM action of a modification of the given scope. */
export function modifyAction(scope: RdsScope): string {
  return scope === 'instance' ? 'rds:ModifyDBInstance' : 'rds:ModifyDBCluster';
}

/** How a plan names the holder of the setting, e.g. `the DB cluster orders of the DB instance orders-1`. */
export function whereOf(state: RdsTarget): string {
  return state.scope === 'instance'
    ? `the DB instance ${state.instanceId}`
    : `the DB cluster ${state.targetId} of the DB instance ${state.instanceId}`;
}

/**
 * Pure: why RDS cannot take a change now (`defer`) or without a person (`refuse`); `undefined` when
 * it can. Run after the compliance check, so a resource busy applying SOAR's own change verifies.
 */
export function notNow(state: RdsTarget): Plan<never> | undefined {
  const where = whereOf(state);
  if (OTHER_SERVICES.has(state.engine)) {
    return {
      kind: 'refuse',
      reason: `${where} runs ${state.engine}, not an RDS database engine; SOAR leaves it alone.`,
    };
  }
  if (BROKEN.has(state.status)) {
    return {
      kind: 'refuse',
      reason: `${where} is ${state.status}: RDS takes no change until someone repairs it, so SOAR changed nothing.`,
    };
  }
  if (state.status !== 'available') {
    return {
      kind: 'defer',
      reason: `${where} is ${state.status}; RDS takes changes only when it is available. SOAR looks again when Security Hub reports the finding again.`,
    };
  }
  return undefined;
}

/**
 * Reads a DB instance and, when the setting lives on its cluster, the cluster: `gone` when either no
 * longer exists (or is being deleted), told by the describe call's own not-found error (no waiter).
 */
export async function readRdsTarget(
  context: ControlContext,
  controlId: string,
  auroraScope: RdsScope,
): Promise<
  | { readonly kind: 'gone'; readonly reason: string }
  | { readonly kind: 'found'; readonly target: RdsTarget; readonly source: DBInstance | DBCluster }
> {
  const instanceId = rdsIdOrThrow(controlId, context.resource.Id, RDS_INSTANCE_ARN);
  const { RDSClient, DescribeDBInstancesCommand, DescribeDBClustersCommand } = await sdk.rds();
  const rds = context.client(RDSClient);
  const gone = (what: string) => ({ kind: 'gone', reason: `${what} no longer exists.` }) as const;
  let instance: DBInstance | undefined;
  try {
    const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: instanceId }));
    instance = out.DBInstances?.find((db) => db.DBInstanceIdentifier === instanceId);
  } catch (error) {
    if (isRdsNotFound(error)) return gone(`The DB instance ${instanceId}`);
    throw error;
  }
  if (instance === undefined || instance.DBInstanceStatus === 'deleting') {
    return gone(`The DB instance ${instanceId}`);
  }
  const engine = instance.Engine ?? '';
  const clusterId = instance.DBClusterIdentifier;
  const scope = scopeOf(engine, clusterId, auroraScope);
  const tags = tagsOf(instance.TagList);
  const base = {
    instanceId,
    engine,
    ...(clusterId === undefined ? {} : { clusterId }),
    ...(instance.ReadReplicaSourceDBInstanceIdentifier === undefined
      ? {}
      : { readReplicaOf: instance.ReadReplicaSourceDBInstanceIdentifier }),
    tags,
  };
  if (scope === 'instance' || clusterId === undefined) {
    return {
      kind: 'found',
      target: { ...base, scope: 'instance', targetId: instanceId, status: instance.DBInstanceStatus ?? '' },
      source: instance,
    };
  }
  let cluster: DBCluster | undefined;
  try {
    const out = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: clusterId }));
    cluster = out.DBClusters?.find((c) => c.DBClusterIdentifier === clusterId);
  } catch (error) {
    if (isRdsNotFound(error)) return gone(`The DB cluster ${clusterId} of ${instanceId}`);
    throw error;
  }
  if (cluster === undefined || cluster.Status === 'deleting') {
    return gone(`The DB cluster ${clusterId} of ${instanceId}`);
  }
  return {
    kind: 'found',
    target: { ...base, scope: 'cluster', targetId: clusterId, status: cluster.Status ?? '' },
    source: cluster,
  };
}

function tagsOf(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined) {
  const tags: Record<string, string> = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return tags;
}

/**
 * Requests each modification with `ApplyImmediately` (no wait: RDS applies it within minutes, and
 * verification reads the new or pending value). Idempotent: setting a value again is accepted.
 */
export async function applyRdsChanges(
  changes: readonly { readonly params: RdsChange }[],
  context: ControlContext,
): Promise<void> {
  const { RDSClient, ModifyDBInstanceCommand, ModifyDBClusterCommand } = await sdk.rds();
  const rds = context.client(RDSClient);
  for (const { params: change } of changes) {
    if (change.scope === 'instance') {
      await rds.send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: change.targetId,
          ApplyImmediately: true,
          ...change.params,
        }),
      );
    } else {
      await rds.send(
        new ModifyDBClusterCommand({
          DBClusterIdentifier: change.targetId,
          ApplyImmediately: true,
          ...change.params,
        }),
      );
    }
  }
}

/**
 * The session policy of a DB instance control: the instance of the finding, and its cluster as the
 * finding names it (`Details.AwsRdsDbInstance.DBClusterIdentifier`); when the finding names none, the
 * clusters of the account and region, because only the live instance tells which cluster it is in.
 */
export function rdsInstancePermissions(
  controlId: string,
  context: PlanContext,
  extra: { readonly instance?: readonly string[]; readonly cluster?: readonly string[] } = {},
): SessionPolicyStatement[] {
  const instanceId = rdsIdOrThrow(controlId, context.resource.Id, RDS_INSTANCE_ARN);
  const named = stringField(detailsOf(context.resource, 'AwsRdsDbInstance'), 'DBClusterIdentifier');
  const clusterId = named !== undefined && IDENTIFIER.test(named) ? named : '*';
  return [
    {
      actions: ['rds:DescribeDBInstances', 'rds:ModifyDBInstance', ...(extra.instance ?? [])],
      resources: [regionalArn(context, 'rds', `db:${instanceId}`)],
    },
    {
      actions: ['rds:DescribeDBClusters', 'rds:ModifyDBCluster', ...(extra.cluster ?? [])],
      resources: [regionalArn(context, 'rds', `cluster:${clusterId}`)],
    },
  ];
}

/**
 * What a DB instance control derives from the finding (`Details.AwsRdsDbInstance`): the target when
 * the setting lives on the instance itself and the finding gives its engine and status; otherwise
 * why only the live resource can tell.
 */
export function targetFromFinding(
  context: PlanContext,
  auroraScope: RdsScope,
):
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'found'; readonly target: RdsTarget; readonly details: LooseObject } {
  const instanceId = rdsIdOf(context.resource.Id, RDS_INSTANCE_ARN);
  if (instanceId === undefined) {
    return {
      kind: 'unknown',
      reason: `The finding resource ${context.resource.Id} is not an RDS DB instance ARN.`,
    };
  }
  const details = detailsOf(context.resource, 'AwsRdsDbInstance');
  const engine = stringField(details, 'Engine');
  const status = stringField(details, 'DbInstanceStatus');
  if (details === undefined || engine === undefined || status === undefined) {
    return {
      kind: 'unknown',
      reason: `The finding does not describe the DB instance ${instanceId} (its engine and status).`,
    };
  }
  const clusterId = stringField(details, 'DBClusterIdentifier');
  if (scopeOf(engine, clusterId, auroraScope) === 'cluster') {
    return {
      kind: 'unknown',
      reason: `For ${instanceId} the setting lives on its DB cluster ${clusterId ?? ''}, which the finding does not describe. SOAR reads the cluster before it changes anything.`,
    };
  }
  const readReplicaOf = stringField(details, 'ReadReplicaSourceDBInstanceIdentifier');
  return {
    kind: 'found',
    details,
    target: {
      instanceId,
      engine,
      ...(clusterId === undefined ? {} : { clusterId }),
      scope: 'instance',
      targetId: instanceId,
      status,
      ...(readReplicaOf === undefined ? {} : { readReplicaOf }),
      tags: findingTags(context.resource),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// One setting of a DB instance or its cluster

/** What a control that sets one setting says about it; see {@link rdsSettingControl}. */
export interface RdsSettingSpec<V> {
  readonly controlId: string;
  readonly title: string;
  readonly fix: string;
  /** Where the setting lives for an Aurora member (a Multi-AZ DB cluster member always has it on the cluster). */
  readonly auroraScope: RdsScope;
  /** The schema of the setting's value (for the before-image). */
  readonly valueSchema: () => z.ZodType<V>;
  /** The state schema, built from {@link rdsTargetShape} and the value. */
  readonly stateSchema: z.ZodType<RdsSettingState<V>>;
  /** The value, and the value RDS is about to apply, from the instance or cluster that holds it. */
  read(source: DBInstance | DBCluster): { readonly value: V; readonly pending?: V | undefined };
  /** The value from `Details.AwsRdsDbInstance`, when the finding gives it. */
  fromDetails(details: LooseObject): V | undefined;
  /** Pure: whether the value passes, or the value to set, or why SOAR will not. */
  decide(
    value: V,
    state: RdsSettingState<V>,
  ):
    | { readonly kind: 'passes' }
    | { readonly kind: 'set'; readonly to: V }
    | { readonly kind: 'refuse'; readonly reason: string };
  /** The modification from one value to another. */
  params(from: V, to: V): RdsModifyParams;
  /** A value in words, e.g. `public access turned off`. */
  says(value: V): string;
  /** What the team should still do after the fix. */
  readonly actionsRequired: string;
}

/** The before-image of a setting control: where, the value before the fix and the value SOAR set. */
export const rdsSettingBeforeImageSchema = <V>(value: z.ZodType<V>) =>
  z.object({
    instanceId: z.string().min(1),
    scope: z.enum(['instance', 'cluster']),
    targetId: z.string().min(1),
    before: value,
    after: value,
  });

/** The before-image of a setting control; see {@link rdsSettingBeforeImageSchema}. */
export interface RdsSettingBeforeImage<V> {
  readonly instanceId: string;
  readonly scope: RdsScope;
  readonly targetId: string;
  readonly before: V;
  readonly after: V;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Pure: the plan of a setting control (see {@link rdsSettingControl}). */
export function planRdsSetting<V>(spec: RdsSettingSpec<V>, state: RdsSettingState<V>): Plan<RdsChange> {
  const where = whereOf(state);
  const decision = spec.decide(state.value, state);
  if (decision.kind === 'refuse') return { kind: 'refuse', reason: decision.reason };
  if (decision.kind === 'passes') {
    return { kind: 'compliant', reason: `${where} has ${spec.says(state.value)}.` };
  }
  if (state.pending !== undefined && spec.decide(state.pending, state).kind === 'passes') {
    return {
      kind: 'compliant',
      reason: `RDS is applying ${spec.says(state.pending)} to ${where} (a pending modification); Security Hub sees it within minutes.`,
    };
  }
  const blocked = notNow(state);
  if (blocked !== undefined) return blocked;
  const beforeImage: RdsSettingBeforeImage<V> = {
    instanceId: state.instanceId,
    scope: state.scope,
    targetId: state.targetId,
    before: state.value,
    after: decision.to,
  };
  return {
    kind: 'changes',
    changes: [
      {
        action: modifyAction(state.scope),
        description: `Requested ${spec.says(decision.to)} on ${where} (applied immediately by RDS, without a reboot; it was ${spec.says(state.value)}).`,
        params: {
          scope: state.scope,
          targetId: state.targetId,
          params: spec.params(state.value, decision.to),
        },
      },
    ],
    beforeImage,
    actionsRequired: spec.actionsRequired,
  };
}

/**
 * Pure: the rollback plan of a setting control: sets the value of before the fix again, unless the
 * value is no longer the one SOAR set (someone changed it since) or the setting moved (the instance
 * joined or left a cluster).
 */
export function planRdsSettingRollback<V>(
  spec: RdsSettingSpec<V>,
  before: RdsSettingBeforeImage<V>,
  state: RdsSettingState<V>,
): RollbackPlan<RdsChange> {
  const where = whereOf(state);
  if (
    before.instanceId !== state.instanceId ||
    before.scope !== state.scope ||
    before.targetId !== state.targetId
  ) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the ${before.scope === 'instance' ? 'DB instance' : 'DB cluster'} ${before.targetId}, but the setting of the DB instance ${state.instanceId} now lives on ${where}, so SOAR changed nothing.`,
    };
  }
  const live = state.pending ?? state.value;
  if (same(live, before.before)) {
    return {
      kind: 'already_as_before',
      reason: `${where} has ${spec.says(before.before)} again, as before SOAR's fix.`,
    };
  }
  if (!same(live, before.after)) {
    return {
      kind: 'refuse',
      reason: `${where} has ${spec.says(live)}, not the ${spec.says(before.after)} SOAR set: someone changed it since, so SOAR did not put back ${spec.says(before.before)}.`,
    };
  }
  if (state.status !== 'available') {
    return {
      kind: 'refuse',
      reason: `${where} is ${state.status}; RDS takes changes only when it is available. Roll back again later.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: modifyAction(state.scope),
        description: `Requested ${spec.says(before.before)} on ${where} again, as before SOAR's fix.`,
        params: { scope: state.scope, targetId: state.targetId, params: spec.params(live, before.before) },
      },
    ],
    actionsRequired: `${spec.controlId} fails again for ${where}.`,
  };
}

/**
 * A control that sets one setting of a DB instance, or of its cluster where the setting lives there:
 * live state read with {@link readRdsTarget}, pure plan ({@link planRdsSetting}), one modification
 * with `ApplyImmediately`, and a rollback that puts back the value of before the fix.
 */
export function rdsSettingControl<V>(
  spec: RdsSettingSpec<V>,
): RemediationControl<RdsSettingState<V>, RdsChange, RdsSettingBeforeImage<V>, RdsChange> {
  const { controlId, title, fix, auroraScope } = spec;
  return {
    controlId,
    title,
    fix,
    resourceIds: { AwsRdsDbInstance: RDS_INSTANCE_ARN },
    iamActions: [
      'rds:DescribeDBInstances',
      'rds:DescribeDBClusters',
      'rds:ModifyDBInstance',
      'rds:ModifyDBCluster',
    ],
    permissions: (context) => rdsInstancePermissions(controlId, context),
    destructive: false,
    reversible: true,
    stateSchema: spec.stateSchema,

    async read(context) {
      const read = await readRdsTarget(context, controlId, auroraScope);
      if (read.kind === 'gone') return read;
      const { value, pending } = spec.read(read.source);
      return {
        kind: 'found',
        state: { ...read.target, value, ...(pending === undefined ? {} : { pending }) },
      };
    },

    fromFinding(context) {
      const derived = targetFromFinding(context, auroraScope);
      if (derived.kind === 'unknown') return derived;
      const value = spec.fromDetails(derived.details);
      if (value === undefined) {
        return {
          kind: 'unknown',
          reason: `The finding does not give the setting ${controlId} checks for the DB instance ${derived.target.instanceId}.`,
        };
      }
      return { kind: 'found', state: { ...derived.target, value } };
    },

    plan: (state) => planRdsSetting(spec, state),
    apply: applyRdsChanges,
    tags: (state) => state.tags,

    rollback: {
      readActions: ['rds:DescribeDBInstances', 'rds:DescribeDBClusters'],
      iamActions: ['rds:ModifyDBInstance', 'rds:ModifyDBCluster'],
      beforeImage: z.lazy(() => rdsSettingBeforeImageSchema(spec.valueSchema())),
      plan: (before, state) => planRdsSettingRollback(spec, before, state),
      apply: applyRdsChanges,
    },
  };
}

/** The state schema of a setting whose value has the given schema. */
export const rdsSettingStateSchema = <V>(value: z.ZodType<V>) =>
  z.strictObject({ ...rdsTargetShape(), value, pending: value.optional() });
