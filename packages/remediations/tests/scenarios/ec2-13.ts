import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { AwsAccess } from '@soar/aws-access';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { ec2_13 } from '../../src/controls/ec2/ec2-13';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

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

export const scenario: RemediationScenario = {
  control: registerControl(ec2_13),
  arrange: (access) => arrangeOpenPortGroup(access, 22),
};
