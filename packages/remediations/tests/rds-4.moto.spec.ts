import { DescribeDBSnapshotsCommand, ModifyDBSnapshotAttributeCommand } from '@aws-sdk/client-rds';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { arrangeInstance, memberRds } from './rds-moto-fixtures';
import { scenario } from './scenarios/rds-4';

const nameOf = (id: string) => id.slice(id.indexOf(':snapshot:') + ':snapshot:'.length);

describe('Control: RDS.4 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  it('copies the snapshot encrypted to <name>-encrypted, deletes the original once the copy is available, and says so', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const name = nameOf(resource.Id);
    const rds = memberRds(access, 'observe');

    // Act (moto copies at once: the copy is available when SOAR looks, so the original goes in the same run)
    const { result } = await run(scenario.control, padFor('RDS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining(`Copied the snapshot ${name} to ${name}-encrypted`),
        expect.stringContaining(`Deletes the unencrypted snapshot ${name}`),
      ],
    });
    const { DBSnapshots } = await rds.send(
      new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: `${name}-encrypted` }),
    );
    expect(DBSnapshots?.[0]?.Encrypted).toBe(true);
    await expect(rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: name }))).rejects.toThrow(
      'not found',
    );
  });

  it('tickets an automated snapshot, its rds: prefix kept, instead of suppressing it (the original cut the prefix, found nothing and suppressed)', async () => {
    // Arrange: moto takes an automated snapshot of an instance with backups
    const access = motoAccess(moto);
    const instance = await arrangeInstance(access, { BackupRetentionPeriod: 7 });
    const instanceId = instance.Id.slice(instance.Id.lastIndexOf(':') + 1);
    const { DBSnapshots } = await memberRds(access).send(
      new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: instanceId, SnapshotType: 'automated' }),
    );
    const automated = DBSnapshots?.[0]?.DBSnapshotIdentifier ?? '';
    expect(automated.startsWith('rds:')).toBe(true);
    const resource = {
      Type: 'AwsRdsDbSnapshot',
      Id: `arn:aws:rds:${REGION}:${MEMBER_ACCOUNT}:snapshot:${automated}`,
      Partition: 'aws' as const,
      Region: REGION,
    };

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('RDS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining(`${automated} is an automated snapshot`),
    });
    expect(scratchpad.actions).toMatchObject({ suppress_finding: false, autoremediation_not_done: true });
  });

  it('tickets a snapshot shared with another account, changing nothing (an aws/rds copy cannot be shared)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const name = nameOf(resource.Id);
    await memberRds(access).send(
      new ModifyDBSnapshotAttributeCommand({
        DBSnapshotIdentifier: name,
        AttributeName: 'restore',
        ValuesToAdd: ['444455556666'],
      }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('RDS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('shared with 444455556666'),
    });
    const { DBSnapshots } = await memberRds(access, 'observe').send(
      new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: name }),
    );
    expect(DBSnapshots?.[0]?.Encrypted).toBe(false);
  });

  it('suppresses the finding of a deleted snapshot, found by the describe call (no waiter)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await moto.reset();

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('RDS.4', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('no longer exists'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
