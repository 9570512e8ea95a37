import type { AwsEc2EipDetails } from '@soar/asff-schema/schemas';
import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ec2_12 } from './ec2-12';

const ALLOCATION = 'eipalloc-0a1b2c3d4e5f67890';
const control = registerControl(ec2_12);
/** FirstObservedAt of the findings is 2026-11-20: the 30-day grace period is over in 2027. */
const LATER = new Date('2027-01-01T00:00:00Z');

function eip(details: AwsEc2EipDetails | undefined, tags?: Record<string, string>): FindingResource {
  return {
    Type: 'AwsEc2Eip',
    Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:eip-allocation/${ALLOCATION}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsEc2Eip: details } }),
    ...(tags === undefined ? {} : { Tags: tags }),
  };
}

const UNUSED: AwsEc2EipDetails = {
  PublicIp: '198.51.100.24',
  AllocationId: ALLOCATION,
  Domain: 'vpc',
  PublicIpv4Pool: 'amazon',
  NetworkBorderGroup: REGION,
};

describe('Control: EC2.12 fromFinding', () => {
  it('plans to release an unassociated address once the grace period is over', () => {
    // Act
    const derived = ec2_12.fromFinding?.(
      findingContext({ controlId: 'EC2.12', resource: eip(UNUSED, { team: 'a' }), now: LATER }),
    );
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.12', resource: eip(UNUSED), now: LATER }),
    );

    // Assert
    expect(derived).toEqual({
      kind: 'found',
      state: {
        allocationId: ALLOCATION,
        publicIp: '198.51.100.24',
        associationId: undefined,
        instanceId: undefined,
        networkInterfaceId: undefined,
        tags: { team: 'a' },
      },
    });
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{ action: 'ec2:ReleaseAddress' }], removesResource: true },
    });
  });

  it('defers within the grace period, as live', () => {
    expect(
      control.evaluateFromFinding(
        findingContext({ controlId: 'EC2.12', resource: eip(UNUSED), now: new Date('2026-11-25T00:00:00Z') }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind: 'defer' } });
  });

  it('is compliant for an address the finding shows associated', () => {
    // Arrange
    const associated = {
      ...UNUSED,
      AssociationId: 'eipassoc-0123',
      InstanceId: 'i-0123456789abcdef0',
      NetworkInterfaceId: 'eni-0123',
    };

    // Act
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'EC2.12', resource: eip(associated), now: LATER, status: 'PASSED' }),
    );

    // Assert
    expect(evaluation).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('takes a failing verdict without details to mean unassociated', () => {
    expect(
      control.evaluateFromFinding(
        findingContext({ controlId: 'EC2.12', resource: eip(undefined), now: LATER }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind: 'changes' } });
  });

  it.each<[string, FindingResource, 'FAILED' | 'PASSED']>([
    ['passes without describing the address', eip(undefined), 'PASSED'],
  ])('is unknown when the finding %s', (_name, resource, status) => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'EC2.12', resource, status, now: LATER })),
    ).toMatchObject({ kind: 'unknown' });
  });

  it('refuses, naming the id and the shape it expects, a resource whose id has another shape', () => {
    const resource: FindingResource = { Type: 'AwsEc2Eip', Id: 'arn:aws:ec2:eu-west-1:1:eip/198.51.100.1' };
    expect(
      control.evaluateFromFinding(
        findingContext({ controlId: 'EC2.12', resource, status: 'FAILED', now: LATER }),
      ),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'refuse', reason: expect.stringContaining('arn:aws:ec2:eu-west-1:1:eip/198.51.100.1') },
    });
  });
});
