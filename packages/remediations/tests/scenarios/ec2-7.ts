import {
  DisableEbsEncryptionByDefaultCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { ec2_7 } from '../../src/controls/ec2/ec2-7';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

export const scenario: RemediationScenario = {
  control: registerControl(ec2_7),
  async arrange(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    await ec2.send(new DisableEbsEncryptionByDefaultCommand({}));
    return { Type: 'AwsAccount', Id: `AWS::::Account:${MEMBER_ACCOUNT}`, Partition: 'aws', Region: REGION };
  },
  async observe(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'observe' },
    );
    return (await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault;
  },
};
