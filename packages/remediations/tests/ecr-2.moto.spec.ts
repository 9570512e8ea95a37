import { startMotoServer, type MotoServer } from '@soar/testing';
import { liveRepository } from './ecr-moto-fixtures';
import { motoAccess, padFor, run } from './remediation-harness';
import { scenario } from './scenarios/ecr-2';

describe('Control: ECR.2 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('makes the tags immutable, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('ECR.2', resource), { access });
    const second = await run(scenario.control, padFor('ECR.2', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      beforeImages: [
        { repositoryName: 'team/tagged-app', imageTagMutability: 'MUTABLE', exclusionFilters: [] },
      ],
    });
    expect((await liveRepository(access, resource))?.imageTagMutability).toBe('IMMUTABLE');
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });
});
