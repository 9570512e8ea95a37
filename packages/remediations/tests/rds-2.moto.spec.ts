import { ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { motoAccess, padFor, run } from './remediation-harness';
import { arrangeAuroraMember, liveInstance, memberRds } from './rds-moto-fixtures';
import { scenario } from './scenarios/rds-2';

describe('Control: RDS.2 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('turns public access off, says so in the result, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('RDS.2', resource), { access });
    const second = await run(scenario.control, padFor('RDS.2', resource), { access });

    // Assert: the original reported "None." after changing the instance; the result names the change
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Requested public access turned off on the DB instance')],
    });
    expect(first.scratchpad.messages.actions_taken).toContain('public access turned off');
    expect(first.scratchpad.messages.actions_taken).not.toBe('None.');
    expect((await liveInstance(access, resource)).PubliclyAccessible).toBe(false);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('changes the Aurora member instance itself (each Aurora instance has its own public access)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { resource } = await arrangeAuroraMember(access);
    const id = resource.Id.slice(resource.Id.lastIndexOf(':') + 1);
    await memberRds(access).send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: id,
        PubliclyAccessible: true,
        ApplyImmediately: true,
      }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('RDS.2', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining(`DB instance ${id}`)],
    });
    expect((await liveInstance(access, resource)).PubliclyAccessible).toBe(false);
  });

  it('suppresses the finding of a deleted instance, found by the describe call (the original waited on a waiter that failed first)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await moto.reset();

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('RDS.2', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('no longer exists'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
