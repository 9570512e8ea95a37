import type { ResponseLaunchTemplateData } from '@aws-sdk/client-ec2';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import * as z from 'zod';
import { classifyError } from '../../engine/classify';
import { defineControl } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { complianceOf, findingTags } from '../finding';
import { SECURITY_GROUP_ID } from './resource-ids';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import { IpPermissionStateSchema, toSdkPermission } from './security-group-details';

/** Days an unused security group may stay after Security Hub first reported it (the original's 24 hours). */
export const EC2_22_GRACE_DAYS = 1;

const DAY_MS = 24 * 60 * 60 * 1000;
const GROUP_ID = /^sg-[0-9a-f]+$/;
/** How many users of each kind the state keeps (enough to name them in a ticket). */
const MAX_LISTED = 5;

/**
 * Live state of the security group and of everything found to use or reference it (the first few of
 * each kind, enough to name them in a ticket). The group is unused when `networkInterfaceIds`,
 * `referencedByGroupIds` and `launchTemplates` are all empty.
 *
 * @example
 * ```ts
 * Ec222StateSchema.parse({
 *   groupId: 'sg-0123456789abcdef0',
 *   groupName: 'legacy-batch',
 *   vpcId: 'vpc-0f1e2d3c4b5a69788',
 *   description: 'batch workers (retired)',
 *   tags: {},
 *   ipPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
 *   ipPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
 *   networkInterfaceIds: [],
 *   referencedByGroupIds: [],
 *   launchTemplates: [],
 * });
 * ```
 */
export const Ec222StateSchema = z.lazy(() =>
  z.strictObject({
    groupId: z.string().regex(GROUP_ID, 'Invalid security group id: expected sg- and hex digits'),
    /** `''` when EC2 gives none; `default` for a VPC's default group, which is never deleted. */
    groupName: z.string(),
    vpcId: z.string().optional(),
    description: z.string().optional(),
    tags: TagsSchema,
    /** Inbound and outbound rules, kept so the team can recreate the group. */
    ipPermissions: z.array(IpPermissionStateSchema).readonly(),
    ipPermissionsEgress: z.array(IpPermissionStateSchema).readonly(),
    /** Network interfaces that use the group (first few). */
    networkInterfaceIds: z.array(z.string().min(1)).readonly(),
    /** Other security groups of the account and region whose rules reference this group (first few). */
    referencedByGroupIds: z.array(z.string().min(1)).readonly(),
    /** Launch templates whose latest or default version uses the group (first few). */
    launchTemplates: z.array(z.string().min(1)).readonly(),
  }),
);

/** Live state of EC2.22; inferred from {@link Ec222StateSchema}. */
export type Ec222State = z.infer<typeof Ec222StateSchema>;

/** What `apply` deletes. */
export interface Ec222Params {
  readonly groupId: string;
}

/** The group id of the finding's security group (its id matched {@link SECURITY_GROUP_ID} before). */
function groupIdOf(resourceId: string): string {
  return SECURITY_GROUP_ID.partsOf(resourceId).groupId;
}

/** Stands for the users of a group that passes EC2.22 according to the finding (only known live). */
const IN_USE_AS_SECURITY_HUB_REPORTS = 'a network interface, as Security Hub reports';

/** Days since the finding was first observed, or `undefined` when it has no valid FirstObservedAt. */
function daysObserved(finding: AwsSecurityFinding, now: Date): number | undefined {
  const first = Date.parse(finding.FirstObservedAt ?? '');
  return Number.isNaN(first) ? undefined : (now.getTime() - first) / DAY_MS;
}

/** Whether launch template data attaches the group (by id, or by name in the default VPC). */
function templateUses(
  data: ResponseLaunchTemplateData | undefined,
  groupId: string,
  groupName: string,
): boolean {
  if (data === undefined) return false;
  if (data.SecurityGroupIds?.includes(groupId) === true) return true;
  if (data.SecurityGroups?.includes(groupName) === true) return true;
  return data.NetworkInterfaces?.some((eni) => eni.Groups?.includes(groupId) === true) ?? false;
}

/**
 * EC2.22: unused security groups should be removed. "Unused" is checked live and means all of:
 * - no network interface uses the group (`DescribeNetworkInterfaces`, filter `group-id`, paginated);
 *   one that does makes the control pass (compliant);
 * - no other security group in the account and region references it in an inbound or outbound rule
 *   (`DescribeSecurityGroups`, filters `ip-permission.group-id` / `egress.ip-permission.group-id`);
 *   references from peered VPCs of other accounts are not looked up: `DeleteSecurityGroup` fails
 *   with `DependencyViolation` for them, which becomes a ticket (the original suppressed it for good);
 * - no launch template's latest or default version attaches it (`DescribeLaunchTemplateVersions`
 *   with `$Latest`/`$Default`, one paginated call; older versions are not checked).
 * The default group is never deleted. Deletion waits {@link EC2_22_GRACE_DAYS} day(s) after the
 * finding's `FirstObservedAt`. Irreversible; the before-image keeps the rules for recreating it.
 *
 * From the finding (`fromFinding`): name, VPC and rules come from `Details.AwsEc2SecurityGroup`, tags
 * from `Resources[].Tags`, and use by network interfaces from the verdict (Security Hub checks exactly
 * that: `PASSED` means in use, `FAILED` unused). No finding says whether other groups' rules or launch
 * templates use the group, so a deletion is never planned from a finding: once the grace period is
 * over, an unused non-default group is `unknown`. Before that the plan defers (or refuses, for the
 * default group or a finding without `FirstObservedAt`), as live; a group without name in the
 * finding, or a finding without verdict, is `unknown`.
 */
export const ec2_22 = defineControl<Ec222State, Ec222Params>({
  controlId: 'EC2.22',
  title: 'Unused Amazon EC2 security groups should be removed',
  fix: 'Deletes a security group that no network interface, security group rule or launch template uses.',
  resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
  iamActions: [
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeLaunchTemplateVersions',
    'ec2:DeleteSecurityGroup',
  ],
  // Describe calls have no resource type; the deletion names this group only.
  permissions: (context) => [
    {
      actions: [
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeLaunchTemplateVersions',
      ],
      resources: ['*'],
    },
    {
      actions: ['ec2:DeleteSecurityGroup'],
      resources: [regionalArn(context, 'ec2', `security-group/${groupIdOf(context.resource.Id)}`)],
    },
  ],
  destructive: true,
  reversible: false,
  stateSchema: Ec222StateSchema,

  async read(context) {
    const groupId = groupIdOf(context.resource.Id);
    const {
      EC2Client,
      DescribeSecurityGroupsCommand,
      paginateDescribeLaunchTemplateVersions,
      paginateDescribeNetworkInterfaces,
      paginateDescribeSecurityGroups,
    } = await sdk.ec2();
    const ec2 = context.client(EC2Client);
    let group;
    try {
      const output = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
      group = output.SecurityGroups?.find((g) => g.GroupId === groupId);
    } catch (error) {
      if (classifyError(error) !== 'resource_not_found') throw error;
    }
    if (group === undefined) {
      return { kind: 'gone', reason: `The security group ${groupId} no longer exists.` };
    }
    const groupName = group.GroupName ?? '';

    const networkInterfaceIds: string[] = [];
    for await (const page of paginateDescribeNetworkInterfaces(
      { client: ec2 },
      { Filters: [{ Name: 'group-id', Values: [groupId] }] },
    )) {
      for (const eni of page.NetworkInterfaces ?? []) {
        if (eni.NetworkInterfaceId !== undefined) networkInterfaceIds.push(eni.NetworkInterfaceId);
      }
      if (networkInterfaceIds.length >= MAX_LISTED) break;
    }

    const referencedBy = new Set<string>();
    for (const filter of ['ip-permission.group-id', 'egress.ip-permission.group-id']) {
      for await (const page of paginateDescribeSecurityGroups(
        { client: ec2 },
        { Filters: [{ Name: filter, Values: [groupId] }] },
      )) {
        for (const other of page.SecurityGroups ?? []) {
          if (other.GroupId !== undefined && other.GroupId !== groupId) referencedBy.add(other.GroupId);
        }
        if (referencedBy.size >= MAX_LISTED) break;
      }
    }

    const launchTemplates = new Set<string>();
    for await (const page of paginateDescribeLaunchTemplateVersions(
      { client: ec2 },
      { Versions: ['$Latest', '$Default'] },
    )) {
      for (const version of page.LaunchTemplateVersions ?? []) {
        if (templateUses(version.LaunchTemplateData, groupId, groupName)) {
          launchTemplates.add(version.LaunchTemplateName ?? version.LaunchTemplateId ?? '(unnamed)');
        }
      }
      if (launchTemplates.size >= MAX_LISTED) break;
    }

    const tags: Record<string, string> = {};
    for (const tag of group.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    return {
      kind: 'found',
      state: {
        groupId,
        groupName,
        vpcId: group.VpcId,
        description: group.Description,
        tags,
        ipPermissions: group.IpPermissions ?? [],
        ipPermissionsEgress: group.IpPermissionsEgress ?? [],
        networkInterfaceIds: networkInterfaceIds.slice(0, MAX_LISTED),
        referencedByGroupIds: [...referencedBy].slice(0, MAX_LISTED),
        launchTemplates: [...launchTemplates].slice(0, MAX_LISTED),
      },
    };
  },

  fromFinding(context) {
    const { resource } = context;
    const groupId = groupIdOf(resource.Id);
    const details = resource.Details?.AwsEc2SecurityGroup;
    const status = complianceOf(context.finding);
    const liveOnly = (why: string) =>
      ({
        kind: 'unknown',
        reason: `${why} SOAR checks that on the live account before it changes anything.`,
      }) as const;
    if (details?.GroupName === undefined) {
      return liveOnly(
        `The finding does not name the security group ${groupId}, so it may be a VPC default group.`,
      );
    }
    if (status === undefined) {
      return liveOnly(`The finding has no PASSED or FAILED verdict on whether anything uses ${groupId}.`);
    }
    const state: Ec222State = {
      groupId,
      groupName: details.GroupName,
      vpcId: details.VpcId,
      tags: findingTags(resource),
      ipPermissions: (details.IpPermissions ?? []).map(toSdkPermission),
      ipPermissionsEgress: (details.IpPermissionsEgress ?? []).map(toSdkPermission),
      networkInterfaceIds: status === 'PASSED' ? [IN_USE_AS_SECURITY_HUB_REPORTS] : [],
      // Only known live: never let a deletion be planned on them (see below).
      referencedByGroupIds: [],
      launchTemplates: [],
    };
    const days = daysObserved(context.finding, context.now);
    const mayDelete =
      status === 'FAILED' && state.groupName !== 'default' && days !== undefined && days >= EC2_22_GRACE_DAYS;
    if (mayDelete) {
      return liveOnly(
        `Security Hub reports that no network interface uses ${groupId}, but no finding says whether rules of ` +
          'other security groups or launch templates use it; SOAR leaves such a group in place.',
      );
    }
    return { kind: 'found', state };
  },

  plan(state, context) {
    const name = `${state.groupId}${state.groupName === '' ? '' : ` (${state.groupName})`}`;
    if (state.networkInterfaceIds.length > 0) {
      return {
        kind: 'compliant',
        reason: `The security group ${name} is in use now, by ${state.networkInterfaceIds.join(', ')}.`,
      };
    }
    if (state.groupName === 'default') {
      return {
        kind: 'refuse',
        reason: `${name} is the default security group of its VPC; SOAR never deletes it (AWS does not allow it).`,
      };
    }
    if (state.referencedByGroupIds.length > 0) {
      return {
        kind: 'refuse',
        reason: `The security group ${name} is unused, but rules of ${state.referencedByGroupIds.join(', ')} refer to it, so SOAR left it in place. Remove those rules first if it is really not needed.`,
      };
    }
    if (state.launchTemplates.length > 0) {
      return {
        kind: 'refuse',
        reason: `The security group ${name} is not attached to anything right now, but the launch template(s) ${state.launchTemplates.join(', ')} use it, so SOAR left it in place.`,
      };
    }
    const days = daysObserved(context.finding, context.now);
    if (days === undefined) {
      return {
        kind: 'refuse',
        reason: `The finding has no valid FirstObservedAt, so SOAR cannot tell how long ${name} has been unused and will not delete it.`,
      };
    }
    if (days < EC2_22_GRACE_DAYS) {
      return {
        kind: 'defer',
        reason: `The security group ${name} was reported unused less than ${EC2_22_GRACE_DAYS * 24} hours ago; it will be deleted after that if it stays unused.`,
      };
    }
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ec2:DeleteSecurityGroup',
          description: `Deleted the security group ${name}${state.vpcId === undefined ? '' : ` in ${state.vpcId}`}: nothing had used it for over ${EC2_22_GRACE_DAYS * 24} hours.`,
          params: { groupId: state.groupId },
        },
      ],
      beforeImage: {
        groupId: state.groupId,
        groupName: state.groupName,
        vpcId: state.vpcId,
        description: state.description,
        tags: state.tags,
        ipPermissions: state.ipPermissions,
        ipPermissionsEgress: state.ipPermissionsEgress,
      },
      actionsRequired:
        'Deleted security groups cannot be restored; the rules are kept in the before-image. Create security groups through code and remove them there when they are no longer needed.',
      removesResource: true,
    };
  },

  async apply(changes, context) {
    const { EC2Client, DeleteSecurityGroupCommand } = await sdk.ec2();
    const ec2 = context.client(EC2Client);
    for (const change of changes) {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: change.params.groupId }));
    }
  },

  tags: (state) => state.tags,
});
