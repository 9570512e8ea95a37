import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { AwsAccess } from '@soar/aws-access';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { ec2_13 } from '../../src/controls/ec2/ec2-13';
import { registerControl } from '../../src/engine/control';
import { canonical, MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

/**
 * Creates, in the member account, a VPC security group that opens TCP `port` to 0.0.0.0/0 and ::/0,
 * plus rules the fix must keep: TCP 443 from 0.0.0.0/0 and TCP `port` from 10.0.0.0/8.
 * Returns the finding resource that points at the group.
 */
export async function arrangeOpenPortGroup(
  access: AwsAccess,
  port: number,
): Promise<AwsSecurityFinding['Resources'][number]> {
  const ec2 = access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'arrange' });
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
  const group = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: `open-${port}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      Description: `open to the internet on ${port}`,
      VpcId: vpc.Vpc?.VpcId,
    }),
  );
  const groupId = group.GroupId;
  if (groupId === undefined) throw new Error('moto returned no GroupId');
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8', Description: 'internal' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        },
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    }),
  );
  return {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:security-group/${groupId}`,
    Partition: 'aws',
    Region: REGION,
  };
}

/**
 * The group's rules as `DescribeSecurityGroupRules` lists them, without their rule ids (a rule put back
 * gets a new one) and in a canonical order.
 */
export async function observeGroupRules(
  access: AwsAccess,
  resource: AwsSecurityFinding['Resources'][number],
): Promise<unknown> {
  const ec2 = access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'observe' });
  const groupId = resource.Id.slice(resource.Id.lastIndexOf('/') + 1);
  const { SecurityGroupRules } = await ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return canonical(
    (SecurityGroupRules ?? []).map((rule) => ({
      IsEgress: rule.IsEgress,
      IpProtocol: rule.IpProtocol,
      FromPort: rule.FromPort,
      ToPort: rule.ToPort,
      CidrIpv4: rule.CidrIpv4,
      CidrIpv6: rule.CidrIpv6,
      PrefixListId: rule.PrefixListId,
      ReferencedGroupId: rule.ReferencedGroupInfo?.GroupId,
      Description: rule.Description,
    })),
  );
}

export const scenario: RemediationScenario = {
  control: registerControl(ec2_13),
  arrange: (access) => arrangeOpenPortGroup(access, 22),
  observe: observeGroupRules,
};
