import {
  AssociateAddressCommand,
  CreateTagsCommand,
  DescribeAddressesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { EC2_12_ACT_NOW, scenario } from './scenarios/ec2-12';

describe('Control: EC2.12 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  function ec2Of(access: ReturnType<typeof motoAccess>): EC2Client {
    return access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'assert' });
  }

  function allocationIdOf(resource: Awaited<ReturnType<typeof scenario.arrange>>): string {
    const id = resource.Details?.AwsEc2Eip?.AllocationId;
    if (id === undefined) throw new Error('scenario returned no AllocationId');
    return id;
  }

  it('releases an unused Elastic IP after the grace period, and a second run finds it gone', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const allocationId = allocationIdOf(resource);

    // Act
    const first = await run(scenario.control, padFor('EC2.12', resource), { access, now: EC2_12_ACT_NOW });
    const second = await run(scenario.control, padFor('EC2.12', resource), { access, now: EC2_12_ACT_NOW });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining(`Released the Elastic IP ${allocationId}`)],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    await expect(
      ec2Of(access).send(new DescribeAddressesCommand({ AllocationIds: [allocationId] })),
    ).rejects.toMatchObject({ name: 'InvalidAllocationID.NotFound' });
    expect(second.result.kind).toBe('resource_gone');
    expect(second.scratchpad.actions.suppress_finding).toBe(true);
  });

  it('reconsiders later inside the grace period (default clock: finding first seen 2026-11-20)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const now = (): Date => new Date('2026-11-23T00:00:00Z');

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.12', resource), { access, now });

    // Assert
    expect(result.kind).toBe('reconsider_later');
    expect(scratchpad.actions.reconsider_later).toBe(true);
    const { Addresses } = await ec2Of(access).send(
      new DescribeAddressesCommand({ AllocationIds: [allocationIdOf(resource)] }),
    );
    expect(Addresses).toHaveLength(1);
  });

  it('leaves an address alone that is attached to an instance now (stale finding)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const ec2 = ec2Of(access);
    const { Instances } = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
      }),
    );
    const instanceId = Instances?.[0]?.InstanceId;
    await ec2.send(
      new AssociateAddressCommand({ AllocationId: allocationIdOf(resource), InstanceId: instanceId }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('EC2.12', resource), {
      access,
      now: EC2_12_ACT_NOW,
    });

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    const { Addresses } = await ec2.send(
      new DescribeAddressesCommand({ AllocationIds: [allocationIdOf(resource)] }),
    );
    expect(Addresses?.[0]?.InstanceId).toBe(instanceId);
  });

  it('opts out when the address carries the opt-out tag', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const ec2 = ec2Of(access);
    await ec2.send(
      new CreateTagsCommand({
        Resources: [allocationIdOf(resource)],
        Tags: [{ Key: 'soar:auto-remediation', Value: 'off' }],
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.12', resource), {
      access,
      now: EC2_12_ACT_NOW,
    });

    // Assert
    expect(result.kind).toBe('opted_out');
    expect(scratchpad.actions).toMatchObject({ suppress_finding: true, autoremediation_not_done: false });
    expect(scratchpad.messages.actions_taken).toContain('soar:auto-remediation');
    const { Addresses } = await ec2.send(
      new DescribeAddressesCommand({ AllocationIds: [allocationIdOf(resource)] }),
    );
    expect(Addresses).toHaveLength(1);
  });
});
