import { startMotoServer, type MotoServer } from '@soar/testing';
import { motoAccess, padFor, run } from './remediation-harness';
import { liveInstance } from './rds-moto-fixtures';
import { scenario } from './scenarios/rds-9';

describe('Control: RDS.9 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('exports the PostgreSQL logs, keeps the parameter group, does not reboot, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const groupsBefore = (await liveInstance(access, resource)).DBParameterGroups;

    // Act
    const first = await run(scenario.control, padFor('RDS.9', resource), { access });
    const second = await run(scenario.control, padFor('RDS.9', resource), { access });

    // Assert: the original replaced the parameter group with a copy of the defaults and rebooted
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining('Requested the postgresql, upgrade logs published to CloudWatch Logs'),
      ],
    });
    const live = await liveInstance(access, resource);
    expect([...(live.EnabledCloudwatchLogsExports ?? [])].sort()).toEqual(['postgresql', 'upgrade']);
    expect(live.DBParameterGroups).toEqual(groupsBefore);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });
});
