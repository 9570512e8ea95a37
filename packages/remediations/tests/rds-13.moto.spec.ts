import { startMotoServer, type MotoServer } from '@soar/testing';
import { motoAccess, padFor, run } from './remediation-harness';
import { arrangeAuroraMember, liveInstance } from './rds-moto-fixtures';
import { scenario } from './scenarios/rds-13';

describe('Control: RDS.13 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('turns automatic minor version upgrades on, says so, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('RDS.13', resource), { access });
    const second = await run(scenario.control, padFor('RDS.13', resource), { access });

    // Assert: the original reported "None." after changing the instance
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining('Requested automatic minor version upgrades turned on on the DB instance'),
      ],
    });
    expect((await liveInstance(access, resource)).AutoMinorVersionUpgrade).toBe(true);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('is compliant for an Aurora member that upgrades automatically (its own setting)', async () => {
    // Arrange: moto creates Aurora instances with automatic upgrades on
    const access = motoAccess(moto);
    const { resource } = await arrangeAuroraMember(access);

    // Act
    const { result } = await run(scenario.control, padFor('RDS.13', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
  });
});
