import { GetLifecyclePolicyCommand } from '@aws-sdk/client-ecr';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { ECR_3_POLICY_TEXT } from '../src/controls/ecr/ecr-3';
import { memberEcr, repositoryNameOf } from './ecr-moto-fixtures';
import { motoAccess, padFor, run } from './remediation-harness';
import { scenario } from './scenarios/ecr-3';

describe('Control: ECR.3 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  // moto stores lifecycle policies but never expires images, so which images a policy keeps is
  // checked on the policy itself (ecr-3.spec.ts); here, that ECR holds exactly SOAR's policy.
  it('sets the policy that expires untagged images only, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('ECR.3', resource), { access });
    const second = await run(scenario.control, padFor('ECR.3', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('tagged images are kept')],
    });
    const policy = await memberEcr(access).send(
      new GetLifecyclePolicyCommand({ repositoryName: repositoryNameOf(resource) }),
    );
    expect(JSON.parse(policy.lifecyclePolicyText ?? '{}')).toEqual(JSON.parse(ECR_3_POLICY_TEXT));
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('is ticket-only where destructive fixes are not approved (production by default)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const { result } = await run(scenario.control, padFor('ECR.3', resource), {
      access,
      ticketOnly: (control) => control.destructive,
    });

    // Assert
    expect(result.kind).toBe('not_done');
    await expect(
      memberEcr(access).send(new GetLifecyclePolicyCommand({ repositoryName: repositoryNameOf(resource) })),
    ).rejects.toMatchObject({ name: 'LifecyclePolicyNotFoundException' });
  });
});
