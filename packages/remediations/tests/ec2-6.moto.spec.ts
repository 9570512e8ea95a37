import { DeleteVpcCommand, DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/ec2-6';

const ROLE = `soar-vpc-flow-logs-${REGION}`;

function vpcIdOf(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

function memberEc2(access: AwsAccess): EC2Client {
  return access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'test' });
}

function memberIam(access: AwsAccess): IAMClient {
  return access.client(IAMClient, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'test' });
}

async function flowLogsOf(access: AwsAccess, vpcId: string) {
  const out = await memberEc2(access).send(
    new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }),
  );
  return out.FlowLogs ?? [];
}

describe('Control: EC2.6 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('creates the role once and a REJECT flow log, a second run changes nothing, a second VPC reuses the role', async () => {
    // Arrange: two VPCs without flow logs
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const other = await scenario.arrange(access);
    const vpcId = vpcIdOf(resource.Id);

    // Act
    const first = await run(scenario.control, padFor('EC2.6', resource), { access });
    const second = await run(scenario.control, padFor('EC2.6', resource), { access });
    const otherVpc = await run(scenario.control, padFor('EC2.6', other), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining(`Created the IAM role ${ROLE}`),
        expect.stringContaining(`Allowed the role ${ROLE}`),
        expect.stringContaining(`Turned on flow logs for the VPC ${vpcId}`),
      ],
      beforeImages: [{ vpcId, flowLogIds: [], roleName: ROLE, roleExisted: false }],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    const logs = await flowLogsOf(access, vpcId);
    expect(logs).toEqual([
      expect.objectContaining({
        ResourceId: vpcId,
        FlowLogStatus: 'ACTIVE',
        TrafficType: 'REJECT',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: `VPCFlowLogs/${vpcId}`,
        DeliverLogsPermissionArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/${ROLE}`,
      }),
    ]);
    const iam = memberIam(access);
    const role = await iam.send(new GetRoleCommand({ RoleName: ROLE }));
    expect(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '')).toContain(
      'vpc-flow-logs.amazonaws.com',
    );
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: ROLE, PolicyName: 'soar-vpc-flow-logs-to-cloudwatch' }),
    );
    expect(decodeURIComponent(policy.PolicyDocument ?? '')).toContain('logs:PutLogEvents');
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(otherVpc.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Allowed the role'), expect.stringContaining('Turned on flow logs')],
      beforeImages: [{ roleExisted: true }],
    });
    expect(await flowLogsOf(access, vpcIdOf(other.Id))).toHaveLength(1);
  });

  it('suppresses the finding when the VPC was deleted before remediation', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await memberEc2(access).send(new DeleteVpcCommand({ VpcId: vpcIdOf(resource.Id) }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.6', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone', controlId: 'EC2.6' });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
