import {
  CreateLoginProfileCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { errorName } from '../src/engine/classify';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/iam-8';

const DAY_MS = 24 * 60 * 60 * 1000;
const memberIam = (access: AwsAccess) =>
  access.client(IAMClient, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'test' });
const nameOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);

describe('Control: IAM.8 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('deactivates the unused key of a user without a console password (the original failed on such users), and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const now = new Date(Date.now() + 100 * DAY_MS);

    // Act
    const first = await run(scenario.control, padFor('IAM.8', resource), { access, now: () => now });
    const second = await run(scenario.control, padFor('IAM.8', resource), { access, now: () => now });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Deactivated the access key')],
      beforeImages: [{ userName: nameOf(resource.Id), passwordDeleted: false }],
    });
    const keys = await memberIam(access).send(new ListAccessKeysCommand({ UserName: nameOf(resource.Id) }));
    expect(keys.AccessKeyMetadata?.map((k) => k.Status)).toEqual(['Inactive']);
    const tags = await memberIam(access).send(new ListUserTagsCommand({ UserName: nameOf(resource.Id) }));
    expect(tags.Tags).toEqual([
      { Key: expect.stringMatching(/^soar:iam-8:deactivated:/), Value: now.toISOString() },
    ]);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('deletes the key only after the grace period, and an unused console password', async () => {
    // Arrange: the key deactivated 100 days after creation; a password never used
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const userName = nameOf(resource.Id);
    await memberIam(access).send(
      new CreateLoginProfileCommand({ UserName: userName, Password: 'Initial-Passw0rd!' }),
    );
    const deactivatedAt = new Date(Date.now() + 100 * DAY_MS);
    await run(scenario.control, padFor('IAM.8', resource), { access, now: () => deactivatedAt });

    // Act
    const during = await run(scenario.control, padFor('IAM.8', resource), {
      access,
      now: () => new Date(deactivatedAt.getTime() + 29 * DAY_MS),
    });
    const keysDuring = await memberIam(access).send(new ListAccessKeysCommand({ UserName: userName }));
    const after = await run(scenario.control, padFor('IAM.8', resource), {
      access,
      now: () => new Date(deactivatedAt.getTime() + 30 * DAY_MS),
    });

    // Assert
    expect(during.result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(keysDuring.AccessKeyMetadata).toHaveLength(1);
    expect(after.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Deleted the access key')],
    });
    const keys = await memberIam(access).send(new ListAccessKeysCommand({ UserName: userName }));
    expect(keys.AccessKeyMetadata).toEqual([]);
    const tags = await memberIam(access).send(new ListUserTagsCommand({ UserName: userName }));
    expect(tags.Tags).toEqual([]);
    const password = await memberIam(access)
      .send(new GetLoginProfileCommand({ UserName: userName }))
      .then(() => 'present', errorName);
    expect(password).toMatch(/^NoSuchEntity/);
  });

  it('suppresses the finding of a deleted user', async () => {
    // Arrange: a user that was never created
    const access = motoAccess(moto);
    const resource = {
      Type: 'AwsIamUser',
      Id: `arn:aws:iam::${MEMBER_ACCOUNT}:user/nobody-here`,
      Partition: 'aws' as const,
      Region: REGION,
    };

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('IAM.8', resource), { access });

    // Assert
    expect(result.kind).toBe('resource_gone');
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
