import { EC2Client, ModifySubnetAttributeCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ec2_15, type Ec215State } from './ec2-15';

const REGION = 'eu-west-1';
const SUBNET = 'subnet-0123456789abcdef0';
const context = unitContext({
  controlId: 'EC2.15',
  resource: {
    Type: 'AwsEc2Subnet',
    Id: `arn:aws:ec2:${REGION}:111122223333:subnet/${SUBNET}`,
    Partition: 'aws',
    Region: REGION,
  },
  accountId: '111122223333',
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const rollback = rollbackOf(ec2_15);
const before = parsedBeforeImage(ec2_15, { subnetId: SUBNET, mapPublicIpOnLaunch: true });

function state(overrides: Partial<Ec215State> = {}): Ec215State {
  return { subnetId: SUBNET, vpcId: 'vpc-0123', mapPublicIpOnLaunch: false, tags: {}, ...overrides };
}

describe('Control: EC2.15 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    // Act
    const plan = ec2_15.plan(state({ mapPublicIpOnLaunch: true }), context);

    // Assert
    expect(plan.kind === 'changes' ? parsedBeforeImage(ec2_15, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns MapPublicIpOnLaunch back on when SOAR turned it off', () => {
    // Act
    const plan = rollback.plan(before, state(), context);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'ec2:ModifySubnetAttribute', params: { subnetId: SUBNET } }],
    });
  });

  it('is already as before when the subnet maps public IPs again', () => {
    // Act / Assert
    expect(rollback.plan(before, state({ mapPublicIpOnLaunch: true }), context).kind).toBe(
      'already_as_before',
    );
  });

  it('refuses a before-image of another subnet', () => {
    // Act
    const plan = rollback.plan({ ...before, subnetId: 'subnet-0fff' }, state(), context);

    // Assert
    expect(plan).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('subnet-0fff') });
  });

  it.each([
    ['a subnet id that is not one', { subnetId: 'vpc-1', mapPublicIpOnLaunch: true }, 'subnetId'],
    ['a setting that was off', { subnetId: SUBNET, mapPublicIpOnLaunch: false }, 'mapPublicIpOnLaunch'],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(ec2_15, value).field).toBe(field);
  });
});

describe('Control: EC2.15 rollback apply', () => {
  const ec2 = mockClient(EC2Client);
  afterEach(() => ec2.reset());

  it('sets MapPublicIpOnLaunch to true on the subnet', async () => {
    // Arrange
    ec2.on(ModifySubnetAttributeCommand).resolves({});
    const plan = rollback.plan(before, state(), context);

    // Act
    await rollback.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(ec2.commandCalls(ModifySubnetAttributeCommand).map((c) => c.args[0].input)).toEqual([
      { SubnetId: SUBNET, MapPublicIpOnLaunch: { Value: true } },
    ]);
  });
});
