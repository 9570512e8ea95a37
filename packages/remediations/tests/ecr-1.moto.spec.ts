import {
  GetRegistryScanningConfigurationCommand,
  PutRegistryScanningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { liveRepository, memberEcr } from './ecr-moto-fixtures';
import { motoAccess, padFor, run } from './remediation-harness';
import { scenario } from './scenarios/ecr-1';

describe('Control: ECR.1 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  it('turns on scan on push for the repository alone, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('ECR.1', resource), { access });
    const second = await run(scenario.control, padFor('ECR.1', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: ['Turned on scan on push (basic scanning) for the ECR repository team/scanned-app.'],
      beforeImages: [{ repositoryName: 'team/scanned-app', scanOnPush: false }],
    });
    expect((await liveRepository(access, resource))?.imageScanningConfiguration?.scanOnPush).toBe(true);
    const registry = await memberEcr(access).send(new GetRegistryScanningConfigurationCommand({}));
    expect(registry.scanningConfiguration).toMatchObject({ scanType: 'BASIC', rules: [] });
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('leaves an enhanced-scanning registry and its rules alone, with a ticket', async () => {
    // Arrange: Inspector scans only prod-* repositories
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const rules = [
      {
        scanFrequency: 'CONTINUOUS_SCAN' as const,
        repositoryFilters: [{ filter: 'prod-*', filterType: 'WILDCARD' as const }],
      },
    ];
    await memberEcr(access).send(
      new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('ECR.1', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('enhanced scanning') });
    expect(scratchpad.actions.autoremediation_not_done).toBe(true);
    const registry = await memberEcr(access).send(new GetRegistryScanningConfigurationCommand({}));
    expect(registry.scanningConfiguration).toMatchObject({ scanType: 'ENHANCED', rules });
  });
});
