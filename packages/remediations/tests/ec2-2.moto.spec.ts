import {
  CreateNetworkInterfaceCommand,
  CreateSubnetCommand,
  DeleteVpcCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/ec2-2';

function groupIdOf(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

function memberEc2(access: AwsAccess): EC2Client {
  return access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'test' });
}

async function liveGroup(access: AwsAccess, groupId: string) {
  const out = await memberEc2(access).send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
  return out.SecurityGroups?.[0];
}

describe('Control: EC2.2 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('removes all rules of an unused default security group, and a second run changes nothing', async () => {
    // Arrange: a default group with the AWS default rules, used by nothing
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource.Id);

    // Act
    const first = await run(scenario.control, padFor('EC2.2', resource), { access });
    const second = await run(scenario.control, padFor('EC2.2', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining(`inbound all traffic from members of ${groupId}`),
        expect.stringContaining('outbound all traffic to 0.0.0.0/0'),
      ],
      beforeImages: [
        {
          groupId,
          ingress: [expect.objectContaining({ IpProtocol: '-1' })],
          egress: [expect.objectContaining({ IpProtocol: '-1' })],
        },
      ],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    const live = await liveGroup(access, groupId);
    expect(live?.IpPermissions).toEqual([]);
    expect(live?.IpPermissionsEgress).toEqual([]);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('refuses, and changes nothing, when a network interface uses the group', async () => {
    // Arrange: a detached ENI (as Lambda, RDS or an endpoint would create) uses the default group
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource.Id);
    const ec2 = memberEc2(access);
    const vpcId = (await liveGroup(access, groupId))?.VpcId ?? '';
    const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.2.1.0/24' }));
    const eni = await ec2.send(
      new CreateNetworkInterfaceCommand({
        SubnetId: subnet.Subnet?.SubnetId ?? '',
        Groups: [groupId],
        Description: 'AWS Lambda VPC ENI-test',
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.2', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining(eni.NetworkInterface?.NetworkInterfaceId ?? 'eni-?'),
    });
    expect(scratchpad.actions.autoremediation_not_done).toBe(true);
    const live = await liveGroup(access, groupId);
    expect(live?.IpPermissions).toHaveLength(1);
    expect(live?.IpPermissionsEgress).toHaveLength(1);
  });

  it('suppresses the finding when the group was deleted (with its VPC) before remediation', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const vpcId = (await liveGroup(access, groupIdOf(resource.Id)))?.VpcId ?? '';
    await memberEc2(access).send(new DeleteVpcCommand({ VpcId: vpcId }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.2', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone', controlId: 'EC2.2' });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
