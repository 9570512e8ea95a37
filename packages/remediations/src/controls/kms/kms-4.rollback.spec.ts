import {
  DescribeKeyCommand,
  DisableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { directAccess, unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { registerControl } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { rollback as runRollback } from '../../engine/rollback';
import { kms_4, type Kms4State } from './kms-4';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const resource = { Type: 'AwsKmsKey', Id: KEY_ARN, Partition: 'aws', Region: REGION };
const context = unitContext({
  controlId: 'KMS.4',
  resource,
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const rollback = rollbackOf(kms_4);
const before = parsedBeforeImage(kms_4, {
  keyArn: KEY_ARN,
  keyRotationEnabled: false,
  enabledWithRotationPeriodInDays: 365,
});

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
    rotationEnabled: true,
    rotationPeriodInDays: 365,
    tags: {},
    ...overrides,
  };
}

describe('Control: KMS.4 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    // Act
    const plan = kms_4.plan(aKey({ rotationEnabled: false, rotationPeriodInDays: undefined }), context);

    // Assert
    expect(plan.kind === 'changes' ? parsedBeforeImage(kms_4, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns rotation back off when SOAR turned it on', () => {
    // Act
    const plan = rollback.plan(before, aKey(), context);

    // Assert
    expect(plan).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'kms:DisableKeyRotation',
          description: `Turned automatic rotation back off for the KMS key ${KEY_ARN}, as before SOAR's fix.`,
          params: { keyArn: KEY_ARN },
        },
      ],
      actionsRequired: expect.stringContaining('stays readable'),
    });
  });

  it('is already as before when rotation is off', () => {
    // Act / Assert
    expect(rollback.plan(before, aKey({ rotationEnabled: false }), context).kind).toBe('already_as_before');
  });

  it('reads an older before-image without the rotation period as the default period', () => {
    // Act
    const older = parsedBeforeImage(kms_4, { keyArn: KEY_ARN, keyRotationEnabled: false });

    // Assert
    expect(older.enabledWithRotationPeriodInDays).toBe(365);
  });

  it.each([
    ['the rotation period was changed since the fix', aKey({ rotationPeriodInDays: 90 }), 'every 90 days'],
    ['the key is disabled', aKey({ keyState: 'Disabled', rotationEnabled: undefined }), 'Disabled now'],
    [
      'the key is scheduled for deletion',
      aKey({ keyState: 'PendingDeletion', rotationEnabled: undefined }),
      'PendingDeletion now',
    ],
    ['KMS cannot rotate it', aKey({ rotationEnabled: undefined }), 'cannot rotate'],
    ['the before-image is of another key', aKey({ keyArn: `${KEY_ARN}0` }), 'not arn:'],
  ])('refuses when %s', (_name, state, reason) => {
    // Act / Assert
    expect(rollback.plan(before, state, context)).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining(reason),
    });
  });

  it.each([
    ['rotation that was on', { ...before, keyRotationEnabled: true }, 'keyRotationEnabled'],
    ['no key', { keyRotationEnabled: false }, 'keyArn'],
    [
      'a period that is no whole number',
      { ...before, enabledWithRotationPeriodInDays: 1.5 },
      'enabledWithRotationPeriodInDays',
    ],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(kms_4, value).field).toBe(field);
  });
});

describe('Control: KMS.4 rollback through the runner (aws-sdk-client-mock: moto reports no RotationPeriodInDays)', () => {
  const kms = mockClient(KMSClient);
  afterEach(() => kms.reset());
  const record = {
    controlId: 'KMS.4',
    finding: aControlFinding({ controlId: 'KMS.4', accountId: ACCOUNT, region: REGION, resource }),
    beforeImage: stored(before),
  };
  const options = {
    access: directAccess(REGION),
    registry: new Registry([registerControl(kms_4)]),
    verify: { attempts: 1, delayMs: 0 },
  };

  beforeEach(() => {
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
    kms.on(ListResourceTagsCommand).resolves({ Tags: [] });
  });

  it('refuses a key whose rotation period someone set since the fix, and leaves rotation on', async () => {
    // Arrange
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });

    // Act
    const result = await runRollback(record, options);

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('every 90 days') });
    expect(kms.commandCalls(DisableKeyRotationCommand)).toHaveLength(0);
  });

  it('turns rotation off with the period SOAR set, and verifies it', async () => {
    // Arrange
    kms
      .on(GetKeyRotationStatusCommand)
      .resolvesOnce({ KeyRotationEnabled: true, RotationPeriodInDays: 365 })
      .resolves({ KeyRotationEnabled: false });
    kms.on(DisableKeyRotationCommand).resolves({});

    // Act
    const result = await runRollback(record, options);

    // Assert
    expect(result).toMatchObject({ kind: 'rolled_back', resourceId: KEY_ARN });
    expect(kms.commandCalls(DisableKeyRotationCommand).map((c) => c.args[0].input)).toEqual([
      { KeyId: KEY_ARN },
    ]);
  });
});
