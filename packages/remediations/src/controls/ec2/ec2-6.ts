import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SessionPolicyStatement } from '@soar/aws-access';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import { defineControl, type PlanContext, type PlannedChange, type RollbackPlan } from '../../engine/control';
import { globalArn, regionalArn } from '../../engine/permissions';
import { complianceOf, findingTags } from '../finding';
import { VPC_ID } from './resource-ids';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';

/**
 * A flow log of the VPC, as `DescribeFlowLogs` returns it now.
 *
 * @example
 * ```ts
 * Ec26FlowLogSchema.parse({
 *   flowLogId: 'fl-0a1b2c3d4e5f60718',
 *   status: 'ACTIVE',
 *   trafficType: 'REJECT',
 *   destinationType: 'cloud-watch-logs',
 *   destination: 'VPCFlowLogs/vpc-0f1e2d3c4b5a69788',
 *   deliverLogsStatus: 'SUCCESS',
 *   deliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/soar-vpc-flow-logs-eu-west-1',
 * });
 * ```
 */
export const Ec26FlowLogSchema = z.lazy(() =>
  z.strictObject({
    flowLogId: z.string().min(1),
    /** `ACTIVE` once created. */
    status: z.string().optional(),
    /** `ACCEPT`, `REJECT` or `ALL`. */
    trafficType: z.string().optional(),
    /** `cloud-watch-logs`, `s3` or `kinesis-data-firehose`. */
    destinationType: z.string().optional(),
    /** Log group name or destination ARN. */
    destination: z.string().optional(),
    /** `SUCCESS` or `FAILED`. */
    deliverLogsStatus: z.string().optional(),
    /** The IAM role the flow log delivers to CloudWatch Logs with. */
    deliverLogsPermissionArn: z.string().optional(),
  }),
);

/** A flow log of {@link Ec26State}; inferred from {@link Ec26FlowLogSchema}. */
export type Ec26FlowLog = z.infer<typeof Ec26FlowLogSchema>;

/**
 * Live state of the VPC's flow logging and of SOAR's flow-log role in the region: the VPC is compliant
 * when one of its flow logs is `ACTIVE`. `roleName` is the deterministic role SOAR uses for flow logs
 * in the account and region ({@link flowLogRoleName}); `roleExists` is absent when not known (planned
 * from a finding): the plan then creates the role "if missing", which `apply` does anyway.
 *
 * @example
 * ```ts
 * Ec26StateSchema.parse({
 *   vpcId: 'vpc-0f1e2d3c4b5a69788',
 *   flowLogs: [],
 *   roleName: 'soar-vpc-flow-logs-eu-west-1',
 *   roleExists: true,
 *   tags: { Name: 'payments-prod' },
 * });
 * ```
 */
export const Ec26StateSchema = z.lazy(() =>
  z.strictObject({
    vpcId: z.string().startsWith('vpc-'),
    flowLogs: z.array(Ec26FlowLogSchema).readonly(),
    roleName: z.string().min(1),
    roleExists: z.boolean().optional(),
    tags: TagsSchema,
  }),
);

/** Live state of EC2.6; inferred from {@link Ec26StateSchema}. */
export type Ec26State = z.infer<typeof Ec26StateSchema>;

/** The planned steps, in order; each is idempotent on its own. */
export type Ec26Params =
  | { readonly step: 'createRole'; readonly roleName: string; readonly trustPolicy: string }
  | {
      readonly step: 'putRolePolicy';
      readonly roleName: string;
      readonly policyName: string;
      readonly policyDocument: string;
    }
  | {
      readonly step: 'createFlowLog';
      readonly vpcId: string;
      readonly logGroupName: string;
      readonly roleArn: string;
      readonly trafficType: 'REJECT';
    };

/**
 * What is needed to undo EC2.6: the VPC's flow logs before the fix, and what identifies the one SOAR
 * creates (log group, traffic type, destination type and role; the last three were added later, older
 * before-images lack them and mean SOAR's). The role is shared by the region's flow logs and is never
 * deleted; `roleExisted` only says whether SOAR created it (`null`/absent: planned from a finding).
 *
 * @example
 * ```ts
 * Ec26BeforeImageSchema.parse({
 *   vpcId: 'vpc-0123456789abcdef0',
 *   flowLogIds: [],
 *   logGroupName: 'VPCFlowLogs/vpc-0123456789abcdef0',
 *   roleName: 'soar-vpc-flow-logs-eu-west-1',
 *   roleExisted: false,
 *   trafficType: 'REJECT',
 *   logDestinationType: 'cloud-watch-logs',
 *   deliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/soar-vpc-flow-logs-eu-west-1',
 * });
 * ```
 */
export const Ec26BeforeImageSchema = z.lazy(() =>
  z.object({
    vpcId: z.string().startsWith('vpc-'),
    /** The VPC's flow logs before the change (none of them active). */
    flowLogIds: z.array(z.string()).readonly(),
    logGroupName: z.string().min(1),
    roleName: z.string().min(1),
    roleExisted: z.boolean().nullish(),
    trafficType: z.string().min(1).default('REJECT'),
    logDestinationType: z.string().min(1).default('cloud-watch-logs'),
    /** Absent in older before-images: then any role named `roleName` counts. */
    deliverLogsPermissionArn: z.string().min(1).optional(),
  }),
);

/** The before-image of EC2.6; inferred from {@link Ec26BeforeImageSchema}. */
export type Ec26BeforeImage = z.infer<typeof Ec26BeforeImageSchema>;

/** What the rollback deletes: the flow log SOAR created, by id. */
export interface Ec26RollbackParams {
  readonly vpcId: string;
  readonly flowLogId: string;
}

/** The flow-log role name for a region: the same on every run, so retries never leave orphans. */
export function flowLogRoleName(region: string): string {
  return `soar-vpc-flow-logs-${region}`;
}

/** The inline policy of the flow-log role (put on every run; `PutRolePolicy` overwrites it). */
export const FLOW_LOG_POLICY_NAME = 'soar-vpc-flow-logs-to-cloudwatch';

/** The CloudWatch log group a VPC's flow log writes to. */
export function flowLogGroupName(vpcId: string): string {
  return `VPCFlowLogs/${vpcId}`;
}

/** The VPC id of the finding's VPC (its id matched {@link VPC_ID} before). */
function vpcIdOf(resourceId: string): string {
  return VPC_ID.partsOf(resourceId).vpcId;
}

/** Stands for the flow logs of a VPC that passes EC2.6 according to the finding (their ids are only known live). */
const FLOW_LOGS_SECURITY_HUB_SAW = 'as Security Hub reports';

/** Trust policy: only the flow-logs service, and only for flow logs of this account and region. */
function trustPolicy(context: PlanContext): string {
  const { partition, region, accountId } = context;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: FLOW_LOGS_SERVICE },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': accountId },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
        },
      },
    ],
  });
}

/** Permissions: write to the `VPCFlowLogs/*` log groups of this account and region only. */
function rolePolicy(context: PlanContext): string {
  const { partition, region, accountId } = context;
  const groups = `arn:${partition}:logs:${region}:${accountId}:log-group`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:DescribeLogStreams',
        ],
        Resource: [`${groups}:VPCFlowLogs/*`],
      },
      { Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: [`${groups}:*`] },
    ],
  });
}

/** The only service SOAR's flow-log role may be passed to. */
const FLOW_LOGS_SERVICE = 'vpc-flow-logs.amazonaws.com';

/**
 * The session policy of EC2.6: the describe calls have no resource type; the flow log is created on
 * this VPC only, and the role actions (passing included, to the flow-logs service only) name SOAR's
 * flow-log role of the region. A flow log's id is only known once it exists, so creating one, and
 * deleting SOAR's on rollback, name the flow logs of this account and region.
 */
function ec26Permissions(context: PlanContext): readonly SessionPolicyStatement[] {
  const flowLogs = regionalArn(context, 'ec2', 'vpc-flow-log/*');
  const role = globalArn(context, 'iam', `role/${flowLogRoleName(context.region)}`);
  return [
    { actions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'], resources: ['*'] },
    {
      actions: ['ec2:CreateFlowLogs'],
      resources: [regionalArn(context, 'ec2', `vpc/${vpcIdOf(context.resource.Id)}`), flowLogs],
    },
    { actions: ['ec2:DeleteFlowLogs'], resources: [flowLogs] },
    { actions: ['iam:GetRole', 'iam:CreateRole', 'iam:PutRolePolicy'], resources: [role] },
    {
      actions: ['iam:PassRole'],
      resources: [role],
      conditions: { StringEquals: { 'iam:PassedToService': FLOW_LOGS_SERVICE } },
    },
  ];
}

/**
 * Thrown when `CreateFlowLogs` answers but lists the VPC as unsuccessful (the original ignored that list
 * and reported success for a flow log that was never created).
 */
export class FlowLogNotCreatedError extends Error {
  override readonly name = 'FlowLogNotCreated';
}

/**
 * EC2.6: VPC flow logging should be enabled in all VPCs. The fix logs the VPC's rejected traffic
 * to the CloudWatch log group `VPCFlowLogs/<vpc-id>`, delivered through one IAM role per region with
 * a deterministic name ({@link flowLogRoleName}), created only when missing. A `CreateFlowLogs`
 * answer that lists the VPC as unsuccessful is an error, not a success. Undo: `DeleteFlowLogs` of the
 * new flow log (the role may serve other VPCs).
 *
 * Rollback ({@link planEc26Rollback}): deletes the flow log SOAR created (the one not in the
 * before-image that writes to SOAR's log group with SOAR's role and traffic type), and nothing else:
 * the shared role and the log group with the logs delivered so far are kept. `already_as_before` when
 * the VPC has no flow log besides those of the before-image. Refused when the before-image is of
 * another VPC, or when the VPC has flow logs SOAR did not create since (SOAR's was replaced, or
 * someone added theirs).
 *
 * From the finding (`fromFinding`): ASFF `AwsEc2Vpc` details carry no flow logs, so the verdict
 * decides: `FAILED` means no active flow log, `PASSED` an active one; any other status is `unknown`.
 * Whether SOAR's flow-log role exists is only known live, so the plan creates it "if missing" (the
 * live plan leaves that step out when the role is there). A VPC whose only flow logs capture other
 * traffic than EC2.6 asks for fails the control but is `compliant` live: the simulation may then show
 * a change the live run does not need. Tags come from `Resources[].Tags`.
 */
export const ec2_6 = defineControl<Ec26State, Ec26Params, Ec26BeforeImage, Ec26RollbackParams>({
  controlId: 'EC2.6',
  title: 'VPC flow logging should be enabled in all VPCs',
  fix: 'Logs rejected traffic of the VPC to CloudWatch Logs, through one SOAR flow-log role per region.',
  resourceIds: { AwsEc2Vpc: VPC_ID },
  iamActions: [
    'ec2:DescribeVpcs',
    'ec2:DescribeFlowLogs',
    'ec2:CreateFlowLogs',
    'iam:GetRole',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:PassRole',
  ],
  permissions: ec26Permissions,
  destructive: false,
  reversible: true,
  stateSchema: Ec26StateSchema,

  async read(context) {
    const vpcId = vpcIdOf(context.resource.Id);
    const { EC2Client, DescribeVpcsCommand, paginateDescribeFlowLogs } = await sdk.ec2();
    const ec2 = context.client(EC2Client);
    const vpcs = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
    const vpc = vpcs.Vpcs?.find((v) => v.VpcId === vpcId);
    if (vpc === undefined) return { kind: 'gone', reason: `The VPC ${vpcId} no longer exists.` };

    const flowLogs: Ec26FlowLog[] = [];
    const pages = paginateDescribeFlowLogs(
      { client: ec2, pageSize: 1000 },
      { Filter: [{ Name: 'resource-id', Values: [vpcId] }] },
    );
    for await (const page of pages) {
      for (const log of page.FlowLogs ?? []) {
        flowLogs.push({
          flowLogId: log.FlowLogId ?? '(unknown)',
          status: log.FlowLogStatus,
          trafficType: log.TrafficType,
          destinationType: log.LogDestinationType,
          destination: log.LogGroupName ?? log.LogDestination,
          deliverLogsStatus: log.DeliverLogsStatus,
          ...(log.DeliverLogsPermissionArn === undefined
            ? {}
            : { deliverLogsPermissionArn: log.DeliverLogsPermissionArn }),
        });
      }
    }

    const { IAMClient, GetRoleCommand, NoSuchEntityException } = await sdk.iam();
    const roleName = flowLogRoleName(context.region);
    let roleExists = true;
    try {
      await context.client(IAMClient).send(new GetRoleCommand({ RoleName: roleName }));
    } catch (error) {
      // A missing role is a normal state here, not a sign that the VPC is gone.
      if (!isIamError(error, NoSuchEntityException, 'NoSuchEntity')) throw error;
      roleExists = false;
    }

    const tags: Record<string, string> = {};
    for (const tag of vpc.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    return { kind: 'found', state: { vpcId, flowLogs, roleName, roleExists, tags } };
  },

  fromFinding(context) {
    const { resource } = context;
    const vpcId = vpcIdOf(resource.Id);
    const status = complianceOf(context.finding);
    if (status === undefined) {
      return {
        kind: 'unknown',
        reason:
          'The finding has no PASSED or FAILED verdict, and ASFF VPC details do not list flow logs. ' +
          `SOAR checks the flow logs of ${vpcId} on the live VPC before it changes anything.`,
      };
    }
    const flowLogs: Ec26FlowLog[] =
      status === 'PASSED'
        ? [
            {
              flowLogId: FLOW_LOGS_SECURITY_HUB_SAW,
              status: 'ACTIVE',
              trafficType: undefined,
              destinationType: undefined,
              destination: undefined,
              deliverLogsStatus: undefined,
            },
          ]
        : [];
    return {
      kind: 'found',
      state: {
        vpcId,
        flowLogs,
        roleName: flowLogRoleName(context.region),
        roleExists: undefined,
        tags: findingTags(resource),
      },
    };
  },

  plan(state, context) {
    const { vpcId, roleName } = state;
    const active = state.flowLogs.filter((log) => log.status === 'ACTIVE');
    if (active.length > 0) {
      return {
        kind: 'compliant',
        reason: `The VPC ${vpcId} already has flow logs (${active.map((l) => l.flowLogId).join(', ')}).`,
      };
    }
    const logGroupName = flowLogGroupName(vpcId);
    const roleArn = `arn:${context.partition}:iam::${context.accountId}:role/${roleName}`;
    const changes: PlannedChange<Ec26Params>[] = [];
    if (state.roleExists !== true) {
      const ifMissing = state.roleExists === undefined ? ' (if it did not exist yet)' : '';
      changes.push({
        action: 'iam:CreateRole',
        description:
          `Created the IAM role ${roleName}${ifMissing}, which only the VPC Flow Logs service can use, and only for ` +
          `flow logs of this account in ${context.region}.`,
        params: { step: 'createRole', roleName, trustPolicy: trustPolicy(context) },
      });
    }
    changes.push(
      {
        action: 'iam:PutRolePolicy',
        description: `Allowed the role ${roleName} to write to the CloudWatch log groups VPCFlowLogs/* in ${context.region}.`,
        params: {
          step: 'putRolePolicy',
          roleName,
          policyName: FLOW_LOG_POLICY_NAME,
          policyDocument: rolePolicy(context),
        },
      },
      {
        action: 'ec2:CreateFlowLogs',
        description: `Turned on flow logs for the VPC ${vpcId}: rejected traffic is now logged to the CloudWatch log group ${logGroupName}.`,
        params: { step: 'createFlowLog', vpcId, logGroupName, roleArn, trafficType: 'REJECT' },
      },
    );
    const beforeImage: Ec26BeforeImage = {
      vpcId,
      flowLogIds: state.flowLogs.map((l) => l.flowLogId),
      logGroupName,
      roleName,
      roleExisted: state.roleExists,
      trafficType: 'REJECT',
      logDestinationType: 'cloud-watch-logs',
      deliverLogsPermissionArn: roleArn,
    };
    return {
      kind: 'changes',
      changes,
      beforeImage,
      actionsRequired:
        `The flow-logs service creates the log group ${logGroupName} on its first delivery, without a retention ` +
        'period or KMS key: set a retention period that fits your needs, and add flow logs to the template that ' +
        'manages the VPC.',
    };
  },

  async apply(changes, context) {
    const { EC2Client } = await sdk.ec2();
    const { IAMClient, CreateRoleCommand, EntityAlreadyExistsException, PutRolePolicyCommand } =
      await sdk.iam();
    for (const { params } of changes) {
      switch (params.step) {
        case 'createRole':
          try {
            await context.client(IAMClient).send(
              new CreateRoleCommand({
                RoleName: params.roleName,
                AssumeRolePolicyDocument: params.trustPolicy,
                Description: 'Lets VPC Flow Logs write to CloudWatch Logs (created by SOAR for EC2.6).',
              }),
            );
          } catch (error) {
            // Created by an earlier run or for another VPC: the role is there, which is what we need.
            if (!isIamError(error, EntityAlreadyExistsException, 'EntityAlreadyExists')) throw error;
          }
          break;
        case 'putRolePolicy':
          await context.client(IAMClient).send(
            new PutRolePolicyCommand({
              RoleName: params.roleName,
              PolicyName: params.policyName,
              PolicyDocument: params.policyDocument,
            }),
          );
          break;
        case 'createFlowLog':
          await createFlowLog(params, context.client(EC2Client));
          break;
      }
    }
  },

  tags: (state) => state.tags,

  rollback: {
    readActions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs', 'iam:GetRole'],
    iamActions: ['ec2:DeleteFlowLogs'],
    beforeImage: Ec26BeforeImageSchema,
    plan: planEc26Rollback,
    async apply(changes, context) {
      const { EC2Client } = await sdk.ec2();
      const ec2 = context.client(EC2Client);
      for (const { params } of changes) await deleteFlowLog(params, ec2);
    },
  },
});

/** Whether a flow log is the one SOAR's fix created, as the before-image describes it. */
function isSoarFlowLog(log: Ec26FlowLog, before: Ec26BeforeImage): boolean {
  const role = log.deliverLogsPermissionArn;
  const roleMatches =
    role !== undefined &&
    (before.deliverLogsPermissionArn === undefined
      ? role.endsWith(`:role/${before.roleName}`)
      : role === before.deliverLogsPermissionArn);
  return (
    !before.flowLogIds.includes(log.flowLogId) &&
    log.destination === before.logGroupName &&
    log.trafficType === before.trafficType &&
    (log.destinationType === undefined || log.destinationType === before.logDestinationType) &&
    roleMatches
  );
}

/**
 * Pure: plans deleting the flow log SOAR created for the VPC, and refuses when the VPC's flow logging
 * moved on since (see {@link ec2_6}).
 *
 * @example
 * ```ts
 * planEc26Rollback(beforeImage, state);
 * // { kind: 'changes', changes: [{ action: 'ec2:DeleteFlowLogs', params: { vpcId, flowLogId: 'fl-0abc' }, ... }] }
 * ```
 */
export function planEc26Rollback(
  before: Ec26BeforeImage,
  state: Ec26State,
): RollbackPlan<Ec26RollbackParams> {
  const { vpcId } = state;
  if (before.vpcId !== vpcId) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the VPC ${before.vpcId}, not ${vpcId}, so SOAR changed nothing.`,
    };
  }
  const added = state.flowLogs.filter((log) => !before.flowLogIds.includes(log.flowLogId));
  const ours = added.filter((log) => isSoarFlowLog(log, before));
  const theirs = added.filter((log) => !isSoarFlowLog(log, before)).map((log) => log.flowLogId);
  const [soar] = ours;
  if (soar === undefined && theirs.length === 0) {
    return {
      kind: 'already_as_before',
      reason: `The VPC ${vpcId} has no flow log that SOAR created, as before SOAR's fix.`,
    };
  }
  if (theirs.length > 0) {
    return {
      kind: 'refuse',
      reason:
        soar === undefined
          ? `The flow log SOAR created for the VPC ${vpcId} is gone, and ${theirs.join(', ')}, which SOAR did not ` +
            'create, has taken its place: the VPC is not as it was before the fix, and SOAR does not delete ' +
            'flow logs it did not create.'
          : `Besides the flow log ${soar.flowLogId} SOAR created, the VPC ${vpcId} now has ${theirs.join(', ')}, ` +
            'which SOAR did not create: its flow logging has moved on since the fix, so SOAR left it as it is. ' +
            `Delete ${soar.flowLogId} yourself if it is no longer needed.`,
    };
  }
  if (soar === undefined || ours.length > 1) {
    return {
      kind: 'refuse',
      reason:
        `Several flow logs of the VPC ${vpcId} (${ours.map((log) => log.flowLogId).join(', ')}) look like the one ` +
        'SOAR created, so SOAR cannot tell which to delete and changed nothing.',
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'ec2:DeleteFlowLogs',
        description:
          `Deleted the flow log ${soar.flowLogId} that SOAR created for the VPC ${vpcId}: its rejected traffic ` +
          'is no longer logged, as before the fix.',
        params: { vpcId, flowLogId: soar.flowLogId },
      },
    ],
    actionsRequired:
      `The log group ${before.logGroupName} keeps the logs delivered so far; delete it if they are not needed. ` +
      `The IAM role ${before.roleName} is kept: it serves every flow log SOAR creates in the region. ` +
      'EC2.6 fails again for this VPC.',
  };
}

/** The error `DeleteFlowLogs` gives for a flow log that no longer exists. */
const FLOW_LOG_GONE = 'InvalidFlowLogId.NotFound';

async function deleteFlowLog(params: Ec26RollbackParams, ec2: EC2Client): Promise<void> {
  const { DeleteFlowLogsCommand } = await sdk.ec2();
  let output;
  try {
    output = await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [params.flowLogId] }));
  } catch (error) {
    // Already deleted (a second run, or someone else): that is what we wanted.
    if (errorName(error) === FLOW_LOG_GONE) return;
    throw error;
  }
  const failed = (output.Unsuccessful ?? []).filter((item) => item.Error?.Code !== FLOW_LOG_GONE);
  if (failed.length > 0) {
    const why = failed
      .map((item) =>
        `${item.ResourceId ?? params.flowLogId}: ${item.Error?.Code ?? '?'} ${item.Error?.Message ?? ''}`.trim(),
      )
      .join('; ');
    throw new FlowLogNotDeletedError(`DeleteFlowLogs did not delete the flow log (${why}).`);
  }
}

/** Thrown when `DeleteFlowLogs` answers but lists the flow log as unsuccessful. */
export class FlowLogNotDeletedError extends Error {
  override readonly name = 'FlowLogNotDeleted';
}

/** IAM errors: SDK v3 names them `<Code>Exception`, the wire code is `<Code>`; accept both. */
function isIamError(
  error: unknown,
  ErrorClass: abstract new (...args: never[]) => Error,
  code: string,
): boolean {
  return error instanceof ErrorClass || errorName(error) === code || errorName(error) === `${code}Exception`;
}

async function createFlowLog(
  params: Extract<Ec26Params, { step: 'createFlowLog' }>,
  ec2: EC2Client,
): Promise<void> {
  const { CreateFlowLogsCommand } = await sdk.ec2();
  let output;
  try {
    output = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [params.vpcId],
        TrafficType: params.trafficType,
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: params.logGroupName,
        DeliverLogsPermissionArn: params.roleArn,
      }),
    );
  } catch (error) {
    if (errorName(error) === 'FlowLogAlreadyExists') return;
    throw error;
  }
  const failed = (output.Unsuccessful ?? []).filter((item) => item.Error?.Code !== 'FlowLogAlreadyExists');
  if (failed.length > 0) {
    const why = failed
      .map((item) =>
        `${item.ResourceId ?? params.vpcId}: ${item.Error?.Code ?? '?'} ${item.Error?.Message ?? ''}`.trim(),
      )
      .join('; ');
    throw new FlowLogNotCreatedError(`CreateFlowLogs did not create the flow log (${why}).`);
  }
}
