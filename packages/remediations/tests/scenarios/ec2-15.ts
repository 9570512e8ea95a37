import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSubnetsCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { ec2_15 } from '../../src/controls/ec2/ec2-15';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

/** EC2.15: a new subnet in a new VPC that gives public IPs to instances launched in it. */
export const scenario: RemediationScenario = {
  control: registerControl(ec2_15),
  async arrange(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.15.0.0/16' }));
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpc.Vpc?.VpcId ?? '', CidrBlock: '10.15.1.0/24' }),
    );
    const subnetId = subnet.Subnet?.SubnetId ?? '';
    await ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }),
    );
    return {
      Type: 'AwsEc2Subnet',
      Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:subnet/${subnetId}`,
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
    const subnetId = resource.Id.slice(resource.Id.lastIndexOf('/') + 1);
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
    return { mapPublicIpOnLaunch: Subnets?.[0]?.MapPublicIpOnLaunch };
  },
};
