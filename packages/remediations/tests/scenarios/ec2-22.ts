import { CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ec2_22 } from '../../src/controls/ec2/ec2-22';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

let created = 0;

/**
 * EC2.22: a security group in the member account's default VPC that nothing uses. The 24-hour grace
 * period runs from the finding's FirstObservedAt (2026-11-20 in `aControlFinding`), so the default
 * clock acts from 2026-11-21 on.
 */
export const scenario: RemediationScenario = {
  control: registerControl(ec2_22),
  async arrange(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    created += 1;
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: `unused-${Date.now()}-${created}`,
        Description: 'A group nothing uses',
      }),
    );
    if (GroupId === undefined) throw new Error('moto returned no GroupId');
    return {
      Type: 'AwsEc2SecurityGroup',
      Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:security-group/${GroupId}`,
      Partition: 'aws',
      Region: REGION,
    };
  },
};
