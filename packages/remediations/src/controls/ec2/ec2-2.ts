import type { IpPermission } from '@aws-sdk/client-ec2';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import { defineControl, type Plan, type RollbackPlan } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { findingTags } from '../finding';
import { SECURITY_GROUP_ID } from './resource-ids';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import {
  IpPermissionSchema,
  IpPermissionStateSchema,
  permissionUnits,
  toSdkPermission,
} from './security-group-details';

/**
 * A network interface that uses the security group, as much as a ticket needs to name it.
 *
 * @example
 * ```ts
 * Ec22NetworkInterfaceSchema.parse({
 *   networkInterfaceId: 'eni-0a1b2c3d4e5f60718',
 *   interfaceType: 'lambda',
 *   description: 'AWS Lambda VPC ENI-orders-api',
 * });
 * ```
 */
export const Ec22NetworkInterfaceSchema = z.lazy(() =>
  z.strictObject({
    networkInterfaceId: z.string().min(1),
    /** E.g. `interface`, `lambda`, `network_load_balancer`, `vpc_endpoint`. */
    interfaceType: z.string().optional(),
    description: z.string().optional(),
    /** The instance the interface is attached to, if any. */
    instanceId: z.string().optional(),
  }),
);

/** A network interface of {@link Ec22State}; inferred from {@link Ec22NetworkInterfaceSchema}. */
export type Ec22NetworkInterface = z.infer<typeof Ec22NetworkInterfaceSchema>;

/**
 * Live state of the security group, re-described (never taken from the finding's `Details`): its
 * rules in both directions (as `DescribeSecurityGroups` returns them), every network interface (of any
 * service, attached or not) that has the group, and its tags. A plan removes the rules only when
 * `groupName` is `default` and `networkInterfaces` is empty.
 *
 * @example
 * ```ts
 * Ec22StateSchema.parse({
 *   groupId: 'sg-0123456789abcdef0',
 *   groupName: 'default',
 *   vpcId: 'vpc-0f1e2d3c4b5a69788',
 *   ingress: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0', UserId: '111122223333' }] }],
 *   egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
 *   networkInterfaces: [],
 *   tags: {},
 * });
 * ```
 */
export const Ec22StateSchema = z.lazy(() =>
  z.strictObject({
    groupId: z.string().startsWith('sg-'),
    groupName: z.string().optional(),
    vpcId: z.string().optional(),
    ingress: z.array(IpPermissionStateSchema).readonly(),
    egress: z.array(IpPermissionStateSchema).readonly(),
    networkInterfaces: z.array(Ec22NetworkInterfaceSchema).readonly(),
    tags: TagsSchema,
  }),
);

/** Live state of EC2.2; inferred from {@link Ec22StateSchema}. */
export type Ec22State = z.infer<typeof Ec22StateSchema>;

/** One revocation: one permission of one direction. */
export interface Ec22Params {
  readonly groupId: string;
  readonly direction: 'ingress' | 'egress';
  readonly permission: IpPermission;
}

/**
 * The removed permissions, enough to put them back with `AuthorizeSecurityGroupIngress` / `Egress`.
 *
 * @example
 * ```ts
 * Ec22BeforeImageSchema.parse({
 *   groupId: 'sg-0123456789abcdef0',
 *   ingress: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0', UserId: '111122223333' }] }],
 *   egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
 * });
 * ```
 */
export const Ec22BeforeImageSchema = z.lazy(() =>
  z.object({
    groupId: z.string().startsWith('sg-'),
    ingress: z.array(IpPermissionSchema).readonly(),
    egress: z.array(IpPermissionSchema).readonly(),
  }),
);

/** The before-image of EC2.2; inferred from {@link Ec22BeforeImageSchema}. */
export type Ec22BeforeImage = z.infer<typeof Ec22BeforeImageSchema>;

/** One permission to put back: one source of one direction. */
export interface Ec22RollbackParams {
  readonly groupId: string;
  readonly direction: 'ingress' | 'egress';
  readonly permission: IpPermission;
}

/** How many interfaces a refusal lists by name. */
const LISTED_INTERFACES = 10;

const MOVE_AWAY =
  'Please move your resources off the VPC default security group: create a security group with only the rules ' +
  'they need, attach it instead, then remove all rules of the default group (or let SOAR do it).';

/** The group id of the finding's security group (its id matched {@link SECURITY_GROUP_ID} before). */
function groupIdOf(resourceId: string): string {
  return SECURITY_GROUP_ID.partsOf(resourceId).groupId;
}

/** A permission in plain words, e.g. `all traffic to 0.0.0.0/0 and ::/0`. */
function describePermission(permission: IpPermission, direction: 'ingress' | 'egress'): string {
  const protocol = permission.IpProtocol;
  const what =
    protocol === '-1' || protocol === undefined
      ? 'all traffic'
      : permission.FromPort === permission.ToPort
        ? `${protocol.toUpperCase()} port ${permission.FromPort ?? '?'}`
        : `${protocol.toUpperCase()} ports ${permission.FromPort ?? '?'}-${permission.ToPort ?? '?'}`;
  const peers = [
    ...(permission.IpRanges ?? []).map((r) => r.CidrIp),
    ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
    ...(permission.PrefixListIds ?? []).map((p) => p.PrefixListId),
    ...(permission.UserIdGroupPairs ?? []).map((p) => `members of ${p.GroupId ?? p.GroupName ?? '?'}`),
  ].filter((p): p is string => p !== undefined);
  const peerText = peers.length === 0 ? 'anywhere' : peers.join(', ');
  return direction === 'ingress' ? `inbound ${what} from ${peerText}` : `outbound ${what} to ${peerText}`;
}

function describeInterface(eni: Ec22NetworkInterface): string {
  const kind =
    eni.interfaceType === undefined || eni.interfaceType === 'interface' ? '' : ` ${eni.interfaceType}`;
  const owner =
    eni.instanceId !== undefined
      ? ` of instance ${eni.instanceId}`
      : eni.description !== undefined && eni.description !== ''
        ? ` "${eni.description}"`
        : '';
  return `${eni.networkInterfaceId}${kind}${owner}`;
}

/**
 * EC2.2: the VPC default security group should not allow inbound or outbound traffic. The fix
 * removes every inbound and outbound rule of the default group, but only when no network interface
 * of any kind (instances, Lambda, RDS, load balancers, ECS tasks, VPC endpoints, detached ENIs)
 * uses it: otherwise SOAR refuses and the team gets a ticket, because removing the rules would cut
 * that traffic. Unlike the original, rules that differ from the AWS defaults are removed too (nothing
 * uses the group, and the before-image keeps them). Undo: authorize the permissions of the
 * before-image again.
 *
 * Rollback ({@link planEc22Rollback}): authorizes again each removed rule (one per source) that is
 * not back yet; `already_as_before` when all are. Refused when the before-image is of another group,
 * or when the group has rules that were not there before the fix: someone configured it since, and
 * SOAR does not put the old rules back on top of theirs.
 *
 * From the finding (`fromFinding`): the group's name, VPC and rules come from
 * `Details.AwsEc2SecurityGroup` (`GroupName`, `VpcId`, `IpPermissions`, `IpPermissionsEgress`), tags
 * from `Resources[].Tags`. A group that is not the default group plans its refusal, and a default group
 * without rules is compliant, as live. A default group **with** rules is `unknown`: no finding says
 * whether network interfaces use it, and the live run refuses when one does, so the simulation never
 * shows the removal; the reason names the rules SOAR would remove if nothing uses the group.
 */
export const ec2_2 = defineControl<Ec22State, Ec22Params, Ec22BeforeImage, Ec22RollbackParams>({
  controlId: 'EC2.2',
  title: 'VPC default security groups should not allow inbound or outbound traffic',
  fix: 'Removes all inbound and outbound rules of the VPC default security group when nothing uses it.',
  resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
  iamActions: [
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeNetworkInterfaces',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
  ],
  // Describe calls have no resource type; the changes touch this one group only.
  permissions: (context) => [
    { actions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces'], resources: ['*'] },
    {
      actions: [
        'ec2:RevokeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupEgress',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:AuthorizeSecurityGroupEgress',
      ],
      resources: [regionalArn(context, 'ec2', `security-group/${groupIdOf(context.resource.Id)}`)],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Ec22StateSchema,

  async read(context) {
    const groupId = groupIdOf(context.resource.Id);
    const { EC2Client, DescribeSecurityGroupsCommand, paginateDescribeNetworkInterfaces } = await sdk.ec2();
    const ec2 = context.client(EC2Client);
    // GroupIds cannot be combined with MaxResults, and names at most one group here: no pages.
    const described = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    const group = described.SecurityGroups?.find((g) => g.GroupId === groupId);
    if (group === undefined)
      return { kind: 'gone', reason: `The security group ${groupId} no longer exists.` };

    const networkInterfaces: Ec22NetworkInterface[] = [];
    const pages = paginateDescribeNetworkInterfaces(
      { client: ec2, pageSize: 1000 },
      { Filters: [{ Name: 'group-id', Values: [groupId] }] },
    );
    for await (const page of pages) {
      for (const eni of page.NetworkInterfaces ?? []) {
        networkInterfaces.push({
          networkInterfaceId: eni.NetworkInterfaceId ?? '(unknown)',
          interfaceType: eni.InterfaceType,
          description: eni.Description,
          instanceId: eni.Attachment?.InstanceId,
        });
      }
    }

    const tags: Record<string, string> = {};
    for (const tag of group.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    return {
      kind: 'found',
      state: {
        groupId,
        groupName: group.GroupName,
        vpcId: group.VpcId,
        ingress: group.IpPermissions ?? [],
        egress: group.IpPermissionsEgress ?? [],
        networkInterfaces,
        tags,
      },
    };
  },

  fromFinding(context) {
    const { resource } = context;
    const groupId = groupIdOf(resource.Id);
    const details = resource.Details?.AwsEc2SecurityGroup;
    if (details?.GroupName === undefined) {
      return {
        kind: 'unknown',
        reason:
          `The finding does not describe the security group ${groupId} (its name and rules). ` +
          'SOAR checks the group and its rules on the live resource before it changes anything.',
      };
    }
    const state: Ec22State = {
      groupId,
      groupName: details.GroupName,
      vpcId: details.VpcId,
      ingress: (details.IpPermissions ?? []).map(toSdkPermission),
      egress: (details.IpPermissionsEgress ?? []).map(toSdkPermission),
      // Only known live; the answer below never lets a plan depend on it.
      networkInterfaces: [],
      tags: findingTags(resource),
    };
    const rules = [
      ...state.ingress.map((p) => describePermission(p, 'ingress')),
      ...state.egress.map((p) => describePermission(p, 'egress')),
    ];
    if (state.groupName !== 'default' || rules.length === 0) return { kind: 'found', state };
    return {
      kind: 'unknown',
      reason:
        `No finding says whether network interfaces use the default security group ${groupId}, and removing its ` +
        'rules would cut their traffic. SOAR checks that on the live resource before it changes anything; if ' +
        `nothing uses the group, SOAR removes its ${rules.length} rule(s): ${rules.join('; ')}.`,
    };
  },

  plan(state): Plan<Ec22Params> {
    const { groupId } = state;
    if (state.groupName !== 'default') {
      return {
        kind: 'refuse',
        reason:
          `${groupId} (${state.groupName ?? 'no name'}) is not a VPC default security group; EC2.2 only ` +
          'covers default groups, so SOAR leaves it alone.',
      };
    }
    if (state.ingress.length === 0 && state.egress.length === 0) {
      return { kind: 'compliant', reason: `The default security group ${groupId} has no rules.` };
    }
    const count = state.networkInterfaces.length;
    if (count > 0) {
      const listed = state.networkInterfaces.slice(0, LISTED_INTERFACES).map(describeInterface).join(', ');
      const more = count > LISTED_INTERFACES ? ` and ${count - LISTED_INTERFACES} more` : '';
      return {
        kind: 'refuse',
        reason:
          `SOAR did not remove the rules of the default security group ${groupId}` +
          `${state.vpcId === undefined ? '' : ` of ${state.vpcId}`} because ${count} network ` +
          `interface${count === 1 ? ' uses' : 's use'} it (${listed}${more}); removing them would cut ` +
          `their traffic. ${MOVE_AWAY}`,
      };
    }
    const where = `the default security group ${groupId}${state.vpcId === undefined ? '' : ` of ${state.vpcId}`}`;
    const revoke = (direction: 'ingress' | 'egress', permission: IpPermission) => ({
      action: direction === 'ingress' ? 'ec2:RevokeSecurityGroupIngress' : 'ec2:RevokeSecurityGroupEgress',
      description: `Removed the rule allowing ${describePermission(permission, direction)} from ${where}.`,
      params: { groupId, direction, permission },
    });
    const beforeImage = {
      groupId,
      ingress: state.ingress,
      egress: state.egress,
    } satisfies Ec22BeforeImage;
    return {
      kind: 'changes',
      changes: [
        ...state.ingress.map((p) => revoke('ingress', p)),
        ...state.egress.map((p) => revoke('egress', p)),
      ],
      beforeImage,
      actionsRequired:
        'Nothing used the group, so no traffic changed. Resources attached to it later get no traffic ' +
        'until they get a security group of their own; if a template adds rules to the default group, change it.',
    };
  },

  async apply(changes, context) {
    const { EC2Client, RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand } =
      await sdk.ec2();
    const ec2 = context.client(EC2Client);
    for (const { params } of changes) {
      const input = { GroupId: params.groupId, IpPermissions: [params.permission] };
      try {
        if (params.direction === 'ingress') await ec2.send(new RevokeSecurityGroupIngressCommand(input));
        else await ec2.send(new RevokeSecurityGroupEgressCommand(input));
      } catch (error) {
        // Already gone (a second run, or someone else removed it): that is what we wanted.
        if (errorName(error) !== 'InvalidPermission.NotFound') throw error;
      }
    }
  },

  tags: (state) => state.tags,

  rollback: {
    readActions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces'],
    iamActions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress'],
    beforeImage: Ec22BeforeImageSchema,
    plan: planEc22Rollback,
    async apply(changes, context) {
      const { EC2Client, AuthorizeSecurityGroupEgressCommand, AuthorizeSecurityGroupIngressCommand } =
        await sdk.ec2();
      const ec2 = context.client(EC2Client);
      for (const { params } of changes) {
        const input = { GroupId: params.groupId, IpPermissions: [params.permission] };
        try {
          if (params.direction === 'ingress') await ec2.send(new AuthorizeSecurityGroupIngressCommand(input));
          else await ec2.send(new AuthorizeSecurityGroupEgressCommand(input));
        } catch (error) {
          // Already back (a second run, or someone else put it back): that is what we wanted.
          if (errorName(error) !== 'InvalidPermission.Duplicate') throw error;
        }
      }
    },
  },
});

/**
 * Pure: plans putting back the rules EC2.2 removed from the default security group, one per source,
 * and refuses when the group was configured since (see {@link ec2_2}).
 *
 * @example
 * ```ts
 * planEc22Rollback({ groupId: 'sg-1', ingress: [], egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }, state);
 * // { kind: 'changes', changes: [{ action: 'ec2:AuthorizeSecurityGroupEgress', ... }] }
 * ```
 */
export function planEc22Rollback(
  before: Ec22BeforeImage,
  state: Ec22State,
): RollbackPlan<Ec22RollbackParams> {
  const { groupId } = state;
  if (before.groupId !== groupId) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the security group ${before.groupId}, not ${groupId}, so SOAR changed nothing.`,
    };
  }
  const earlier = [
    ...permissionUnits('ingress', before.ingress),
    ...permissionUnits('egress', before.egress),
  ];
  const live = [...permissionUnits('ingress', state.ingress), ...permissionUnits('egress', state.egress)];
  const earlierKeys = new Set(earlier.map((unit) => unit.key));
  const liveKeys = new Set(live.map((unit) => unit.key));
  const group = `default security group ${groupId}${state.vpcId === undefined ? '' : ` of ${state.vpcId}`}`;
  const added = live.filter((unit) => !earlierKeys.has(unit.key));
  if (added.length > 0) {
    return {
      kind: 'refuse',
      reason:
        `The ${group} has rules it did not have before SOAR's fix ` +
        `(${added.map((unit) => describePermission(unit.permission, unit.direction)).join('; ')}): someone ` +
        'configured it since, so SOAR did not put the old rules back on top of theirs.',
    };
  }
  const missing = earlier.filter(
    (unit, index) => !liveKeys.has(unit.key) && earlier.findIndex((u) => u.key === unit.key) === index,
  );
  if (missing.length === 0) {
    return {
      kind: 'already_as_before',
      reason: `The ${group} has all the rules it had before SOAR's fix.`,
    };
  }
  return {
    kind: 'changes',
    changes: missing.map((unit) => ({
      action:
        unit.direction === 'ingress'
          ? 'ec2:AuthorizeSecurityGroupIngress'
          : 'ec2:AuthorizeSecurityGroupEgress',
      description: `Put back the rule allowing ${describePermission(unit.permission, unit.direction)} on the ${group}.`,
      params: { groupId, direction: unit.direction, permission: unit.permission },
    })),
    actionsRequired:
      'The default security group allows this traffic again, for anything attached to it; EC2.2 fails again for it.',
  };
}
