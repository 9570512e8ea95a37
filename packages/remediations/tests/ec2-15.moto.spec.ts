import { DeleteSubnetCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/ec2-15';

function subnetIdOf(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

describe('Control: EC2.15 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('stops the subnet from assigning public IPs, and a second run changes nothing', async () => {
    // Arrange: a subnet that maps public IPs on launch
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('EC2.15', resource), { access });
    const second = await run(scenario.control, padFor('EC2.15', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('public IP address')],
      beforeImages: [{ subnetId: subnetIdOf(resource.Id), mapPublicIpOnLaunch: true }],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'assert' },
    );
    const live = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetIdOf(resource.Id)] }));
    expect(live.Subnets?.[0]?.MapPublicIpOnLaunch).toBe(false);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('suppresses the finding when the subnet was deleted before remediation', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetIdOf(resource.Id) }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.15', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone', controlId: 'EC2.15' });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
