import {
  DeleteSecurityGroupCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { AccessClientConfig } from '@soar/aws-access';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { registerControl, type ControlContext, type FindingResource } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { remediate } from '../../engine/runner';
import { ec2_22, type Ec222State } from './ec2-22';
import { directClient, unitContext } from '../../../tests/direct-clients';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const GROUP = 'sg-0123456789abcdef0';
const FIRST_OBSERVED = '2026-11-20T10:15:30.123Z';
const HOUR_MS = 60 * 60 * 1000;
const AFTER_GRACE = new Date(Date.parse(FIRST_OBSERVED) + 25 * HOUR_MS);

const RESOURCE: FindingResource = {
  Type: 'AwsEc2SecurityGroup',
  Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${GROUP}`,
  Partition: 'aws',
  Region: REGION,
};

const clientFor = <C>(ClientClass: new (config: AccessClientConfig) => C): C =>
  directClient(ClientClass, REGION);

function contextFor(options: { now?: Date; firstObservedAt?: string | undefined } = {}): ControlContext {
  return unitContext({
    controlId: 'EC2.22',
    resource: RESOURCE,
    accountId: ACCOUNT,
    region: REGION,
    now: options.now ?? AFTER_GRACE,
    firstObservedAt: 'firstObservedAt' in options ? options.firstObservedAt : FIRST_OBSERVED,
  });
}

function state(overrides: Partial<Ec222State> = {}): Ec222State {
  return {
    groupId: GROUP,
    groupName: 'old-app',
    vpcId: 'vpc-0123',
    description: 'old app',
    tags: {},
    ipPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
    ipPermissionsEgress: [],
    networkInterfaceIds: [],
    referencedByGroupIds: [],
    launchTemplates: [],
    ...overrides,
  };
}

describe('Control: EC2.22 plan', () => {
  it('deletes an unused group after the grace period, keeping its rules in the before-image', () => {
    // Act
    const plan = ec2_22.plan(state(), contextFor());

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:DeleteSecurityGroup',
          description: expect.stringContaining(`Deleted the security group ${GROUP} (old-app) in vpc-0123`),
          params: { groupId: GROUP },
        },
      ],
      beforeImage: { groupId: GROUP, groupName: 'old-app', ipPermissions: state().ipPermissions },
    });
  });

  it('defers within 24 hours of FirstObservedAt (injected clock)', () => {
    const now = new Date(Date.parse(FIRST_OBSERVED) + 23 * HOUR_MS);
    expect(ec2_22.plan(state(), contextFor({ now })).kind).toBe('defer');
  });

  it('refuses when the finding has no usable FirstObservedAt', () => {
    expect(ec2_22.plan(state(), contextFor({ firstObservedAt: undefined })).kind).toBe('refuse');
  });

  it('is compliant when a network interface uses the group now', () => {
    expect(ec2_22.plan(state({ networkInterfaceIds: ['eni-1'] }), contextFor())).toMatchObject({
      kind: 'compliant',
      reason: expect.stringContaining('eni-1'),
    });
  });

  it('never deletes the default group', () => {
    expect(ec2_22.plan(state({ groupName: 'default' }), contextFor()).kind).toBe('refuse');
  });

  it('refuses (ticket) when another group references it, instead of deleting or suppressing', () => {
    expect(ec2_22.plan(state({ referencedByGroupIds: ['sg-0ther'] }), contextFor())).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('sg-0ther'),
    });
  });

  it('refuses when a launch template uses the group (the original deleted it)', () => {
    expect(ec2_22.plan(state({ launchTemplates: ['web-lt'] }), contextFor())).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('web-lt'),
    });
  });

  it('declares that its change removes the group, so finding it gone afterwards is success', () => {
    const plan = ec2_22.plan(state(), contextFor());

    expect(plan).toMatchObject({ kind: 'changes', removesResource: true });
  });

  it('exposes the live tags for the opt-out tag', () => {
    expect(ec2_22.tags?.(state({ tags: { 'soar:auto-remediation': 'off' } }))).toEqual({
      'soar:auto-remediation': 'off',
    });
  });
});

describe('Control: EC2.22 read and runner', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(DescribeSecurityGroupsCommand, { GroupIds: [GROUP] }).resolves({
      SecurityGroups: [{ GroupId: GROUP, GroupName: 'old-app', VpcId: 'vpc-0123' }],
    });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [] });
  });
  afterAll(() => ec2.restore());

  function runWithMock() {
    const finding = {
      ...aControlFinding({ controlId: 'EC2.22', accountId: ACCOUNT, region: REGION, resource: RESOURCE }),
      FirstObservedAt: FIRST_OBSERVED,
    };
    return remediate(createScratchpad(finding), {
      access: { client: clientFor },
      registry: new Registry([registerControl(ec2_22)]),
      now: () => AFTER_GRACE,
    });
  }

  it('follows pagination of network interfaces and finds a user on a later page', async () => {
    // Arrange: the first (filtered) page is empty but has a next token
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [], NextToken: 't1' })
      .resolvesOnce({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-late' }] });

    // Act
    const read = await ec2_22.read(contextFor());

    // Assert
    expect(read).toMatchObject({ kind: 'found', state: { networkInterfaceIds: ['eni-late'] } });
  });

  it('finds references by other groups and by launch templates (latest/default versions)', async () => {
    // Arrange
    ec2
      .on(DescribeSecurityGroupsCommand, {
        Filters: [{ Name: 'egress.ip-permission.group-id', Values: [GROUP] }],
      })
      .resolves({ SecurityGroups: [{ GroupId: 'sg-0ther' }, { GroupId: GROUP }] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateName: 'a', LaunchTemplateData: { SecurityGroupIds: ['sg-x'] } },
        { LaunchTemplateName: 'web-lt', LaunchTemplateData: { NetworkInterfaces: [{ Groups: [GROUP] }] } },
      ],
    });

    // Act
    const read = await ec2_22.read(contextFor());

    // Assert
    expect(read).toMatchObject({
      kind: 'found',
      state: { referencedByGroupIds: ['sg-0ther'], launchTemplates: ['web-lt'] },
    });
  });

  it('reports a group that does not exist as gone', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejects(Object.assign(new Error('x'), { name: 'InvalidGroup.NotFound' }));
    await expect(ec2_22.read(contextFor())).resolves.toMatchObject({ kind: 'gone' });
  });

  it('DependencyViolation on delete opens a ticket instead of suppressing (aws-sdk-client-mock: moto lacks DependencyViolation)', async () => {
    // Arrange
    ec2
      .on(DeleteSecurityGroupCommand)
      .rejects(Object.assign(new Error('resource has a dependent object'), { name: 'DependencyViolation' }));

    // Act
    const { scratchpad, result } = await runWithMock();

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', error: expect.stringContaining('DependencyViolation') });
    expect(scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: true,
      reconsider_later: false,
    });
  });
});
