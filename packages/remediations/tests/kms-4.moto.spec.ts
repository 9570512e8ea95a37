import {
  DisableKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/kms-4';

function kmsOf(access: AwsAccess): KMSClient {
  return access.client(KMSClient, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'assert' });
}

/** The bare key id: moto's DisableKey and ScheduleKeyDeletion fail on a key ARN. */
function keyIdOf(keyArn: string): string {
  return keyArn.slice(keyArn.lastIndexOf('/') + 1);
}

async function rotationEnabled(access: AwsAccess, keyArn: string): Promise<boolean | undefined> {
  return (await kmsOf(access).send(new GetKeyRotationStatusCommand({ KeyId: keyArn }))).KeyRotationEnabled;
}

describe('Control: KMS.4 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('turns on key rotation, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    expect(await rotationEnabled(access, resource.Id)).toBe(false);

    // Act
    const first = await run(scenario.control, padFor('KMS.4', resource), { access });
    const second = await run(scenario.control, padFor('KMS.4', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [`Turned on automatic yearly rotation for the KMS key ${resource.Id}.`],
      beforeImages: [{ keyArn: resource.Id, keyRotationEnabled: false }],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    expect(await rotationEnabled(access, resource.Id)).toBe(true);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('refuses a key scheduled for deletion: ticket with the reason, no suppression, no change', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await kmsOf(access).send(
      new ScheduleKeyDeletionCommand({ KeyId: keyIdOf(resource.Id), PendingWindowInDays: 7 }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('KMS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('scheduled for deletion on'),
    });
    expect(scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: true,
      reconsider_later: false,
    });
    expect(await rotationEnabled(access, resource.Id)).toBe(false);
  });

  it('refuses a disabled key', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await kmsOf(access).send(new DisableKeyCommand({ KeyId: keyIdOf(resource.Id) }));

    // Act
    const { result } = await run(scenario.control, padFor('KMS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('is disabled') });
    expect(await rotationEnabled(access, resource.Id)).toBe(false);
  });

  it('suppresses the finding of a key that does not exist', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = {
      Type: 'AwsKmsKey',
      Id: `arn:aws:kms:${REGION}:${MEMBER_ACCOUNT}:key/00000000-0000-4000-8000-000000000000`,
      Partition: 'aws' as const,
      Region: REGION,
    };

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('KMS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('NotFoundException'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });

  it('tickets (does not suppress) a key whose policy denies SOAR (AccessDeniedException)', async () => {
    // Arrange: moto enforces Deny statements of the key policy on DescribeKey
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await kmsOf(access).send(
      new PutKeyPolicyCommand({
        KeyId: resource.Id,
        PolicyName: 'default',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Principal: { AWS: '*' }, Action: ['kms:DescribeKey'], Resource: '*' },
          ],
        }),
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('KMS.4', resource), { access });

    // Assert: the original suppressed AccessDeniedException, hiding the key from the team
    expect(result).toMatchObject({
      kind: 'not_done',
      error: expect.stringContaining('AccessDeniedException'),
    });
    expect(scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: true,
      reconsider_later: false,
    });
    expect(await rotationEnabled(access, resource.Id)).toBe(false);
  });

  it('leaves a key with the generic opt-out tag alone', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await kmsOf(access).send(
      new TagResourceCommand({
        KeyId: resource.Id,
        Tags: [{ TagKey: 'soar:auto-remediation', TagValue: 'off' }],
      }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('KMS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'opted_out', controlId: 'KMS.4' });
    expect(await rotationEnabled(access, resource.Id)).toBe(false);
  });
});
