import { DisableEbsEncryptionByDefaultCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ec2_7 } from './ec2-7';

const REGION = 'eu-west-1';
const context = unitContext({
  controlId: 'EC2.7',
  resource: { Type: 'AwsAccount', Id: 'AWS::::Account:111122223333', Partition: 'aws', Region: REGION },
  accountId: '111122223333',
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const rollback = rollbackOf(ec2_7);
const before = parsedBeforeImage(ec2_7, { ebsEncryptionByDefault: false, region: REGION });

describe('Control: EC2.7 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    // Act
    const plan = ec2_7.plan({ enabled: false }, context);

    // Assert
    expect(plan.kind === 'changes' ? parsedBeforeImage(ec2_7, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns EBS encryption by default back off when it is on', () => {
    // Act
    const plan = rollback.plan(before, { enabled: true }, context);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ec2:DisableEbsEncryptionByDefault',
          description: expect.stringContaining(`Turned EBS encryption by default back off in ${REGION}`),
        },
      ],
    });
  });

  it('is already as before when it is off', () => {
    // Act / Assert
    expect(rollback.plan(before, { enabled: false }, context).kind).toBe('already_as_before');
  });

  it('refuses a before-image of another region', () => {
    // Act
    const plan = rollback.plan({ ...before, region: 'us-east-1' }, { enabled: true }, context);

    // Assert
    expect(plan).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('us-east-1') });
  });

  it.each([
    ['encryption that was on', { ebsEncryptionByDefault: true, region: REGION }, 'ebsEncryptionByDefault'],
    ['no region', { ebsEncryptionByDefault: false }, 'region'],
    ['not an object', [false], ''],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(ec2_7, value).field).toBe(field);
  });
});

describe('Control: EC2.7 rollback apply', () => {
  const ec2 = mockClient(EC2Client);
  afterEach(() => ec2.reset());

  it('calls DisableEbsEncryptionByDefault', async () => {
    // Arrange
    ec2.on(DisableEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
    const plan = rollback.plan(before, { enabled: true }, context);

    // Act
    await rollback.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(ec2.commandCalls(DisableEbsEncryptionByDefaultCommand)).toHaveLength(1);
  });
});
