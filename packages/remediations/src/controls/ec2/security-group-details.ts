import type { IpPermission } from '@aws-sdk/client-ec2';
import type { AwsEc2SecurityGroupDetails } from '@soar/asff-schema/schemas';
import * as z from 'zod';

/** One permission of `Details.AwsEc2SecurityGroup.IpPermissions` (or `IpPermissionsEgress`). */
export type FindingPermission = NonNullable<AwsEc2SecurityGroupDetails['IpPermissions']>[number];

/**
 * An ASFF `AwsEc2SecurityGroupIpPermission` as the EC2 API's `IpPermission` (the same field names;
 * only the fields ASFF documents are carried over).
 *
 * @example
 * ```ts
 * toSdkPermission({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
 * // { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }
 * ```
 */
export function toSdkPermission(permission: FindingPermission): IpPermission {
  const ipRanges = (permission.IpRanges ?? []).flatMap((r) =>
    r.CidrIp === undefined ? [] : [{ CidrIp: r.CidrIp }],
  );
  const ipv6Ranges = (permission.Ipv6Ranges ?? []).flatMap((r) =>
    r.CidrIpv6 === undefined ? [] : [{ CidrIpv6: r.CidrIpv6 }],
  );
  const prefixLists = (permission.PrefixListIds ?? []).flatMap((p) =>
    p.PrefixListId === undefined ? [] : [{ PrefixListId: p.PrefixListId }],
  );
  const pairs = (permission.UserIdGroupPairs ?? []).map((p) => ({
    ...(p.GroupId === undefined ? {} : { GroupId: p.GroupId }),
    ...(p.GroupName === undefined ? {} : { GroupName: p.GroupName }),
    ...(p.UserId === undefined ? {} : { UserId: p.UserId }),
    ...(p.VpcId === undefined ? {} : { VpcId: p.VpcId }),
    ...(p.VpcPeeringConnectionId === undefined ? {} : { VpcPeeringConnectionId: p.VpcPeeringConnectionId }),
    ...(p.PeeringStatus === undefined ? {} : { PeeringStatus: p.PeeringStatus }),
  }));
  return {
    IpProtocol: permission.IpProtocol ?? '-1',
    ...(permission.FromPort === undefined ? {} : { FromPort: permission.FromPort }),
    ...(permission.ToPort === undefined ? {} : { ToPort: permission.ToPort }),
    ...(ipRanges.length === 0 ? {} : { IpRanges: ipRanges }),
    ...(ipv6Ranges.length === 0 ? {} : { Ipv6Ranges: ipv6Ranges }),
    ...(prefixLists.length === 0 ? {} : { PrefixListIds: prefixLists }),
    ...(pairs.length === 0 ? {} : { UserIdGroupPairs: pairs }),
  };
}

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };

/**
 * A protocol as EC2 compares it: lower case, numbers of TCP, UDP and ICMP as names, `all` as `-1`.
 *
 * @example
 * ```ts
 * normalisedProtocol('6'); // 'tcp'
 * ```
 */
export function normalisedProtocol(protocol: string): string {
  const lower = protocol.trim().toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}

const described = () => ({ Description: z.string().optional() });
const ipRange = () => ({ CidrIp: z.string().min(1).optional(), ...described() });
const ipv6Range = () => ({ CidrIpv6: z.string().min(1).optional(), ...described() });
const prefixListId = () => ({ PrefixListId: z.string().min(1).optional(), ...described() });
const userIdGroupPair = () => ({
  GroupId: z.string().min(1).optional(),
  GroupName: z.string().min(1).optional(),
  UserId: z.string().min(1).optional(),
  VpcId: z.string().min(1).optional(),
  VpcPeeringConnectionId: z.string().min(1).optional(),
  PeeringStatus: z.string().optional(),
  ...described(),
});
const protocolAndPorts = () => ({
  IpProtocol: z.string().min(1).optional(),
  FromPort: z.int().optional(),
  ToPort: z.int().optional(),
});

/**
 * An EC2 `IpPermission` as stored in a before-image (the fields `AuthorizeSecurityGroupIngress` and
 * `AuthorizeSecurityGroupEgress` take; others are dropped).
 *
 * @example
 * ```ts
 * IpPermissionSchema.parse({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
 * ```
 */
export const IpPermissionSchema = z.lazy(() =>
  z.object({
    ...protocolAndPorts(),
    IpRanges: z.array(z.object(ipRange())).optional(),
    Ipv6Ranges: z.array(z.object(ipv6Range())).optional(),
    PrefixListIds: z.array(z.object(prefixListId())).optional(),
    UserIdGroupPairs: z.array(z.object(userIdGroupPair())).optional(),
  }),
);

/**
 * An EC2 `IpPermission` in a live state, as `DescribeSecurityGroups` returns it (`IpPermissions`,
 * `IpPermissionsEgress`): the same fields as {@link IpPermissionSchema}, but strict, so a misspelt
 * key in a hand-written state is an error instead of a rule that silently allows less. Strict is
 * safe here: the SDK's `IpPermission`, `IpRange`, `Ipv6Range`, `PrefixListId` and `UserIdGroupPair`
 * have exactly these fields, and the deserializer sets no others (the moto tests parse every state
 * `read` returns with the control's schema, so a new SDK field shows up there first).
 *
 * @example
 * ```ts
 * IpPermissionStateSchema.parse({
 *   IpProtocol: '-1',
 *   IpRanges: [],
 *   Ipv6Ranges: [],
 *   PrefixListIds: [],
 *   UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0', UserId: '111122223333' }],
 * });
 * ```
 */
export const IpPermissionStateSchema = z.lazy(() =>
  z.strictObject({
    ...protocolAndPorts(),
    IpRanges: z.array(z.strictObject(ipRange())).optional(),
    Ipv6Ranges: z.array(z.strictObject(ipv6Range())).optional(),
    PrefixListIds: z.array(z.strictObject(prefixListId())).optional(),
    UserIdGroupPairs: z.array(z.strictObject(userIdGroupPair())).optional(),
  }),
);

/** An `IpPermission` of a live state; inferred from {@link IpPermissionStateSchema}. */
export type IpPermissionState = z.infer<typeof IpPermissionStateSchema>;

/** One source of a permission in one direction: what one security group rule allows. */
export interface PermissionUnit {
  /** Identifies what the rule allows (direction, protocol, ports, source), not its description. */
  readonly key: string;
  readonly direction: 'ingress' | 'egress';
  /** The permission with only this source, ready for `AuthorizeSecurityGroupIngress` / `Egress`. */
  readonly permission: IpPermission;
}

/**
 * Pure: splits permissions into one unit per source (CIDR, IPv6 CIDR, prefix list, security group),
 * as EC2 keeps them as separate rules, each with a key that two equal rules share.
 *
 * @example
 * ```ts
 * permissionUnits('egress', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
 * // [{ key: 'egress|-1|||cidr:0.0.0.0/0', direction: 'egress', permission: { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] } }]
 * ```
 */
export function permissionUnits(
  direction: 'ingress' | 'egress',
  permissions: readonly IpPermission[],
): PermissionUnit[] {
  return permissions.flatMap((permission) => {
    const protocol = normalisedProtocol(permission.IpProtocol ?? '-1');
    const ports = protocol === '-1' ? {} : { FromPort: permission.FromPort, ToPort: permission.ToPort };
    const base: IpPermission = { IpProtocol: permission.IpProtocol ?? '-1', ...ports };
    const prefix = `${direction}|${protocol}|${protocol === '-1' ? '' : String(permission.FromPort ?? -1)}|${protocol === '-1' ? '' : String(permission.ToPort ?? -1)}`;
    const unit = (source: string, extra: Partial<IpPermission>): PermissionUnit => ({
      key: `${prefix}|${source}`,
      direction,
      permission: { ...base, ...extra },
    });
    return [
      ...(permission.IpRanges ?? []).flatMap((r) =>
        r.CidrIp === undefined ? [] : [unit(`cidr:${r.CidrIp.trim()}`, { IpRanges: [r] })],
      ),
      ...(permission.Ipv6Ranges ?? []).flatMap((r) =>
        r.CidrIpv6 === undefined
          ? []
          : [unit(`cidr6:${r.CidrIpv6.trim().toLowerCase()}`, { Ipv6Ranges: [r] })],
      ),
      ...(permission.PrefixListIds ?? []).flatMap((p) =>
        p.PrefixListId === undefined ? [] : [unit(`pl:${p.PrefixListId}`, { PrefixListIds: [p] })],
      ),
      ...(permission.UserIdGroupPairs ?? []).flatMap((pair) => {
        const group = pair.GroupId ?? pair.GroupName;
        if (group === undefined) return [];
        // PeeringStatus is only ever reported, never sent.
        const { PeeringStatus: _status, ...sendable } = pair;
        return [unit(`sg:${group}`, { UserIdGroupPairs: [sendable] })];
      }),
    ];
  });
}
