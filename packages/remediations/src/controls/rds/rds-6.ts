import type { IAMClient } from '@aws-sdk/client-iam';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import { defineControl, type PlanContext, type PlannedChange } from '../../engine/control';
import { globalArn } from '../../engine/permissions';
import { sdk } from '../sdk';
import { IsoTimestampSchema } from '../state';
import {
  applyRdsChanges,
  planRdsSetting,
  planRdsSettingRollback,
  RDS_INSTANCE_ARN,
  rdsInstancePermissions,
  rdsSettingBeforeImageSchema,
  rdsTargetShape,
  readRdsTarget,
  targetFromFinding,
  type RdsChange,
  type RdsSettingBeforeImage,
  type RdsSettingSpec,
} from './shared';

/** The interval, in seconds, at which the fix has RDS collect enhanced monitoring metrics. */
export const RDS_6_INTERVAL_SECONDS = 60;

/** The monitoring role: the name the RDS console gives it, so an account that has one reuses it. */
export const RDS_MONITORING_ROLE = 'rds-monitoring-role';

/** The only service the monitoring role trusts and is passed to. */
const MONITORING_SERVICE = 'monitoring.rds.amazonaws.com';

/** The AWS managed policy that lets enhanced monitoring write to CloudWatch Logs (a role with it is ready). */
const managedPolicyArn = (partition: string) =>
  `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;

/** SOAR's inline policy of the monitoring role, put when the role has neither it nor the managed policy. */
export const RDS_MONITORING_POLICY = 'soar-rds-enhanced-monitoring';

/**
 * The permissions of `AmazonRDSEnhancedMonitoringRole`, narrowed to this account's `RDS*` log groups
 * (the managed policy names every account's): the role is global, RDS uses it in every region.
 */
function monitoringPolicy(context: PlanContext): string {
  const groups = `arn:${context.partition}:logs:*:${context.accountId}:log-group:RDS*`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'], Resource: [groups] },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:GetLogEvents'],
        Resource: [`${groups}:log-stream:*`],
      },
    ],
  });
}

/**
 * How long after its creation RDS may still refuse a new role (IAM propagates it within seconds to
 * minutes): within it, a fix that could not yet hand the role to RDS is reconsidered later.
 */
const NEW_ROLE_MS = 15 * 60 * 1000;

/**
 * Live state of RDS.6: the DB instance (or, for a Multi-AZ DB cluster member, its cluster), its
 * enhanced monitoring interval in seconds (`MonitoringInterval`, 0 when off), and the monitoring role
 * {@link RDS_MONITORING_ROLE} of the account: whether it exists, trusts the RDS monitoring service
 * and may write the metrics (`canWriteMetrics`: the AWS managed policy `AmazonRDSEnhancedMonitoringRole`
 * attached, or SOAR's inline policy {@link RDS_MONITORING_POLICY}). `role` is absent when not known
 * (planned from a finding).
 *
 * @example
 * ```ts
 * Rds6StateSchema.parse({
 *   instanceId: 'orders-db', engine: 'postgres', scope: 'instance', targetId: 'orders-db',
 *   status: 'available', value: 0, tags: {},
 *   role: { name: 'rds-monitoring-role', exists: true, trustsMonitoring: true, canWriteMetrics: true,
 *     createdAt: '2025-03-01T10:00:00.000Z' },
 * });
 * ```
 */
export const Rds6StateSchema = z.lazy(() =>
  z.strictObject({
    ...rdsTargetShape(),
    value: z.number().int().min(0),
    pending: z.number().int().min(0).optional(),
    role: z
      .strictObject({
        name: z.string().min(1),
        exists: z.boolean(),
        trustsMonitoring: z.boolean(),
        canWriteMetrics: z.boolean(),
        createdAt: IsoTimestampSchema.optional(),
      })
      .optional(),
  }),
);

/** Live state of RDS.6; inferred from {@link Rds6StateSchema}. */
export type Rds6State = z.infer<typeof Rds6StateSchema>;

/** The planned steps, in order: the role (when missing), its policy (when missing), the modification. */
export type Rds6Params =
  | { readonly step: 'createRole'; readonly roleName: string; readonly trustPolicy: string }
  | {
      readonly step: 'putRolePolicy';
      readonly roleName: string;
      readonly policyName: string;
      readonly policyDocument: string;
    }
  | (RdsChange & { readonly step: 'modify' });

const says = (seconds: number) =>
  seconds === 0 ? 'enhanced monitoring turned off' : `enhanced monitoring every ${seconds} seconds`;

const spec: RdsSettingSpec<number> = {
  controlId: 'RDS.6',
  title: 'Enhanced monitoring should be configured for RDS DB instances',
  fix: `Turns on enhanced monitoring every ${RDS_6_INTERVAL_SECONDS} seconds on the DB instance (Aurora instances each on their own, a Multi-AZ DB cluster on the cluster), through the monitoring role ${RDS_MONITORING_ROLE}, created when missing.`,
  auroraScope: 'instance',
  valueSchema: () => z.number().int().min(0),
  stateSchema: Rds6StateSchema,
  read: (source) => ({ value: source.MonitoringInterval ?? 0 }),
  fromDetails: (details) => {
    const seconds = details['MonitoringInterval'];
    return typeof seconds === 'number' ? seconds : seconds === undefined ? 0 : undefined;
  },
  decide: (seconds, state) => {
    if (seconds > 0) return { kind: 'passes' };
    if (state.engine.startsWith('custom-')) {
      return {
        kind: 'refuse',
        reason: `The DB instance ${state.instanceId} is an RDS Custom instance (${state.engine}), which has no enhanced monitoring setting; SOAR changed nothing.`,
      };
    }
    return { kind: 'set', to: RDS_6_INTERVAL_SECONDS };
  },
  params: (_from, to) => ({ MonitoringInterval: to }),
  says,
  actionsRequired:
    'Enhanced monitoring writes OS metrics to the CloudWatch log group RDSOSMetrics, which CloudWatch Logs charges for. ' +
    'Set the monitoring interval and role in the template that created the database.',
};

/** Trust policy of a role SOAR creates: only the RDS monitoring service, for this account only. */
function trustPolicy(context: PlanContext): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: MONITORING_SERVICE },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': context.accountId } },
      },
    ],
  });
}

/** Whether a trust policy (as `GetRole` gives it, URL-encoded) lets the RDS monitoring service assume the role. */
export function trustsMonitoring(document: string | undefined): boolean {
  if (document === undefined) return false;
  let policy: unknown;
  try {
    policy = JSON.parse(document.trimStart().startsWith('{') ? document : decodeURIComponent(document));
  } catch {
    return false;
  }
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
  const statements =
    typeof policy === 'object' && policy !== null ? list(Reflect.get(policy, 'Statement')) : [];
  return statements.some((s) => {
    if (typeof s !== 'object' || s === null || Reflect.get(s, 'Effect') !== 'Allow') return false;
    const principal: unknown = Reflect.get(s, 'Principal');
    const services =
      typeof principal === 'object' && principal !== null ? Reflect.get(principal, 'Service') : [];
    return (
      list(Reflect.get(s, 'Action')).some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*') &&
      list(services).includes(MONITORING_SERVICE)
    );
  });
}

/**
 * RDS.6: enhanced monitoring should be configured for RDS DB instances. The fix sets the monitoring
 * interval to {@link RDS_6_INTERVAL_SECONDS} seconds with the monitoring role
 * {@link RDS_MONITORING_ROLE}: on each Aurora instance itself (the original modified the Aurora
 * cluster, which RDS accepts only for Multi-AZ DB clusters, so every Aurora finding became a ticket),
 * and on the cluster of a Multi-AZ DB cluster member. The role is read first (`GetRole`,
 * `ListAttachedRolePolicies`): created when missing, trusting only the RDS monitoring service for
 * this account, with the AWS managed policy `AmazonRDSEnhancedMonitoringRole` attached when it lacks
 * it. A role of that name that does not trust `monitoring.rds.amazonaws.com` is refused: SOAR never
 * changes the trust of a role it finds (the original did not even look). The role is passed to the
 * monitoring service only (`iam:PassedToService`).
 *
 * No waiter: when RDS refuses a role IAM has not propagated yet, or the instance is still applying
 * the change, the result is `reconsider_later` with the before-image kept.
 *
 * Rollback: enhanced monitoring off again, unless someone changed the interval since; the role is
 * kept (it serves every monitored instance of the account). From the finding:
 * `Details.AwsRdsDbInstance.MonitoringInterval` of an instance that holds its own setting; whether
 * the role exists is only known live, so the plan creates it "if missing".
 */
export const rds_6 = defineControl<Rds6State, Rds6Params, RdsSettingBeforeImage<number>, RdsChange>({
  controlId: spec.controlId,
  title: spec.title,
  fix: spec.fix,
  resourceIds: { AwsRdsDbInstance: RDS_INSTANCE_ARN },
  iamActions: [
    'rds:DescribeDBInstances',
    'rds:DescribeDBClusters',
    'rds:ModifyDBInstance',
    'rds:ModifyDBCluster',
    'iam:GetRole',
    'iam:ListAttachedRolePolicies',
    'iam:ListRolePolicies',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:PassRole',
  ],
  permissions: (context) => {
    const role = globalArn(context, 'iam', `role/${RDS_MONITORING_ROLE}`);
    return [
      ...rdsInstancePermissions(spec.controlId, context),
      {
        actions: [
          'iam:GetRole',
          'iam:ListAttachedRolePolicies',
          'iam:ListRolePolicies',
          'iam:CreateRole',
          'iam:PutRolePolicy',
        ],
        resources: [role],
      },
      {
        actions: ['iam:PassRole'],
        resources: [role],
        conditions: { StringEquals: { 'iam:PassedToService': MONITORING_SERVICE } },
      },
    ];
  },
  destructive: false,
  reversible: true,
  stateSchema: Rds6StateSchema,

  async read(context) {
    const read = await readRdsTarget(context, spec.controlId, spec.auroraScope);
    if (read.kind === 'gone') return read;
    const { IAMClient } = await sdk.iam();
    const role = await readRole(context.client(IAMClient), context.partition);
    return { kind: 'found', state: { ...read.target, ...spec.read(read.source), role } };
  },

  fromFinding(context) {
    const derived = targetFromFinding(context, spec.auroraScope);
    if (derived.kind === 'unknown') return derived;
    const value = spec.fromDetails(derived.details);
    if (value === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding does not give the enhanced monitoring interval of the DB instance ${derived.target.instanceId}.`,
      };
    }
    return { kind: 'found', state: { ...derived.target, value } };
  },

  plan(state, context) {
    const planned = planRdsSetting(spec, state);
    if (planned.kind !== 'changes') return planned;
    const { role } = state;
    const name = role?.name ?? RDS_MONITORING_ROLE;
    if (role?.exists === true && !role.trustsMonitoring) {
      return {
        kind: 'refuse',
        reason: `The IAM role ${name} exists but does not let the RDS monitoring service (${MONITORING_SERVICE}) assume it. SOAR does not change the trust of a role it did not create, so it changed nothing: let that service assume the role, or delete it so SOAR creates one.`,
      };
    }
    const created = Date.parse(role?.createdAt ?? '');
    if (role?.exists === true && context.now.getTime() - created < NEW_ROLE_MS) {
      return {
        kind: 'defer',
        reason: `The IAM role ${name} was created at ${role.createdAt ?? ''}; RDS accepts a new role once IAM has propagated it, within minutes.`,
      };
    }
    const roleArn = globalArn(context, 'iam', `role/${name}`);
    const steps: PlannedChange<Rds6Params>[] = [];
    if (role?.exists !== true) {
      steps.push({
        action: 'iam:CreateRole',
        description: `Created the IAM role ${name}${role === undefined ? ' (if it did not exist yet)' : ''}, which only the RDS monitoring service can assume, for this account only.`,
        params: { step: 'createRole', roleName: name, trustPolicy: trustPolicy(context) },
      });
    }
    if (role?.canWriteMetrics !== true) {
      steps.push({
        action: 'iam:PutRolePolicy',
        description: `Allowed the role ${name} to write monitoring metrics to the CloudWatch log groups RDS* of this account (inline policy ${RDS_MONITORING_POLICY}${role === undefined ? ', unless the role already had the AWS managed policy' : ''}).`,
        params: {
          step: 'putRolePolicy',
          roleName: name,
          policyName: RDS_MONITORING_POLICY,
          policyDocument: monitoringPolicy(context),
        },
      });
    }
    const modify = planned.changes.map(({ action, description, params: change }) => ({
      action,
      description: `${description.replace(/\.$/, '')}, with the monitoring role ${name}.`,
      params: {
        step: 'modify' as const,
        ...change,
        params: { ...change.params, MonitoringRoleArn: roleArn },
      },
    }));
    return { ...planned, changes: [...steps, ...modify] };
  },

  async apply(changes, context) {
    const { IAMClient, CreateRoleCommand, PutRolePolicyCommand } = await sdk.iam();
    const iam = context.client(IAMClient);
    let createdRole = false;
    for (const { params } of changes) {
      if (params.step === 'createRole') {
        try {
          await iam.send(
            new CreateRoleCommand({
              RoleName: params.roleName,
              AssumeRolePolicyDocument: params.trustPolicy,
              Description:
                'Lets RDS enhanced monitoring write OS metrics to CloudWatch Logs (created by SOAR for RDS.6).',
            }),
          );
          createdRole = true;
        } catch (error) {
          // Created meanwhile (another instance's fix): the plan's next read checks its trust.
          if (!isIamCode(error, 'EntityAlreadyExists')) throw error;
        }
      } else if (params.step === 'putRolePolicy') {
        const { roleName: RoleName, policyName: PolicyName, policyDocument: PolicyDocument } = params;
        await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument }));
      } else {
        try {
          await applyRdsChanges([{ params }], context);
        } catch (error) {
          // RDS checks the role when it takes it; a role created seconds ago may not have reached it
          // yet. The check after the change then finds the new role and reconsiders later.
          if (!(createdRole && isRoleNotReady(error))) throw error;
        }
      }
    }
  },

  tags: (state) => state.tags,

  rollback: {
    readActions: [
      'rds:DescribeDBInstances',
      'rds:DescribeDBClusters',
      'iam:GetRole',
      'iam:ListAttachedRolePolicies',
      'iam:ListRolePolicies',
    ],
    iamActions: ['rds:ModifyDBInstance', 'rds:ModifyDBCluster'],
    beforeImage: z.lazy(() => rdsSettingBeforeImageSchema(z.number().int().min(0))),
    plan: (before, state) => planRdsSettingRollback(spec, before, state),
    apply: applyRdsChanges,
  },
});

/** The monitoring role as the plan needs it; a missing role is a normal state, not a gone resource. */
async function readRole(iam: IAMClient, partition: string): Promise<NonNullable<Rds6State['role']>> {
  const { GetRoleCommand, paginateListAttachedRolePolicies, paginateListRolePolicies } = await sdk.iam();
  const absent = {
    name: RDS_MONITORING_ROLE,
    exists: false,
    trustsMonitoring: false,
    canWriteMetrics: false,
  };
  let role;
  try {
    role = (await iam.send(new GetRoleCommand({ RoleName: RDS_MONITORING_ROLE }))).Role;
  } catch (error) {
    if (isIamCode(error, 'NoSuchEntity')) return absent;
    throw error;
  }
  if (role === undefined) return absent;
  const query = { RoleName: RDS_MONITORING_ROLE };
  let canWriteMetrics = false;
  for await (const page of paginateListAttachedRolePolicies({ client: iam }, query)) {
    if (page.AttachedPolicies?.some((p) => p.PolicyArn === managedPolicyArn(partition)))
      canWriteMetrics = true;
  }
  for await (const page of paginateListRolePolicies({ client: iam }, query)) {
    if (page.PolicyNames?.includes(RDS_MONITORING_POLICY) === true) canWriteMetrics = true;
  }
  return {
    name: RDS_MONITORING_ROLE,
    exists: true,
    trustsMonitoring: trustsMonitoring(role.AssumeRolePolicyDocument),
    canWriteMetrics,
    ...(role.CreateDate === undefined ? {} : { createdAt: role.CreateDate.toISOString() }),
  };
}

/** IAM errors: the wire code is `<Code>`, SDK v3 names the class `<Code>Exception`; accept both. */
function isIamCode(error: unknown, code: string): boolean {
  const name = errorName(error);
  return name === code || name === `${code}Exception`;
}

/** RDS's answer for a monitoring role it cannot use (yet). */
function isRoleNotReady(error: unknown): boolean {
  const name = errorName(error);
  return (
    (name === 'InvalidParameterCombination' || name === 'InvalidParameterValue') &&
    error instanceof Error &&
    /role|ENHANCED_MONITORING/i.test(error.message)
  );
}
