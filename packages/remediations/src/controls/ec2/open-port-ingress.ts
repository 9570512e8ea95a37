import type { EC2Client, IpPermission, SecurityGroupRule, Tag } from '@aws-sdk/client-ec2';
import type { SessionPolicyStatement } from '@soar/aws-access';
import type { AwsEc2SecurityGroupDetails } from '@soar/asff-schema/schemas';
import * as z from 'zod';
import { classifyError, errorName } from '../../engine/classify';
import {
  defineControl,
  type ControlContext,
  type FindingResource,
  type FindingStateResult,
  type Plan,
  type PlanContext,
  type PlannedChange,
  type ReadResult,
  type RemediationControl,
  type RollbackPlan,
} from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { complianceOf, findingTags } from '../finding';
import { sdk } from '../sdk';
import { SECURITY_GROUP_ID } from './resource-ids';
import { TagsSchema } from '../state';
import { IpPermissionSchema, normalisedProtocol, type FindingPermission } from './security-group-details';

/**
 * Shared logic of EC2.13 (port 22) and EC2.14 (port 3389): security groups should not allow ingress
 * from 0.0.0.0/0 or ::/0 to the port.
 *
 * Unlike the original remediation, this works on the live **rules** (`DescribeSecurityGroupRules`),
 * not on the finding's `IpPermissions`: each rule has exactly one source, so revoking the offending
 * rule ids never removes security-group references or prefix lists that shared a permission (the
 * original revoked whole permissions), IPv6 `::/0` is handled like IPv4 `0.0.0.0/0` (the original left
 * it open), and the plan is `compliant` when nothing offends, so a group is only reported fixed when a
 * rule was really revoked (the original reported untouched groups as fixed).
 *
 * A rule that is wider than the port (a TCP range such as 0-65535, or protocol `-1`, all traffic) is
 * revoked whole, as AWS ASR does: splitting it would mean re-authorizing new rules, which is not atomic.
 * The change description and `actionsRequired` say so, and the before-image holds what re-creates it.
 *
 * From the finding (`fromFinding`, {@link openPortFromFinding}): the rules come from
 * `Details.AwsEc2SecurityGroup.IpPermissions` (and `IpPermissionsEgress`), one rule per source
 * (`IpRanges[].CidrIp`, `Ipv6Ranges[].CidrIpv6`, `PrefixListIds`, `UserIdGroupPairs`), with stable
 * pseudo rule ids (`finding-rule-1`, ...) that the change descriptions name as such: the live run
 * revokes by the real rule ids. A failing finding whose rules open nothing is `unknown`.
 *
 * Rollback ({@link planOpenPortRollback}): authorizes again exactly the revoked rules of the
 * before-image that are not back yet (with their descriptions; EC2 gives them new rule ids, and rule
 * tags are not put back); `already_as_before` when all are back. Refused when the before-image is of
 * another group or region, or when the group's rules changed since the fix (a rule added, or a rule
 * the fix kept removed), as EC2.2's rollback refuses.
 *
 * `plan` and the helpers it uses are pure; only `read` and `apply` of the built control call AWS.
 */

/** The fields of a security group rule, shared by the live state and the before-image. */
const securityGroupRule = () => ({
  ruleId: z.string().min(1),
  isEgress: z.boolean(),
  /** `tcp`, `udp`, `icmp`, `-1` (all traffic) or a protocol number. */
  protocol: z.string().min(1),
  /** Start of the port range; `-1` or absent for protocol `-1`. */
  fromPort: z.int().optional(),
  /** End of the port range; `-1` or absent for protocol `-1`. */
  toPort: z.int().optional(),
  cidrIpv4: z.string().min(1).optional(),
  cidrIpv6: z.string().min(1).optional(),
  prefixListId: z.string().min(1).optional(),
  /** Id of the security group the rule refers to, for rules whose source is another group. */
  referencedGroupId: z.string().min(1).optional(),
  description: z.string().optional(),
  tags: z.record(z.string(), z.string()).readonly().optional(),
});

/**
 * One rule of a security group, as `DescribeSecurityGroupRules` returns it (one source per rule:
 * `cidrIpv4`, `cidrIpv6`, `prefixListId` or `referencedGroupId`).
 *
 * @example
 * ```ts
 * SecurityGroupRuleStateSchema.parse({
 *   ruleId: 'sgr-0a1b2c3d4e5f60718',
 *   isEgress: false,
 *   protocol: 'tcp',
 *   fromPort: 22,
 *   toPort: 22,
 *   cidrIpv4: '0.0.0.0/0',
 *   description: 'temporary vendor access',
 * });
 * ```
 */
export const SecurityGroupRuleStateSchema = z.lazy(() => z.strictObject(securityGroupRule()));

/** A rule of {@link SecurityGroupState}; inferred from {@link SecurityGroupRuleStateSchema}. */
export type SecurityGroupRuleState = z.infer<typeof SecurityGroupRuleStateSchema>;

/**
 * Live state of a security group for EC2.13 and EC2.14: its identity, tags and every rule, inbound and
 * outbound. `rulesFromFinding` is set when the rules come from the finding's `IpPermissions`, with
 * pseudo rule ids (`finding-rule-1`, ...): the change descriptions then say that the live run revokes
 * by the real rule ids.
 *
 * @example
 * ```ts
 * SecurityGroupStateSchema.parse({
 *   groupId: 'sg-0123456789abcdef0',
 *   groupName: 'web-admin',
 *   vpcId: 'vpc-0f1e2d3c4b5a69788',
 *   tags: { 'soar:team': 'platform' },
 *   rules: [
 *     { ruleId: 'sgr-0a1b2c3d4e5f60718', isEgress: false, protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' },
 *     { ruleId: 'sgr-0b2c3d4e5f6071829', isEgress: true, protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' },
 *   ],
 * });
 * ```
 */
export const SecurityGroupStateSchema = z.lazy(() =>
  z.strictObject({
    groupId: z.string().min(1),
    groupName: z.string().optional(),
    vpcId: z.string().optional(),
    tags: TagsSchema,
    rules: z.array(SecurityGroupRuleStateSchema).readonly(),
    rulesFromFinding: z.boolean().optional(),
  }),
);

/** Live state of EC2.13 and EC2.14; inferred from {@link SecurityGroupStateSchema}. */
export type SecurityGroupState = z.infer<typeof SecurityGroupStateSchema>;

/** Parameters of one planned change: revoke one ingress rule of one group, by its rule id. */
export interface RevokeIngressRuleParams {
  readonly groupId: string;
  readonly securityGroupRuleId: string;
}

/** A revoked rule as stored in a before-image: an inbound rule open to 0.0.0.0/0 or ::/0 (all SOAR revokes). */
const RevokedRuleSchema = z.lazy(() =>
  z.object(securityGroupRule()).refine((rule) => !rule.isEgress && openToTheInternet(rule) !== undefined, {
    message: 'Invalid rule: SOAR only revokes inbound rules open to 0.0.0.0/0 or ::/0',
  }),
);

/**
 * What is needed to undo the fix: the revoked rules, the `AuthorizeSecurityGroupIngress` input that
 * re-creates them, and the ids of the rules the fix kept (`keptRuleIds`, added later: without it every
 * rule that is not a revoked one counts as new when the rollback looks for conflicts).
 *
 * @example
 * ```ts
 * OpenPortBeforeImageSchema.parse({
 *   groupId: 'sg-0123456789abcdef0',
 *   region: 'eu-west-1',
 *   revokedRules: [{ ruleId: 'sgr-0a1', isEgress: false, protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }],
 *   authorizeSecurityGroupIngress: {
 *     GroupId: 'sg-0123456789abcdef0',
 *     IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
 *   },
 *   keptRuleIds: ['sgr-0b2', 'sgr-0c3'],
 * });
 * ```
 */
export const OpenPortBeforeImageSchema = z.lazy(() =>
  z.object({
    groupId: z.string().startsWith('sg-'),
    region: z.string().min(1),
    revokedRules: z.array(RevokedRuleSchema).min(1).readonly(),
    authorizeSecurityGroupIngress: z.object({
      GroupId: z.string().min(1),
      IpPermissions: z.array(IpPermissionSchema),
    }),
    keptRuleIds: z.array(z.string()).readonly().optional(),
  }),
);

/** The before-image of EC2.13 and EC2.14; inferred from {@link OpenPortBeforeImageSchema}. */
export type OpenPortBeforeImage = z.infer<typeof OpenPortBeforeImageSchema>;

/** Parameters of one rollback change: authorize one revoked rule again. */
export interface ReauthorizeIngressRuleParams {
  readonly groupId: string;
  /** The id the rule had; EC2 gives the re-created rule a new one. */
  readonly revokedRuleId: string;
  readonly permission: IpPermission;
}

/** Which port a control guards, and what to call the service in messages. */
export interface OpenPortOptions {
  /** The TCP port, e.g. 22. */
  readonly port: number;
  /** Human name of what listens there, e.g. `SSH`. */
  readonly service: string;
}

/** The "whole internet" CIDR of the rule (any `/0`: `0.0.0.0/0` or `::/0`), if its source is one. */
export function openToTheInternet(rule: SecurityGroupRuleState): string | undefined {
  const cidr = rule.cidrIpv4 ?? rule.cidrIpv6;
  return cidr !== undefined && cidr.trim().endsWith('/0') ? cidr.trim() : undefined;
}

/** The TCP port range a rule opens, or `all` for protocol `-1`; `undefined` when it opens no TCP port. */
function tcpRange(rule: SecurityGroupRuleState): { from: number; to: number } | 'all' | undefined {
  const protocol = normalisedProtocol(rule.protocol);
  if (protocol === '-1') return 'all';
  if (protocol !== 'tcp') return undefined;
  const from = rule.fromPort === undefined || rule.fromPort < 0 ? 0 : rule.fromPort;
  const to = rule.toPort === undefined || rule.toPort < 0 ? 65535 : rule.toPort;
  return { from, to };
}

/**
 * Whether a rule lets the whole internet (IPv4 `0.0.0.0/0` or IPv6 `::/0`) reach TCP `port`:
 * an ingress rule, protocol `tcp` (or `-1`, all traffic) whose port range includes `port`.
 * Rules whose source is a security group or a prefix list never offend.
 */
export function isOffendingRule(rule: SecurityGroupRuleState, port: number): boolean {
  if (rule.isEgress || openToTheInternet(rule) === undefined) return false;
  const range = tcpRange(rule);
  if (range === undefined) return false;
  return range === 'all' || (range.from <= port && port <= range.to);
}

/** How a rule's protocol and ports read in a sentence, e.g. `TCP port 22`, `TCP ports 0-65535`, `all traffic`. */
function describeTraffic(rule: SecurityGroupRuleState): string {
  const range = tcpRange(rule);
  if (range === 'all') return 'all traffic (every protocol and port)';
  if (range === undefined) return `protocol ${rule.protocol}`;
  return range.from === range.to ? `TCP port ${range.from}` : `TCP ports ${range.from}-${range.to}`;
}

function isWiderThan(rule: SecurityGroupRuleState, port: number): boolean {
  const range = tcpRange(rule);
  return range === 'all' || (range !== undefined && (range.from !== port || range.to !== port));
}

function groupLabel(state: SecurityGroupState): string {
  return state.groupName === undefined || state.groupName === ''
    ? state.groupId
    : `${state.groupId} (${state.groupName})`;
}

/** The `IpPermission` that re-creates one revoked rule with `AuthorizeSecurityGroupIngress`. */
export function toIpPermission(rule: SecurityGroupRuleState): IpPermission {
  const protocol = normalisedProtocol(rule.protocol);
  const ports = protocol === '-1' ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort };
  const description = rule.description === undefined ? {} : { Description: rule.description };
  return {
    IpProtocol: rule.protocol,
    ...ports,
    ...(rule.cidrIpv4 === undefined ? {} : { IpRanges: [{ CidrIp: rule.cidrIpv4, ...description }] }),
    ...(rule.cidrIpv6 === undefined ? {} : { Ipv6Ranges: [{ CidrIpv6: rule.cidrIpv6, ...description }] }),
  };
}

/**
 * Pure: plans the fix for one security group. Every ingress rule that opens `port` to `0.0.0.0/0` or
 * `::/0` is revoked by its rule id; everything else (other ports, UDP, other sources, security-group
 * references, prefix lists, egress) is kept. No offending rule → `compliant`.
 *
 * @example
 * ```ts
 * const plan = planOpenPortIngress(state, { port: 22, service: 'SSH' }, 'eu-west-1');
 * if (plan.kind === 'changes') console.log(plan.changes.map((c) => c.description));
 * ```
 */
export function planOpenPortIngress(
  state: SecurityGroupState,
  options: OpenPortOptions,
  region: string,
): Plan<RevokeIngressRuleParams> {
  const { port, service } = options;
  const label = groupLabel(state);
  const offending = state.rules.filter((rule) => isOffendingRule(rule, port));
  if (offending.length === 0) {
    return {
      kind: 'compliant',
      reason: `No inbound rule of ${label} opens port ${port} (${service}) to 0.0.0.0/0 or ::/0.`,
    };
  }
  const changes: PlannedChange<RevokeIngressRuleParams>[] = offending.map((rule) => {
    const source = openToTheInternet(rule) ?? '';
    const family = rule.cidrIpv6 === undefined ? 'IPv4' : 'IPv6';
    const wider = isWiderThan(rule, port)
      ? ` The rule was wider than port ${port}, so it was removed whole: ${describeTraffic(rule)} is no longer open to ${source} either.`
      : '';
    const pseudo =
      state.rulesFromFinding === true
        ? ` (Planned from the finding: ${rule.ruleId} stands for this rule as the finding lists it; the live run ` +
          'revokes it by its real security group rule id.)'
        : '';
    return {
      action: 'ec2:RevokeSecurityGroupIngress',
      description:
        `Closed ${service} (port ${port}) to the internet on ${label}: removed inbound rule ` +
        `${rule.ruleId} (${describeTraffic(rule)} from ${source}, any ${family} address).${wider}${pseudo}`,
      params: { groupId: state.groupId, securityGroupRuleId: rule.ruleId },
    };
  });
  const widened = offending.filter((rule) => isWiderThan(rule, port));
  const beforeImage = {
    groupId: state.groupId,
    region,
    revokedRules: offending,
    authorizeSecurityGroupIngress: { GroupId: state.groupId, IpPermissions: offending.map(toIpPermission) },
    keptRuleIds: state.rules.filter((rule) => !offending.includes(rule)).map((rule) => rule.ruleId),
  } satisfies OpenPortBeforeImage;
  return {
    kind: 'changes',
    changes,
    beforeImage,
    actionsRequired:
      `If ${service} to ${label} is still needed, allow it only from known addresses or security groups ` +
      `(or use a bastion / AWS Systems Manager Session Manager), and change the template or code that manages ` +
      `the group so it does not open port ${port} to the internet again.` +
      (widened.length === 0
        ? ''
        : ` ${widened.length} removed rule(s) also opened other ports; add back the ports that are still ` +
          `needed, without port ${port}.`),
  };
}

/** Two rules allow the same traffic from the same source (descriptions and ids aside). */
function sameRule(a: SecurityGroupRuleState, b: SecurityGroupRuleState): boolean {
  const protocol = normalisedProtocol(a.protocol);
  const ports = (rule: SecurityGroupRuleState) =>
    protocol === '-1' ? '' : `${rule.fromPort ?? -1}-${rule.toPort ?? -1}`;
  return (
    a.isEgress === b.isEgress &&
    protocol === normalisedProtocol(b.protocol) &&
    ports(a) === ports(b) &&
    sourceOf(a) === sourceOf(b)
  );
}

/** The rule's source as one comparable string (`cidr:0.0.0.0/0`, `cidr6:::/0`, `pl:...`, `sg:...`). */
function sourceOf(rule: SecurityGroupRuleState): string {
  if (rule.cidrIpv4 !== undefined) return `cidr:${rule.cidrIpv4.trim()}`;
  if (rule.cidrIpv6 !== undefined) return `cidr6:${rule.cidrIpv6.trim().toLowerCase()}`;
  if (rule.prefixListId !== undefined) return `pl:${rule.prefixListId}`;
  return `sg:${rule.referencedGroupId ?? ''}`;
}

/** Whether two rules let some of the same traffic through (same protocol, overlapping ports; `-1` overlaps all). */
function trafficOverlaps(a: SecurityGroupRuleState, b: SecurityGroupRuleState): boolean {
  const pa = normalisedProtocol(a.protocol);
  const pb = normalisedProtocol(b.protocol);
  if (pa === '-1' || pb === '-1') return true;
  if (pa !== pb) return false;
  if (pa !== 'tcp' && pa !== 'udp') return true;
  const range = (rule: SecurityGroupRuleState) => ({
    from: rule.fromPort === undefined || rule.fromPort < 0 ? 0 : rule.fromPort,
    to: rule.toPort === undefined || rule.toPort < 0 ? 65535 : rule.toPort,
  });
  const ra = range(a);
  const rb = range(b);
  return ra.from <= rb.to && rb.from <= ra.to;
}

/**
 * Pure: plans authorizing again the rules the fix revoked, and only those. `already_as_before` when
 * every revoked rule is back; `refuse` when the before-image is of another group or region, or when the
 * group's rules changed since the fix: a rule that is neither one the fix kept nor a revoked one put
 * back, or a kept rule gone (someone configured the group since, and re-creating the old rules next to
 * theirs would quietly undo that). A before-image without `keptRuleIds` (written before they were
 * recorded) cannot tell kept rules from new ones: then only a rule from the same source on overlapping
 * traffic counts as a change.
 *
 * @example
 * ```ts
 * const plan = planOpenPortRollback(beforeImage, state, { port: 22, service: 'SSH' }, 'eu-west-1');
 * if (plan.kind === 'changes') console.log(plan.changes.map((c) => c.description));
 * ```
 */
export function planOpenPortRollback(
  before: OpenPortBeforeImage,
  state: SecurityGroupState,
  options: OpenPortOptions,
  region: string,
): RollbackPlan<ReauthorizeIngressRuleParams> {
  const { port, service } = options;
  const label = groupLabel(state);
  if (before.groupId !== state.groupId) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the security group ${before.groupId}, not ${state.groupId}, so SOAR changed nothing.`,
    };
  }
  if (before.region !== region) {
    return {
      kind: 'refuse',
      reason: `The before-image is of a security group in ${before.region}, not ${region}, so SOAR changed nothing.`,
    };
  }
  const revoked = before.revokedRules;
  const kept = before.keptRuleIds;
  if (kept !== undefined) {
    // Like EC2.2: a group whose rules changed since the fix was configured by someone since, and
    // putting the old rules back next to (or instead of) theirs would undo what they decided.
    const changed = changedSinceFix(state, revoked, kept);
    if (changed !== undefined) {
      return {
        kind: 'refuse',
        reason:
          `Since SOAR's fix, ${label} ${changed}: someone changed it since, so SOAR did not put the old rules ` +
          'back. Add back what is still needed yourself.',
      };
    }
  }
  // An older before-image does not say which rules the fix kept: only a rule that overlaps one to put
  // back can be told apart as a change since the fix.
  const conflicts = state.rules.filter(
    (rule) =>
      !rule.isEgress &&
      !revoked.some((r) => sameRule(rule, r)) &&
      !(kept?.includes(rule.ruleId) ?? false) &&
      revoked.some((r) => sourceOf(r) === sourceOf(rule) && trafficOverlaps(r, rule)),
  );
  if (conflicts.length > 0) {
    const listed = conflicts
      .map(
        (rule) =>
          `${rule.ruleId} (${describeTraffic(rule)} from ${openToTheInternet(rule) ?? sourceOf(rule)})`,
      )
      .join(', ');
    return {
      kind: 'refuse',
      reason:
        `Since SOAR's fix, ${label} got inbound rules from the same addresses that overlap the ones SOAR removed ` +
        `(${listed}): someone changed that access since, so SOAR did not put the old rules back next to them. ` +
        'Add back what is still needed yourself.',
    };
  }
  const missing = revoked.filter(
    (rule, index) =>
      !state.rules.some((live) => sameRule(live, rule)) &&
      revoked.findIndex((other) => sameRule(other, rule)) === index,
  );
  if (missing.length === 0) {
    return {
      kind: 'already_as_before',
      reason: `Every inbound rule SOAR removed from ${label} is there again, as before the fix.`,
    };
  }
  return {
    kind: 'changes',
    changes: missing.map((rule) => {
      const source = openToTheInternet(rule) ?? '';
      const tags =
        rule.tags === undefined || Object.keys(rule.tags).length === 0 ? '' : ' Its tags were not put back.';
      return {
        action: 'ec2:AuthorizeSecurityGroupIngress',
        description:
          `Put back the inbound rule of ${label} that SOAR removed (${rule.ruleId}: ${describeTraffic(rule)} from ` +
          `${source}): ${service} (port ${port}) is open to the internet again.${tags}`,
        params: { groupId: state.groupId, revokedRuleId: rule.ruleId, permission: toIpPermission(rule) },
      };
    }),
    actionsRequired:
      `EC2 gives the re-created rules new rule ids. ${label} fails the check again: port ${port} is open to ` +
      'the internet.',
  };
}

/**
 * What changed in the group since the fix, in words (`undefined` when nothing did): rules that are
 * neither kept by the fix nor a revoked rule put back, and kept rules that are gone.
 */
function changedSinceFix(
  state: SecurityGroupState,
  revoked: readonly SecurityGroupRuleState[],
  kept: readonly string[],
): string | undefined {
  const added = state.rules.filter(
    (rule) => !kept.includes(rule.ruleId) && !(!rule.isEgress && revoked.some((r) => sameRule(rule, r))),
  );
  const removed = kept.filter((id) => !state.rules.some((rule) => rule.ruleId === id));
  const parts: string[] = [];
  if (added.length > 0) {
    const listed = added
      .map(
        (rule) =>
          `${rule.ruleId} (${rule.isEgress ? 'outbound ' : ''}${describeTraffic(rule)} ${rule.isEgress ? 'to' : 'from'} ` +
          `${openToTheInternet(rule) ?? sourceOf(rule)})`,
      )
      .join(', ');
    parts.push(`got rules it did not have after the fix (${listed})`);
  }
  if (removed.length > 0) parts.push(`lost rules the fix had kept (${removed.join(', ')})`);
  return parts.length === 0 ? undefined : parts.join(' and ');
}

/**
 * Authorizes the planned rules again, one call per rule. Idempotent: a rule that is already there
 * (`InvalidPermission.Duplicate`) is success.
 */
export async function reauthorizeIngressRules(
  changes: readonly PlannedChange<ReauthorizeIngressRuleParams>[],
  context: ControlContext,
): Promise<void> {
  const { EC2Client, AuthorizeSecurityGroupIngressCommand } = await sdk.ec2();
  const ec2 = context.client(EC2Client);
  for (const { params } of changes) {
    let output;
    try {
      output = await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: params.groupId,
          IpPermissions: [params.permission],
        }),
      );
    } catch (error) {
      if (errorName(error) === 'InvalidPermission.Duplicate') continue;
      throw error;
    }
    if (output.Return === false) {
      throw new Error(
        `AuthorizeSecurityGroupIngress on ${params.groupId} returned false for the rule ${params.revokedRuleId}.`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// From the finding: the rules as `Details.AwsEc2SecurityGroup` lists them, without AWS.
// ---------------------------------------------------------------------------------------------

/** Pseudo rule ids of rules read from a finding start with this: `finding-rule-1`, `finding-rule-2`, ... */
export const FINDING_RULE_ID_PREFIX = 'finding-rule-';

/**
 * Pure: the rules of ASFF security group details, one per source as `DescribeSecurityGroupRules`
 * would list them (each CIDR, IPv6 CIDR, prefix list and group reference of a permission is its own
 * rule), numbered `finding-rule-1`, ... in the order the finding lists them (inbound first).
 *
 * @example
 * ```ts
 * rulesFromDetails({ IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
 * // [{ ruleId: 'finding-rule-1', isEgress: false, protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }]
 * ```
 */
export function rulesFromDetails(details: AwsEc2SecurityGroupDetails): SecurityGroupRuleState[] {
  const rules: SecurityGroupRuleState[] = [];
  const add = (isEgress: boolean, permission: FindingPermission, source: Partial<SecurityGroupRuleState>) => {
    rules.push({
      ruleId: `${FINDING_RULE_ID_PREFIX}${rules.length + 1}`,
      isEgress,
      protocol: permission.IpProtocol ?? '-1',
      ...(permission.FromPort === undefined ? {} : { fromPort: permission.FromPort }),
      ...(permission.ToPort === undefined ? {} : { toPort: permission.ToPort }),
      ...source,
    });
  };
  const directions: [boolean, readonly FindingPermission[]][] = [
    [false, details.IpPermissions ?? []],
    [true, details.IpPermissionsEgress ?? []],
  ];
  for (const [isEgress, permissions] of directions) {
    for (const permission of permissions) {
      for (const { CidrIp } of permission.IpRanges ?? []) {
        if (CidrIp !== undefined) add(isEgress, permission, { cidrIpv4: CidrIp });
      }
      for (const { CidrIpv6 } of permission.Ipv6Ranges ?? []) {
        if (CidrIpv6 !== undefined) add(isEgress, permission, { cidrIpv6: CidrIpv6 });
      }
      for (const { PrefixListId } of permission.PrefixListIds ?? []) {
        if (PrefixListId !== undefined) add(isEgress, permission, { prefixListId: PrefixListId });
      }
      for (const pair of permission.UserIdGroupPairs ?? []) {
        add(isEgress, permission, pair.GroupId === undefined ? {} : { referencedGroupId: pair.GroupId });
      }
    }
  }
  return rules;
}

/**
 * Pure: the state of the finding's security group from `Details.AwsEc2SecurityGroup` and
 * `Resources[].Tags`, for the open-port control guarding `port`; `unknown` when the finding does not
 * list the group's rules, or says the group fails while the rules it lists open nothing.
 *
 * @example
 * ```ts
 * const derived = openPortFromFinding(context, { port: 22, service: 'SSH' });
 * if (derived.kind === 'found') planOpenPortIngress(derived.state, { port: 22, service: 'SSH' }, context.region);
 * ```
 */
export function openPortFromFinding(
  context: PlanContext,
  options: OpenPortOptions,
): FindingStateResult<SecurityGroupState> {
  const { resource } = context;
  const groupId = securityGroupIdOf(resource);
  if (groupId === undefined) {
    return {
      kind: 'unknown',
      reason: `The finding resource ${resource.Id} does not name a security group id.`,
    };
  }
  const details = resource.Details?.AwsEc2SecurityGroup;
  const liveOnly = (why: string): FindingStateResult<SecurityGroupState> => ({
    kind: 'unknown',
    reason: `${why} SOAR checks the inbound rules of ${groupId} on the live resource before it changes anything.`,
  });
  if (details === undefined)
    return liveOnly(`The finding does not list the rules of the security group ${groupId}.`);
  const rules = rulesFromDetails(details);
  if (
    complianceOf(context.finding) === 'FAILED' &&
    !rules.some((rule) => isOffendingRule(rule, options.port))
  ) {
    return liveOnly(
      `The finding says the group fails, but none of the rules it lists opens port ${options.port} (${options.service}) to the internet.`,
    );
  }
  return {
    kind: 'found',
    state: {
      groupId,
      ...(details.GroupName === undefined ? {} : { groupName: details.GroupName }),
      ...(details.VpcId === undefined ? {} : { vpcId: details.VpcId }),
      tags: findingTags(resource),
      rules,
      rulesFromFinding: true,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// AWS side: read the live group and its rules, revoke rule ids.
// ---------------------------------------------------------------------------------------------

/** Rule-id errors that mean "that rule is already gone" (AWS and moto spell it differently). */
const RULE_ALREADY_GONE: ReadonlySet<string> = new Set([
  'InvalidSecurityGroupRuleId.NotFound',
  'InvalidPermission.NotFound',
]);

/** The security group id of a finding resource, from its declared id ({@link SECURITY_GROUP_ID}). */
export function securityGroupIdOf(resource: Pick<FindingResource, 'Id'>): string | undefined {
  return SECURITY_GROUP_ID.match(resource.Id)?.groupId;
}

function tagRecord(tags: readonly Tag[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? '';
  return record;
}

/** Converts an SDK rule to {@link SecurityGroupRuleState}; rules without an id are dropped. */
export function toRuleState(rule: SecurityGroupRule): SecurityGroupRuleState | undefined {
  if (rule.SecurityGroupRuleId === undefined) return undefined;
  const tags = tagRecord(rule.Tags);
  return {
    ruleId: rule.SecurityGroupRuleId,
    isEgress: rule.IsEgress === true,
    protocol: rule.IpProtocol ?? '-1',
    ...(rule.FromPort === undefined ? {} : { fromPort: rule.FromPort }),
    ...(rule.ToPort === undefined ? {} : { toPort: rule.ToPort }),
    ...(rule.CidrIpv4 === undefined ? {} : { cidrIpv4: rule.CidrIpv4 }),
    ...(rule.CidrIpv6 === undefined ? {} : { cidrIpv6: rule.CidrIpv6 }),
    ...(rule.PrefixListId === undefined ? {} : { prefixListId: rule.PrefixListId }),
    ...(rule.ReferencedGroupInfo?.GroupId === undefined
      ? {}
      : { referencedGroupId: rule.ReferencedGroupInfo.GroupId }),
    ...(rule.Description === undefined ? {} : { description: rule.Description }),
    ...(Object.keys(tags).length === 0 ? {} : { tags }),
  };
}

async function describeRules(ec2: EC2Client, groupId: string): Promise<SecurityGroupRuleState[]> {
  const { paginateDescribeSecurityGroupRules } = await sdk.ec2();
  const rules: SecurityGroupRuleState[] = [];
  const pages = paginateDescribeSecurityGroupRules(
    { client: ec2 },
    { Filters: [{ Name: 'group-id', Values: [groupId] }], MaxResults: 1000 },
  );
  for await (const page of pages) {
    for (const rule of page.SecurityGroupRules ?? []) {
      const state = rule.GroupId === undefined || rule.GroupId === groupId ? toRuleState(rule) : undefined;
      if (state !== undefined) rules.push(state);
    }
  }
  return rules;
}

/** Reads the live security group (gone when it no longer exists) and all its rules. */
export async function readSecurityGroup(context: ControlContext): Promise<ReadResult<SecurityGroupState>> {
  const groupId = securityGroupIdOf(context.resource);
  if (groupId === undefined) {
    throw new Error(`The finding resource ${context.resource.Id} does not name a security group id.`);
  }
  const { EC2Client, DescribeSecurityGroupsCommand } = await sdk.ec2();
  const ec2 = context.client(EC2Client);
  let group;
  try {
    group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0];
  } catch (error) {
    if (classifyError(error) === 'resource_not_found') {
      return { kind: 'gone', reason: `Security group ${groupId} no longer exists.` };
    }
    throw error;
  }
  if (group === undefined) return { kind: 'gone', reason: `Security group ${groupId} no longer exists.` };
  return {
    kind: 'found',
    state: {
      groupId,
      ...(group.GroupName === undefined ? {} : { groupName: group.GroupName }),
      ...(group.VpcId === undefined ? {} : { vpcId: group.VpcId }),
      tags: tagRecord(group.Tags),
      rules: await describeRules(ec2, groupId),
    },
  };
}

async function revoke(ec2: EC2Client, groupId: string, ruleIds: readonly string[]): Promise<void> {
  const { RevokeSecurityGroupIngressCommand } = await sdk.ec2();
  const output = await ec2.send(
    new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [...ruleIds] }),
  );
  if (output.Return === false) {
    throw new Error(`RevokeSecurityGroupIngress on ${groupId} returned false for ${ruleIds.join(', ')}.`);
  }
}

/**
 * Revokes the planned rule ids, group by group. Idempotent: when some rule is already gone, the
 * rules are described again and only those still present are revoked.
 */
export async function revokeIngressRules(
  changes: readonly PlannedChange<RevokeIngressRuleParams>[],
  context: ControlContext,
): Promise<void> {
  const byGroup = new Map<string, string[]>();
  for (const { params } of changes) {
    byGroup.set(params.groupId, [...(byGroup.get(params.groupId) ?? []), params.securityGroupRuleId]);
  }
  const { EC2Client } = await sdk.ec2();
  const ec2 = context.client(EC2Client);
  for (const [groupId, ruleIds] of byGroup) {
    try {
      await revoke(ec2, groupId, ruleIds);
    } catch (error) {
      if (!RULE_ALREADY_GONE.has(errorName(error))) throw error;
      const present = new Set((await describeRules(ec2, groupId)).map((rule) => rule.ruleId));
      const remaining = ruleIds.filter((id) => present.has(id));
      if (remaining.length > 0) await revoke(ec2, groupId, remaining);
    }
  }
}

/** Metadata of one open-port control (EC2.13, EC2.14). */
export interface OpenPortControlOptions extends OpenPortOptions {
  readonly controlId: string;
  readonly title: string;
}

/**
 * The session policy of EC2.13 and EC2.14: the describe calls have no resource type; revoking (and
 * authorizing again on rollback) names the finding's group only.
 */
function openPortPermissions(context: PlanContext): readonly SessionPolicyStatement[] {
  const groupId = securityGroupIdOf(context.resource);
  if (groupId === undefined) {
    throw new Error(`The finding resource ${context.resource.Id} does not name a security group id.`);
  }
  return [
    { actions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'], resources: ['*'] },
    {
      actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
      resources: [regionalArn(context, 'ec2', `security-group/${groupId}`)],
    },
  ];
}

/** IAM actions every open-port control calls: read (gone detection, tags), read rules, revoke rules. */
export const OPEN_PORT_IAM_ACTIONS: readonly string[] = [
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSecurityGroupRules',
  'ec2:RevokeSecurityGroupIngress',
];

/**
 * Builds the control that closes `port` to the internet on security groups (EC2.13, EC2.14).
 *
 * @example
 * ```ts
 * export const ec2_13 = openPortIngressControl({
 *   controlId: 'EC2.13', title: '...', port: 22, service: 'SSH',
 * });
 * ```
 */
export function openPortIngressControl(
  options: OpenPortControlOptions,
): RemediationControl<
  SecurityGroupState,
  RevokeIngressRuleParams,
  OpenPortBeforeImage,
  ReauthorizeIngressRuleParams
> {
  const { controlId, title, port, service } = options;
  return defineControl<
    SecurityGroupState,
    RevokeIngressRuleParams,
    OpenPortBeforeImage,
    ReauthorizeIngressRuleParams
  >({
    controlId,
    title,
    fix:
      `Removes the inbound rules that open port ${port} (${service}) to 0.0.0.0/0 or ::/0, by rule id; ` +
      'other rules, security-group references and prefix lists are kept.',
    resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
    iamActions: OPEN_PORT_IAM_ACTIONS,
    permissions: openPortPermissions,
    destructive: false,
    reversible: true,
    stateSchema: SecurityGroupStateSchema,
    read: readSecurityGroup,
    fromFinding: (context) => openPortFromFinding(context, { port, service }),
    plan: (state, context) => planOpenPortIngress(state, { port, service }, context.region),
    apply: revokeIngressRules,
    tags: (state) => state.tags,
    rollback: {
      readActions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'],
      iamActions: ['ec2:AuthorizeSecurityGroupIngress'],
      beforeImage: OpenPortBeforeImageSchema,
      plan: (before, state, context) =>
        planOpenPortRollback(before, state, { port, service }, context.region),
      apply: reauthorizeIngressRules,
    },
  });
}
