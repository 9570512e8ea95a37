import {
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  KMSInvalidStateException,
  ListResourceTagsCommand,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import type { PlanContext } from '../../engine/control';
import { registerControl } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { remediate } from '../../engine/runner';
import { kms_4, type Kms4State } from './kms-4';
import { directAccess as directAccessIn } from '../../../tests/direct-clients';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const resource = { Type: 'AwsKmsKey', Id: KEY_ARN, Partition: 'aws' as const, Region: REGION };
const finding = aControlFinding({ controlId: 'KMS.4', accountId: ACCOUNT, region: REGION, resource });
const planContext: PlanContext = {
  finding,
  resource,
  accountId: ACCOUNT,
  region: REGION,
  partition: 'aws',
  now: new Date('2026-11-20T10:15:30Z'),
};

function aKey(overrides: Partial<Kms4State> = {}): Kms4State {
  return {
    keyArn: KEY_ARN,
    keyManager: 'CUSTOMER',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyState: 'Enabled',
    origin: 'AWS_KMS',
    multiRegionKeyType: undefined,
    primaryKeyArn: undefined,
    deletionDate: undefined,
    rotationEnabled: false,
    tags: {},
    ...overrides,
  };
}

const directAccess = directAccessIn(REGION);

describe('KMS.4 plan (pure)', () => {
  it('plans to turn rotation on for an enabled customer managed symmetric key', () => {
    expect(kms_4.plan(aKey(), planContext)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'kms:EnableKeyRotation',
          description: `Turned on automatic yearly rotation for the KMS key ${KEY_ARN}.`,
          params: { keyArn: KEY_ARN },
        },
      ],
      beforeImage: { keyArn: KEY_ARN, keyRotationEnabled: false, enabledWithRotationPeriodInDays: 365 },
      actionsRequired: expect.stringContaining('template'),
    });
  });

  it('is compliant when rotation is already on', () => {
    expect(kms_4.plan(aKey({ rotationEnabled: true }), planContext).kind).toBe('compliant');
  });

  it('is compliant for an AWS managed key (AWS rotates it yearly)', () => {
    const plan = kms_4.plan(aKey({ keyManager: 'AWS', rotationEnabled: undefined }), planContext);
    expect(plan).toEqual({ kind: 'compliant', reason: expect.stringContaining('AWS managed key') });
  });

  it('refuses a key pending deletion, saying nothing is needed if the deletion is intended', () => {
    const plan = kms_4.plan(
      aKey({
        keyState: 'PendingDeletion',
        deletionDate: '2026-12-20T00:00:00.000Z',
        rotationEnabled: undefined,
      }),
      planContext,
    );
    expect(plan).toEqual({
      kind: 'refuse',
      reason: expect.stringMatching(
        /scheduled for deletion on 2026-12-20T00:00:00.000Z.*intended, nothing is needed/,
      ),
    });
  });

  it.each([
    ['a disabled key', { keyState: 'Disabled' }, 'disabled'],
    ['a replica pending deletion', { keyState: 'PendingReplicaDeletion' }, 'scheduled for deletion'],
    ['an unavailable key', { keyState: 'Unavailable' }, 'state Unavailable'],
    ['an asymmetric key', { keySpec: 'RSA_2048' }, 'RSA_2048'],
    ['an HMAC key', { keySpec: 'HMAC_256' }, 'HMAC_256'],
    ['imported key material', { origin: 'EXTERNAL' }, 'EXTERNAL'],
    ['a custom key store key', { origin: 'AWS_CLOUDHSM' }, 'AWS_CLOUDHSM'],
    [
      'a multi-Region replica',
      { multiRegionKeyType: 'REPLICA', primaryKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-1' },
      'primary key arn:aws:kms:us-east-1:111122223333:key/mrk-1',
    ],
  ] satisfies [string, Partial<Kms4State>, string][])('refuses %s', (_name, overrides, reason) => {
    const plan = kms_4.plan(aKey({ ...overrides, rotationEnabled: undefined }), planContext);
    expect(plan).toEqual({ kind: 'refuse', reason: expect.stringContaining(reason) });
  });

  it.each(['Creating', 'Updating'])('defers a key that is %s', (keyState) => {
    expect(kms_4.plan(aKey({ keyState, rotationEnabled: undefined }), planContext).kind).toBe('defer');
  });

  it('exposes the key tags for the generic opt-out tag', () => {
    const tags = { 'soar:auto-remediation': 'off' };
    expect(kms_4.tags?.(aKey({ tags }))).toEqual(tags);
  });

  it('declares exactly the IAM actions it calls', () => {
    expect([...kms_4.iamActions].sort()).toEqual([
      'kms:DescribeKey',
      'kms:EnableKeyRotation',
      'kms:GetKeyRotationStatus',
      'kms:ListResourceTags',
    ]);
  });
});

describe('KMS.4 read and apply (aws-sdk-client-mock)', () => {
  const kms = mockClient(KMSClient);
  beforeEach(() => {
    kms.reset();
    kms.on(DescribeKeyCommand).resolves({
      KeyMetadata: {
        KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
        Arn: KEY_ARN,
        KeyManager: 'CUSTOMER',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
      },
    });
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
    kms.on(ListResourceTagsCommand).resolves({ Tags: [], Truncated: false });
  });

  const remediateKey = () =>
    remediate(createScratchpad(finding), {
      access: directAccess,
      registry: new Registry([registerControl(kms_4)]),
    });

  it('tickets (does not suppress) AccessDeniedException from EnableKeyRotation (aws-sdk-client-mock: moto lacks key-policy checks on EnableKeyRotation)', async () => {
    // Arrange: the key policy does not let SOAR's role change rotation
    kms.on(EnableKeyRotationCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: kms:EnableKeyRotation'), {
        name: 'AccessDeniedException',
      }),
    );

    // Act
    const { result, scratchpad } = await remediateKey();

    // Assert: the original suppressed the finding, hiding the key from the team
    expect(result).toMatchObject({
      kind: 'not_done',
      controlId: 'KMS.4',
      error: expect.stringContaining('AccessDeniedException'),
    });
    expect(scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: true,
      reconsider_later: false,
    });
    expect(scratchpad.messages.actions_required).toContain('AccessDeniedException');
  });

  it('tickets (does not suppress) KMSInvalidStateException from EnableKeyRotation', async () => {
    // Arrange: the key changed state between the read and the change
    kms
      .on(EnableKeyRotationCommand)
      .rejects(new KMSInvalidStateException({ message: 'key is pending deletion', $metadata: {} }));

    // Act
    const { result, scratchpad } = await remediateKey();

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      error: expect.stringContaining('KMSInvalidStateException'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(false);
  });

  it('suppresses a deleted key (NotFoundException from DescribeKey)', async () => {
    // Arrange
    kms
      .on(DescribeKeyCommand)
      .rejects(new NotFoundException({ message: 'Key does not exist', $metadata: {} }));

    // Act
    const { result, scratchpad } = await remediateKey();

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('NotFoundException'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });

  it('reads every page of tags (Marker) before deciding', async () => {
    // Arrange: the generic opt-out tag is on the second page
    kms
      .on(ListResourceTagsCommand)
      .resolvesOnce({ Tags: [{ TagKey: 'team', TagValue: 'pay' }], Truncated: true, NextMarker: 'm1' })
      .resolvesOnce({ Tags: [{ TagKey: 'soar:auto-remediation', TagValue: 'off' }], Truncated: false });

    // Act
    const { result } = await remediateKey();

    // Assert
    expect(result).toMatchObject({ kind: 'opted_out' });
    expect(kms.commandCalls(ListResourceTagsCommand)[1]?.args[0].input).toEqual({
      KeyId: KEY_ARN,
      Marker: 'm1',
    });
    expect(kms.commandCalls(EnableKeyRotationCommand)).toHaveLength(0);
  });

  it('does not ask for the rotation status or tags of an AWS managed key', async () => {
    // Arrange
    kms.on(DescribeKeyCommand).resolves({
      KeyMetadata: {
        KeyId: 'k',
        Arn: KEY_ARN,
        KeyManager: 'AWS',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyState: 'Enabled',
      },
    });

    // Act
    const { result } = await remediateKey();

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(0);
    expect(kms.commandCalls(ListResourceTagsCommand)).toHaveLength(0);
  });
});
