import { DescribeAddressesCommand, EC2Client, ReleaseAddressCommand } from '@aws-sdk/client-ec2';
import type { AccessClientConfig } from '@soar/aws-access';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { registerControl, type ControlContext, type FindingResource } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { remediate } from '../../engine/runner';
import { allocationIdOf, ec2_12, EC2_12_GRACE_DAYS, type Ec212State } from './ec2-12';
import { directClient, unitContext } from '../../../tests/direct-clients';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ALLOCATION = 'eipalloc-0a1b2c3d4e5f67890';
const FIRST_OBSERVED = '2026-11-20T10:15:30.123Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const AFTER_GRACE = new Date(Date.parse(FIRST_OBSERVED) + (EC2_12_GRACE_DAYS + 1) * DAY_MS);

function resource(overrides: Partial<FindingResource> = {}): FindingResource {
  return {
    Type: 'AwsEc2Eip',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:eip-allocation/${ALLOCATION}`,
    Partition: 'aws',
    Region: REGION,
    ...overrides,
  };
}

const clientFor = <C>(ClientClass: new (config: AccessClientConfig) => C): C =>
  directClient(ClientClass, REGION);

function contextFor(
  options: { res?: FindingResource; now?: Date; firstObservedAt?: string | undefined } = {},
): ControlContext {
  return unitContext({
    controlId: 'EC2.12',
    resource: options.res ?? resource(),
    accountId: ACCOUNT,
    region: REGION,
    now: options.now ?? AFTER_GRACE,
    firstObservedAt: 'firstObservedAt' in options ? options.firstObservedAt : FIRST_OBSERVED,
  });
}

function state(overrides: Partial<Ec212State> = {}): Ec212State {
  return {
    allocationId: ALLOCATION,
    publicIp: '198.51.100.24',
    tags: {},
    ...overrides,
  };
}

describe('Control: EC2.12 plan', () => {
  it('releases an unassociated address once the grace period has passed', () => {
    // Act
    const plan = ec2_12.plan(state(), contextFor());

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:ReleaseAddress',
          description: expect.stringContaining(`Released the Elastic IP ${ALLOCATION} (198.51.100.24)`),
          params: { allocationId: ALLOCATION },
        },
      ],
      beforeImage: { allocationId: ALLOCATION, publicIp: '198.51.100.24' },
    });
  });

  it('defers inside the grace period, measured from FirstObservedAt with the injected clock', () => {
    // Arrange: one day short of the grace period
    const now = new Date(Date.parse(FIRST_OBSERVED) + (EC2_12_GRACE_DAYS - 1) * DAY_MS);

    // Act
    const plan = ec2_12.plan(state(), contextFor({ now }));

    // Assert
    expect(plan).toEqual({ kind: 'defer', reason: expect.stringContaining('29 of 30 days') });
  });

  it('releases exactly at the end of the grace period', () => {
    const now = new Date(Date.parse(FIRST_OBSERVED) + EC2_12_GRACE_DAYS * DAY_MS);
    expect(ec2_12.plan(state(), contextFor({ now })).kind).toBe('changes');
  });

  it('refuses when the finding has no usable FirstObservedAt', () => {
    expect(ec2_12.plan(state(), contextFor({ firstObservedAt: undefined })).kind).toBe('refuse');
    expect(ec2_12.plan(state(), contextFor({ firstObservedAt: 'yesterday' })).kind).toBe('refuse');
  });

  it.each([
    ['an association', { associationId: 'eipassoc-1' }],
    ['an instance', { instanceId: 'i-0123' }],
    ['a network interface', { networkInterfaceId: 'eni-0123' }],
  ])('is compliant when the live address is now attached to %s', (_name, attached) => {
    expect(ec2_12.plan(state(attached), contextFor()).kind).toBe('compliant');
  });

  it('declares that releasing removes the address, so finding it gone afterwards is success', () => {
    expect(ec2_12.plan(state(), contextFor())).toMatchObject({ kind: 'changes', removesResource: true });
  });

  it('exposes the live tags for the opt-out tag', () => {
    expect(ec2_12.tags?.(state({ tags: { 'soar:auto-remediation': 'off' } }))).toEqual({
      'soar:auto-remediation': 'off',
    });
  });
});

describe('Control: EC2.12 allocation id', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => ec2.reset());
  afterAll(() => ec2.restore());

  it('reads the allocation id of the resource Id (its declared shape), not ProductFields["Resources:0/Id"] nor Details', async () => {
    // Arrange: the original overwrote the id with the (here different) ProductFields one
    ec2.on(DescribeAddressesCommand, { AllocationIds: [ALLOCATION] }).resolves({
      Addresses: [{ AllocationId: ALLOCATION, PublicIp: '198.51.100.24' }],
    });
    const res = resource({
      Id: `arn:aws:ec2:eu-west-1:111122223333:eip-allocation/${ALLOCATION}`,
      Details: { AwsEc2Eip: { AllocationId: 'eipalloc-0000000000000000f' } },
    });
    const base = contextFor({ res });
    const context = {
      ...base,
      finding: {
        ...base.finding,
        ProductFields: {
          'Resources:0/Id': 'arn:aws:ec2:eu-west-1:111122223333:eip-allocation/eipalloc-0bad',
        },
      },
    };

    // Act
    const read = await ec2_12.read(context);

    // Assert
    expect(allocationIdOf(res)).toBe(ALLOCATION);
    expect(read).toEqual({ kind: 'found', state: state() });
  });

  it('falls back to the resource Id when Details and ProductFields are missing (the original crashed)', async () => {
    // Arrange: no Details, and a finding without ProductFields["Resources:0/Id"]
    ec2.on(DescribeAddressesCommand, { AllocationIds: [ALLOCATION] }).resolves({
      Addresses: [{ AllocationId: ALLOCATION, PublicIp: '198.51.100.24' }],
    });
    const context = contextFor();

    // Act
    const read = await ec2_12.read(context);

    // Assert
    expect(context.finding.ProductFields?.['Resources:0/Id']).toBeUndefined();
    expect(read).toEqual({ kind: 'found', state: state() });
  });

  it('rejects a resource that names no allocation id', async () => {
    const res = resource({ Id: 'arn:aws:ec2:eu-west-1:111122223333:eip/198.51.100.24' });
    expect(allocationIdOf(res)).toBeUndefined();
    await expect(ec2_12.read(contextFor({ res }))).rejects.toThrow(
      'is not of the shape arn:<partition>:ec2:',
    );
  });
});

describe('Control: EC2.12 read, apply and runner', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => ec2.reset());
  afterAll(() => ec2.restore());

  function runWithMock() {
    const finding = {
      ...aControlFinding({ controlId: 'EC2.12', accountId: ACCOUNT, region: REGION, resource: resource() }),
      FirstObservedAt: FIRST_OBSERVED,
    };
    return remediate(createScratchpad(finding), {
      access: { client: clientFor },
      registry: new Registry([registerControl(ec2_12)]),
      now: () => AFTER_GRACE,
    });
  }

  it('reports an address that does not exist as gone', async () => {
    ec2
      .on(DescribeAddressesCommand)
      .rejects(Object.assign(new Error('x'), { name: 'InvalidAllocationID.NotFound' }));
    await expect(ec2_12.read(contextFor())).resolves.toMatchObject({ kind: 'gone' });
  });

  it('AuthFailure on release opens a ticket instead of suppressing (aws-sdk-client-mock: moto lacks AuthFailure)', async () => {
    // Arrange
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: ALLOCATION }] });
    ec2
      .on(ReleaseAddressCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AuthFailure' }));

    // Act
    const { scratchpad, result } = await runWithMock();

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', error: expect.stringContaining('AuthFailure') });
    expect(scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: true,
      reconsider_later: false,
    });
  });

  it('InvalidIPAddress.InUse on release (attached meanwhile) opens a ticket instead of suppressing', async () => {
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: ALLOCATION }] });
    ec2
      .on(ReleaseAddressCommand)
      .rejects(Object.assign(new Error('in use'), { name: 'InvalidIPAddress.InUse' }));

    const { scratchpad, result } = await runWithMock();

    expect(result.kind).toBe('not_done');
    expect(scratchpad.actions.suppress_finding).toBe(false);
  });

  it('does not release an address the finding calls unused but that is attached now', async () => {
    ec2.on(DescribeAddressesCommand).resolves({
      Addresses: [{ AllocationId: ALLOCATION, AssociationId: 'eipassoc-1', InstanceId: 'i-0123' }],
    });

    const { result } = await runWithMock();

    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(ec2.commandCalls(ReleaseAddressCommand)).toHaveLength(0);
  });
});
