import {
  AuthorizeSecurityGroupIngressCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { ec2_2 } from '../../src/controls/ec2/ec2-2';
import { registerControl } from '../../src/engine/control';
import { canonical, MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

/**
 * EC2.2: the default security group of a new VPC, with the AWS default rules (all inbound from the
 * group itself, all outbound; moto creates only the outbound one, so the inbound one is added).
 */
export const scenario: RemediationScenario = {
  control: registerControl(ec2_2),
  async arrange(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }));
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpc.Vpc?.VpcId ?? ''] },
          { Name: 'group-name', Values: ['default'] },
        ],
      }),
    );
    const groupId = groups.SecurityGroups?.[0]?.GroupId ?? '';
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groupId, UserId: MEMBER_ACCOUNT }] },
        ],
      }),
    );
    return {
      Type: 'AwsEc2SecurityGroup',
      Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:security-group/${groupId}`,
      Partition: 'aws',
      Region: REGION,
    };
  },
  async observe(access, resource) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'observe' },
    );
    const groupId = resource.Id.slice(resource.Id.lastIndexOf('/') + 1);
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    const group = SecurityGroups?.[0];
    return canonical({ ingress: group?.IpPermissions ?? [], egress: group?.IpPermissionsEgress ?? [] });
  },
};
