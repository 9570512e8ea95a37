import { CreateVpcCommand, DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ec2_6 } from '../../src/controls/ec2/ec2-6';
import { registerControl } from '../../src/engine/control';
import { canonical, MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

/** EC2.6: a new VPC without flow logs. */
export const scenario: RemediationScenario = {
  control: registerControl(ec2_6),
  async arrange(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.6.0.0/16' }));
    return {
      Type: 'AwsEc2Vpc',
      Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:vpc/${vpc.Vpc?.VpcId ?? ''}`,
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
    const vpcId = resource.Id.slice(resource.Id.lastIndexOf('/') + 1);
    const { FlowLogs } = await ec2.send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }),
    );
    return canonical((FlowLogs ?? []).map((log) => ({ id: log.FlowLogId, traffic: log.TrafficType })));
  },
};
