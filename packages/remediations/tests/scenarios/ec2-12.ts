import { AllocateAddressCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ec2_12 } from '../../src/controls/ec2/ec2-12';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

/**
 * EC2.12: an Elastic IP allocated in the member account and attached to nothing. The control waits
 * 30 days after the finding's FirstObservedAt (2026-11-20 in `aControlFinding`), so runs that should
 * act pass the runner's `now` option (see `EC2_12_ACT_NOW`).
 */
export const scenario: RemediationScenario = {
  control: registerControl(ec2_12),
  now: () => EC2_12_ACT_NOW(),
  async arrange(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    const { AllocationId, PublicIp } = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    if (AllocationId === undefined) throw new Error('moto returned no AllocationId');
    return {
      Type: 'AwsEc2Eip',
      Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:eip-allocation/${AllocationId}`,
      Partition: 'aws',
      Region: REGION,
      Details: {
        AwsEc2Eip: { AllocationId, ...(PublicIp === undefined ? {} : { PublicIp }), Domain: 'vpc' },
      },
    };
  },
};

/** A clock past the grace period of findings built by `aControlFinding` (FirstObservedAt 2026-11-20). */
export const EC2_12_ACT_NOW = (): Date => new Date('2027-01-01T00:00:00Z');
