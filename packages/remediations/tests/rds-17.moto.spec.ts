import { startMotoServer, type MotoServer } from '@soar/testing';
import { motoAccess, padFor, run } from './remediation-harness';
import { arrangeAuroraMember, liveCluster, liveInstance } from './rds-moto-fixtures';
import { scenario } from './scenarios/rds-17';

describe('Control: RDS.17 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('turns copying of tags to snapshots on, says so, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('RDS.17', resource), { access });
    const second = await run(scenario.control, padFor('RDS.17', resource), { access });

    // Assert: the original reported "None." after changing the instance
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining('Requested copying of tags to snapshots turned on on the DB instance'),
      ],
    });
    expect((await liveInstance(access, resource)).CopyTagsToSnapshot).toBe(true);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('turns copying on for the Aurora cluster, which decides for its snapshots (the instance setting has no effect)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { resource, clusterId } = await arrangeAuroraMember(access, { CopyTagsToSnapshot: false });

    // Act
    const { result } = await run(scenario.control, padFor('RDS.17', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining(`DB cluster ${clusterId}`)],
    });
    expect((await liveCluster(access, clusterId)).CopyTagsToSnapshot).toBe(true);
  });
});
