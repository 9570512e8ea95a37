import type { IpPermission } from '@aws-sdk/client-ec2';
import type { AwsEc2SecurityGroupDetails } from '@soar/asff-schema';

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
