import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import { iam_8 } from '../../src/controls/iam/iam-8';
import { registerControl } from '../../src/engine/control';
import { canonical, MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

const DAY_MS = 24 * 60 * 60 * 1000;
let counter = 0;
/** One instant for every run, so replayed calls (the mark's time) match the recorded ones. */
const LATER = new Date(Date.now() + 100 * DAY_MS);

/**
 * IAM.8: a machine user with no console password and one access key it never used (the case the
 * original failed on). The fix acts 100 days after the key was created: moto cannot backdate keys, so
 * the clock moves instead.
 */
export const scenario: RemediationScenario = {
  control: registerControl(iam_8),
  now: () => LATER,
  async arrange(access) {
    const iam = access.client(
      IAMClient,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    counter += 1;
    const userName = `build-bot-${counter}`;
    const { User } = await iam.send(new CreateUserCommand({ UserName: userName, Path: '/machines/' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    return { Type: 'AwsIamUser', Id: User?.Arn ?? '', Partition: 'aws', Region: REGION };
  },
  async observe(access, resource) {
    const iam = access.client(
      IAMClient,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'observe' },
    );
    const userName = resource.Id.slice(resource.Id.lastIndexOf('/') + 1);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
    const tags = await iam.send(new ListUserTagsCommand({ UserName: userName }));
    return canonical({
      keys: keys.AccessKeyMetadata?.map((k) => ({ id: k.AccessKeyId, status: k.Status })),
      tags: tags.Tags,
    });
  },
};
