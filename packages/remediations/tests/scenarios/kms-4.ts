import { CreateKeyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { kms_4 } from '../../src/controls/kms/kms-4';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

/** KMS.4: a new customer managed symmetric key in the member account, rotation off (the default). */
export const scenario: RemediationScenario = {
  control: registerControl(kms_4),
  async arrange(access) {
    const kms = access.client(
      KMSClient,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    const created = await kms.send(new CreateKeyCommand({ Description: 'SOAR KMS.4 test key' }));
    const arn = created.KeyMetadata?.Arn;
    if (arn === undefined) throw new Error('CreateKey returned no key ARN.');
    return { Type: 'AwsKmsKey', Id: arn, Partition: 'aws', Region: REGION };
  },
  async observe(access, resource) {
    const kms = access.client(
      KMSClient,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'observe' },
    );
    return (await kms.send(new GetKeyRotationStatusCommand({ KeyId: resource.Id }))).KeyRotationEnabled;
  },
};
