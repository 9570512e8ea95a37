import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { kms_4 } from './kms-4';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const control = registerControl(kms_4);

function key(details: Record<string, unknown> | undefined, keyId = KEY_ID): FindingResource {
  return {
    Type: 'AwsKmsKey',
    Id: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsKmsKey: details } }),
    Tags: { team: 'payments' },
  };
}

/** A customer managed key as Security Hub describes it: ASFF has no KeySpec. */
const CUSTOMER_KEY = {
  AWSAccountId: ACCOUNT,
  KeyId: KEY_ID,
  KeyManager: 'CUSTOMER',
  KeyState: 'Enabled',
  Origin: 'AWS_KMS',
  CreationDate: 1673789536.248,
  Description: 'Encrypts the orders database',
  KeyRotationStatus: false,
};

const planOf = (details: Record<string, unknown> | undefined, status: 'FAILED' | 'PASSED' = 'FAILED') =>
  control.evaluateFromFinding(findingContext({ controlId: 'KMS.4', resource: key(details), status }));

describe('Control: KMS.4 fromFinding', () => {
  it('is unknown for an enabled customer key with rotation off: the finding does not say it is symmetric', () => {
    expect(planOf(CUSTOMER_KEY)).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('symmetric encryption key'),
    });
  });

  it('plans to turn rotation on when the finding names a symmetric key spec', () => {
    // Act
    const derived = kms_4.fromFinding?.(
      findingContext({
        controlId: 'KMS.4',
        resource: key({ ...CUSTOMER_KEY, KeySpec: 'SYMMETRIC_DEFAULT' }),
      }),
    );

    // Assert
    expect(derived).toEqual({
      kind: 'found',
      state: {
        keyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`,
        keyManager: 'CUSTOMER',
        keySpec: 'SYMMETRIC_DEFAULT',
        keyState: 'Enabled',
        origin: 'AWS_KMS',
        multiRegionKeyType: undefined,
        primaryKeyArn: undefined,
        deletionDate: undefined,
        rotationEnabled: false,
        tags: { team: 'payments' },
      },
    });
    expect(planOf({ ...CUSTOMER_KEY, KeySpec: 'SYMMETRIC_DEFAULT' })).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{ action: 'kms:EnableKeyRotation' }] },
    });
  });

  it('takes the rotation status from the verdict when the details leave it out', () => {
    const { KeyRotationStatus: _left, ...withoutRotation } = {
      ...CUSTOMER_KEY,
      KeySpec: 'SYMMETRIC_DEFAULT',
    };
    expect(planOf(withoutRotation, 'FAILED')).toMatchObject({ kind: 'found', plan: { kind: 'changes' } });
    expect(planOf(withoutRotation, 'PASSED')).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'rotation already on (only symmetric keys rotate)',
      { ...CUSTOMER_KEY, KeyRotationStatus: true },
      'compliant',
    ],
    ['an AWS managed key', { ...CUSTOMER_KEY, KeyManager: 'AWS', KeyRotationStatus: false }, 'compliant'],
    ['a key pending deletion', { ...CUSTOMER_KEY, KeyState: 'PendingDeletion' }, 'refuse'],
    ['a disabled key', { ...CUSTOMER_KEY, KeyState: 'Disabled' }, 'refuse'],
    ['a key being created', { ...CUSTOMER_KEY, KeyState: 'Creating' }, 'defer'],
    ['an asymmetric key', { ...CUSTOMER_KEY, KeySpec: 'RSA_2048' }, 'refuse'],
    [
      'imported key material',
      { ...CUSTOMER_KEY, KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'EXTERNAL' },
      'refuse',
    ],
  ])('plans as live for %s', (_name, details, kind) => {
    expect(planOf(details)).toMatchObject({ kind: 'found', plan: { kind } });
  });

  it('keeps AWS managed keys out of the opt-out tag, as live', () => {
    expect(planOf({ ...CUSTOMER_KEY, KeyManager: 'AWS' })).toMatchObject({ kind: 'found', tags: {} });
  });

  it.each<[string, FindingResource]>([
    ['carries no AwsKmsKey details', key(undefined)],
    ['does not say who manages the key', key({ KeyState: 'Enabled' })],
    ['does not say the key state', key({ KeyManager: 'CUSTOMER', Origin: 'AWS_KMS' })],
    [
      'is about a multi-Region key (primary or replica is only known live)',
      key(
        { ...CUSTOMER_KEY, KeyId: 'mrk-1234abcd12ab34cd56ef1234567890ab', KeySpec: 'SYMMETRIC_DEFAULT' },
        'mrk-1234abcd12ab34cd56ef1234567890ab',
      ),
    ],
  ])('is unknown when the finding %s', (_name, resource) => {
    expect(control.evaluateFromFinding(findingContext({ controlId: 'KMS.4', resource }))).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('SOAR checks that on the live key'),
    });
  });
});
