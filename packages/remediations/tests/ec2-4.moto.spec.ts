import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { EC2_4_ACT_NOW, scenario } from './scenarios/ec2-4';

describe('Control: EC2.4 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  function ec2Of(access: AwsAccess): EC2Client {
    return access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'assert' });
  }

  function instanceIdOf(resourceId: string): string {
    return resourceId.slice(resourceId.lastIndexOf('/') + 1);
  }

  async function stateOf(access: AwsAccess, instanceId: string): Promise<string | undefined> {
    const { Reservations } = await ec2Of(access).send(
      new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
    );
    return Reservations?.[0]?.Instances?.[0]?.State?.Name;
  }

  it('terminates an instance stopped past the threshold, and a second run finds it gone', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const instanceId = instanceIdOf(resource.Id);

    // Act
    const first = await run(scenario.control, padFor('EC2.4', resource), { access, now: EC2_4_ACT_NOW });
    const second = await run(scenario.control, padFor('EC2.4', resource), { access, now: EC2_4_ACT_NOW });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining(`Terminated the instance ${instanceId}`)],
      beforeImages: [expect.objectContaining({ instanceId })],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    expect(await stateOf(access, instanceId)).toBe('terminated');
    expect(second.result.kind).toBe('resource_gone');
    expect(second.scratchpad.actions.suppress_finding).toBe(true);
  });

  it('reconsiders later an instance stopped only just now (default clock)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const { result } = await run(scenario.control, padFor('EC2.4', resource), { access });

    // Assert
    expect(result.kind).toBe('reconsider_later');
    expect(await stateOf(access, instanceIdOf(resource.Id))).toBe('stopped');
  });

  it('opens a ticket for a termination-protected instance and leaves the protection on', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const instanceId = instanceIdOf(resource.Id);
    await ec2Of(access).send(
      new ModifyInstanceAttributeCommand({ InstanceId: instanceId, DisableApiTermination: { Value: true } }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.4', resource), {
      access,
      now: EC2_4_ACT_NOW,
    });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('termination protection'),
    });
    expect(scratchpad.actions.autoremediation_not_done).toBe(true);
    expect(await stateOf(access, instanceId)).toBe('stopped');
  });

  it('does not terminate an instance that was started again since the finding', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const instanceId = instanceIdOf(resource.Id);
    await ec2Of(access).send(new StartInstancesCommand({ InstanceIds: [instanceId] }));

    // Act
    const { result } = await run(scenario.control, padFor('EC2.4', resource), { access, now: EC2_4_ACT_NOW });

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(await stateOf(access, instanceId)).toBe('running');
  });

  it('opts out when the instance carries the opt-out tag', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const instanceId = instanceIdOf(resource.Id);
    await ec2Of(access).send(
      new CreateTagsCommand({
        Resources: [instanceId],
        Tags: [{ Key: 'soar:auto-remediation', Value: 'off' }],
      }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('EC2.4', resource), { access, now: EC2_4_ACT_NOW });

    // Assert
    expect(result.kind).toBe('opted_out');
    expect(await stateOf(access, instanceId)).toBe('stopped');
  });
});
