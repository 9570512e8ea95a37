import { ECRClient, PutImageScanningConfigurationCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ecr_1, planEcr1Rollback, type Ecr1State } from './ecr-1';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const context = unitContext({
  controlId: 'ECR.1',
  resource: {
    Type: 'AwsEcrRepository',
    Id: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/app`,
    Partition: 'aws',
    Region: REGION,
  },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const CREATED = '2026-09-01T08:30:00.000Z';

function state(scanOnPush: boolean, createdAt = CREATED): Ecr1State {
  return {
    repositoryName: 'team/app',
    registryId: ACCOUNT,
    createdAt,
    tags: {},
    scanOnPush,
    registryScanType: 'BASIC',
    registryRules: [],
  };
}

const before = parsedBeforeImage(ecr_1, {
  repositoryName: 'team/app',
  registryId: ACCOUNT,
  createdAt: CREATED,
  scanOnPush: false,
});

describe('Control: ECR.1 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = ecr_1.plan(state(false), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(ecr_1, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns scan on push off again', () => {
    expect(planEcr1Rollback(before, state(true))).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutImageScanningConfiguration',
          params: { registryId: ACCOUNT, repositoryName: 'team/app', scanOnPush: false },
        },
      ],
    });
  });

  it('is already as before when scan on push is off', () => {
    expect(planEcr1Rollback(before, state(false)).kind).toBe('already_as_before');
  });

  it('refuses a repository deleted and created again since the fix', () => {
    expect(planEcr1Rollback(before, state(true, '2026-12-01T00:00:00.000Z'))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('deleted and created again'),
    });
  });

  it('refuses a before-image of another repository', () => {
    expect(planEcr1Rollback({ ...before, repositoryName: 'other' }, state(true)).kind).toBe('refuse');
  });

  it('rejects a before-image that says scan on push was on, naming the field', () => {
    expect(beforeImageErrorOf(ecr_1, { ...before, scanOnPush: true }).field).toBe('scanOnPush');
  });
});

describe('Control: ECR.1 rollback apply (aws-sdk-client-mock)', () => {
  const ecr = mockClient(ECRClient);
  afterEach(() => ecr.reset());

  it('turns scan on push off', async () => {
    ecr.on(PutImageScanningConfigurationCommand).resolves({});
    const plan = planEcr1Rollback(before, state(true));
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await rollbackOf(ecr_1).apply(plan.changes, context);
    expect(ecr.commandCalls(PutImageScanningConfigurationCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryName: 'team/app',
      imageScanningConfiguration: { scanOnPush: false },
    });
  });
});
