import { ECRClient, PutImageTagMutabilityCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ecr_2, planEcr2Rollback, type Ecr2State } from './ecr-2';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const context = unitContext({
  controlId: 'ECR.2',
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

function state(
  imageTagMutability: Ecr2State['imageTagMutability'],
  exclusionFilters: string[] = [],
): Ecr2State {
  return {
    repositoryName: 'team/app',
    registryId: ACCOUNT,
    createdAt: '2026-09-01T08:30:00.000Z',
    tags: {},
    imageTagMutability,
    exclusionFilters,
  };
}

const before = parsedBeforeImage(ecr_2, {
  repositoryName: 'team/app',
  registryId: ACCOUNT,
  createdAt: '2026-09-01T08:30:00.000Z',
  imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
  exclusionFilters: ['release-*'],
});

describe('Control: ECR.2 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = ecr_2.plan(state('MUTABLE_WITH_EXCLUSION', ['release-*']), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(ecr_2, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('puts back the mutability with its exclusion filters', () => {
    expect(planEcr2Rollback(before, state('IMMUTABLE'))).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutImageTagMutability',
          params: { imageTagMutability: 'MUTABLE_WITH_EXCLUSION', exclusionFilters: ['release-*'] },
        },
      ],
    });
  });

  it('is already as before when the repository has its old setting', () => {
    expect(planEcr2Rollback(before, state('MUTABLE_WITH_EXCLUSION', ['release-*'])).kind).toBe(
      'already_as_before',
    );
  });

  it('refuses when someone set another mutability since', () => {
    expect(planEcr2Rollback(before, state('IMMUTABLE_WITH_EXCLUSION', ['dev-*']))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('someone changed it since'),
    });
  });

  it('rejects a before-image whose mutability was immutable, naming the field', () => {
    expect(beforeImageErrorOf(ecr_2, { ...before, imageTagMutability: 'IMMUTABLE' }).field).toBe(
      'imageTagMutability',
    );
  });
});

describe('Control: ECR.2 rollback apply (aws-sdk-client-mock)', () => {
  const ecr = mockClient(ECRClient);
  afterEach(() => ecr.reset());

  it('sends the exclusion filters with a *_WITH_EXCLUSION mutability', async () => {
    ecr.on(PutImageTagMutabilityCommand).resolves({});
    const plan = planEcr2Rollback(before, state('IMMUTABLE'));
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await rollbackOf(ecr_2).apply(plan.changes, context);
    expect(ecr.commandCalls(PutImageTagMutabilityCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryName: 'team/app',
      imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filter: 'release-*', filterType: 'WILDCARD' }],
    });
  });
});
