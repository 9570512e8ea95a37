import {
  AuthorizeSecurityGroupIngressCommand,
  CreateLaunchTemplateCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/ec2-22';

describe('Control: EC2.22 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  function ec2Of(access: AwsAccess): EC2Client {
    return access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'assert' });
  }

  function groupIdOf(resourceId: string): string {
    return resourceId.slice(resourceId.lastIndexOf('/') + 1);
  }

  async function exists(access: AwsAccess, groupId: string): Promise<boolean> {
    try {
      const { SecurityGroups } = await ec2Of(access).send(
        new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
      );
      return (SecurityGroups ?? []).length === 1;
    } catch (error) {
      if (error instanceof Error && error.name === 'InvalidGroup.NotFound') return false;
      throw error;
    }
  }

  it('deletes an unused security group (default clock), and a second run finds it gone', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource.Id);

    // Act
    const first = await run(scenario.control, padFor('EC2.22', resource), { access });
    const second = await run(scenario.control, padFor('EC2.22', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining(`Deleted the security group ${groupId}`)],
      beforeImages: [expect.objectContaining({ groupId })],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    expect(await exists(access, groupId)).toBe(false);
    expect(second.result.kind).toBe('resource_gone');
    expect(second.scratchpad.actions.suppress_finding).toBe(true);
  });

  it('leaves a group alone that a network interface uses now (stale finding)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource.Id);
    const ec2 = ec2Of(access);
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({}));
    await ec2.send(
      new CreateNetworkInterfaceCommand({ SubnetId: Subnets?.[0]?.SubnetId, Groups: [groupId] }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('EC2.22', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(await exists(access, groupId)).toBe(true);
  });

  it('opens a ticket for an unused group that another group references, instead of suppressing it', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource.Id);
    const ec2 = ec2Of(access);
    const { GroupId: other } = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: `referrer-${Date.now()}`, Description: 'refers to it' }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: other,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: groupId }] },
        ],
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('EC2.22', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining(other ?? 'sg-') });
    expect(scratchpad.actions.suppress_finding).toBe(false);
    expect(await exists(access, groupId)).toBe(true);
  });

  it('opens a ticket for a group a launch template uses', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource.Id);
    await ec2Of(access).send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: `lt-${Date.now()}`,
        LaunchTemplateData: { ImageId: 'ami-12c6146b', SecurityGroupIds: [groupId] },
      }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('EC2.22', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('launch template') });
    expect(await exists(access, groupId)).toBe(true);
  });

  it('never deletes the default security group', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { SecurityGroups } = await ec2Of(access).send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }),
    );
    const groupId = SecurityGroups?.[0]?.GroupId ?? 'sg-missing';
    const resource = {
      Type: 'AwsEc2SecurityGroup',
      Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:security-group/${groupId}`,
      Partition: 'aws' as const,
      Region: REGION,
    };

    // Act
    const { result } = await run(scenario.control, padFor('EC2.22', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('default security group'),
    });
    expect(await exists(access, groupId)).toBe(true);
  });

  it('opts out when the group carries the opt-out tag', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource.Id);
    await ec2Of(access).send(
      new CreateTagsCommand({ Resources: [groupId], Tags: [{ Key: 'soar:auto-remediation', Value: 'off' }] }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('EC2.22', resource), { access });

    // Assert
    expect(result.kind).toBe('opted_out');
    expect(await exists(access, groupId)).toBe(true);
  });
});
