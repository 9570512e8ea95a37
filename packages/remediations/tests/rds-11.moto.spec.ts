import { startMotoServer, type MotoServer } from '@soar/testing';
import { motoAccess, padFor, run } from './remediation-harness';
import { arrangeAuroraMember, liveCluster, liveInstance } from './rds-moto-fixtures';
import { scenario } from './scenarios/rds-11';

describe('Control: RDS.11 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('sets a 7-day backup retention on a standalone instance, says so, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('RDS.11', resource), { access });
    const second = await run(scenario.control, padFor('RDS.11', resource), { access });

    // Assert: the original reported "None." after changing the instance
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Requested automated backups kept 7 days on the DB instance')],
    });
    expect((await liveInstance(access, resource)).BackupRetentionPeriod).toBe(7);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('sets the retention on the Aurora cluster, which keeps the backups of its instances', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { resource, clusterId } = await arrangeAuroraMember(access, { BackupRetentionPeriod: 1 });

    // Act
    const { result } = await run(scenario.control, padFor('RDS.11', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining(`on the DB cluster ${clusterId}`)],
    });
    expect((await liveCluster(access, clusterId)).BackupRetentionPeriod).toBe(7);
  });
});
