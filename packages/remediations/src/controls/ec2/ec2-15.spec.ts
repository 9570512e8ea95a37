import { DescribeSubnetsCommand, EC2Client, ModifySubnetAttributeCommand } from '@aws-sdk/client-ec2';
import type { AccessClientConfig } from '@soar/aws-access';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import type { ControlContext, FindingResource, PlanContext } from '../../engine/control';
import { ec2_15, type Ec215State } from './ec2-15';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const SUBNET = 'subnet-0123456789abcdef0';

function resource(details?: FindingResource['Details']): FindingResource {
  return {
    Type: 'AwsEc2Subnet',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${SUBNET}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: details }),
  };
}

function contextFor(res: FindingResource = resource()): ControlContext {
  const finding = aControlFinding({ controlId: 'EC2.15', accountId: ACCOUNT, region: REGION, resource: res });
  return {
    finding,
    resource: res,
    accountId: ACCOUNT,
    region: REGION,
    partition: 'aws',
    now: new Date('2026-01-01T00:00:00Z'),
    client: <C>(ClientClass: new (config: AccessClientConfig) => C) =>
      new ClientClass({
        region: REGION,
        credentials: () => Promise.resolve({ accessKeyId: 'x', secretAccessKey: 'y' }),
        retryMode: 'adaptive',
        maxAttempts: 1,
      }),
  };
}

const planContext: PlanContext = contextFor();

function state(overrides: Partial<Ec215State> = {}): Ec215State {
  return { subnetId: SUBNET, vpcId: 'vpc-0123', mapPublicIpOnLaunch: true, tags: {}, ...overrides };
}

describe('Control: EC2.15 plan', () => {
  it('is compliant when the subnet does not map public IPs on launch', () => {
    // Act
    const plan = ec2_15.plan(state({ mapPublicIpOnLaunch: false }), planContext);

    // Assert
    expect(plan.kind).toBe('compliant');
  });

  it('turns off MapPublicIpOnLaunch, with a before-image for undo', () => {
    // Act
    const plan = ec2_15.plan(state(), planContext);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:ModifySubnetAttribute',
          description: expect.stringContaining(SUBNET),
          params: { subnetId: SUBNET },
        },
      ],
      beforeImage: { subnetId: SUBNET, mapPublicIpOnLaunch: true },
      actionsRequired: expect.stringContaining('NAT'),
    });
  });

  it('exposes the live tags for the opt-out tag', () => {
    expect(ec2_15.tags?.(state({ tags: { 'soar:auto-remediation': 'off' } }))).toEqual({
      'soar:auto-remediation': 'off',
    });
  });
});

describe('Control: EC2.15 read and apply', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => ec2.reset());

  it('reads the live subnet from the ARN, not stale Details (the original crashed without Details)', async () => {
    // Arrange: the finding says "compliant", or carries no Details at all; the live subnet maps public IPs
    ec2.on(DescribeSubnetsCommand, { SubnetIds: [SUBNET] }).resolves({
      Subnets: [
        { SubnetId: SUBNET, VpcId: 'vpc-1', MapPublicIpOnLaunch: true, Tags: [{ Key: 'a', Value: 'b' }] },
      ],
    });
    const stale = resource({ AwsEc2Subnet: { SubnetId: 'subnet-stale', MapPublicIpOnLaunch: false } });

    // Act
    const withStale = await ec2_15.read(contextFor(stale));
    const withoutDetails = await ec2_15.read(contextFor(resource()));

    // Assert
    const expected = { subnetId: SUBNET, vpcId: 'vpc-1', mapPublicIpOnLaunch: true, tags: { a: 'b' } };
    expect(withStale).toEqual({ kind: 'found', state: expected });
    expect(withoutDetails).toEqual({ kind: 'found', state: expected });
  });

  it('reports a subnet missing from the answer as gone', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
    await expect(ec2_15.read(contextFor())).resolves.toMatchObject({ kind: 'gone' });
  });

  it('apply sets MapPublicIpOnLaunch to false and nothing else', async () => {
    // Arrange
    ec2.on(ModifySubnetAttributeCommand).resolves({});
    const plan = ec2_15.plan(state(), planContext);
    if (plan.kind !== 'changes') throw new Error('expected changes');

    // Act
    await ec2_15.apply(plan.changes, contextFor());

    // Assert
    expect(ec2.calls()).toHaveLength(1);
    expect(ec2.commandCalls(ModifySubnetAttributeCommand)[0]?.args[0].input).toEqual({
      SubnetId: SUBNET,
      MapPublicIpOnLaunch: { Value: false },
    });
  });
});
