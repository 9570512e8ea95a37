import {
  DescribeRepositoriesCommand,
  ECRClient,
  ListTagsForResourceCommand,
  PutImageTagMutabilityCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { ecr_2, type Ecr2State } from './ecr-2';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/app`;
const context = unitContext({
  controlId: 'ECR.2',
  resource: { Type: 'AwsEcrRepository', Id: ARN, Partition: 'aws', Region: REGION },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});

function state(overrides: Partial<Ecr2State> = {}): Ecr2State {
  return {
    repositoryName: 'team/app',
    registryId: ACCOUNT,
    createdAt: '2026-09-01T08:30:00.000Z',
    tags: {},
    imageTagMutability: 'MUTABLE',
    exclusionFilters: [],
    ...overrides,
  };
}

describe('Control: ECR.2 plan', () => {
  it.each([
    ['IMMUTABLE', [], 'compliant'],
    ['IMMUTABLE_WITH_EXCLUSION', ['dev-*'], 'compliant'],
    ['MUTABLE', [], 'changes'],
    ['MUTABLE_WITH_EXCLUSION', ['release-*'], 'changes'],
  ] as const)('%s (exclusions %j): %s', (imageTagMutability, exclusionFilters, kind) => {
    expect(ecr_2.plan(state({ imageTagMutability, exclusionFilters }), context).kind).toBe(kind);
  });

  it('sets IMMUTABLE and records the mutability and exclusions before', () => {
    const plan = ecr_2.plan(
      state({ imageTagMutability: 'MUTABLE_WITH_EXCLUSION', exclusionFilters: ['release-*'] }),
      context,
    );
    expect(plan).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutImageTagMutability',
          description:
            'Made the image tags of the ECR repository team/app immutable (it had mutable tags except release-*).',
          params: {
            registryId: ACCOUNT,
            repositoryName: 'team/app',
            imageTagMutability: 'IMMUTABLE',
            exclusionFilters: [],
          },
        },
      ],
      beforeImage: {
        repositoryName: 'team/app',
        registryId: ACCOUNT,
        createdAt: '2026-09-01T08:30:00.000Z',
        imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
        exclusionFilters: ['release-*'],
      },
      actionsRequired: expect.stringContaining('unique tag'),
    });
  });
});

describe('Control: ECR.2 read and apply (aws-sdk-client-mock)', () => {
  const ecr = mockClient(ECRClient);
  afterEach(() => ecr.reset());

  it('reads the mutability and its exclusion filters', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({
      repositories: [
        {
          repositoryName: 'team/app',
          registryId: ACCOUNT,
          repositoryArn: ARN,
          createdAt: new Date('2026-09-01T08:30:00Z'),
          imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
          imageTagMutabilityExclusionFilters: [{ filter: 'release-*', filterType: 'WILDCARD' }],
        },
      ],
    });
    ecr.on(ListTagsForResourceCommand).resolves({ tags: [] });
    expect(await ecr_2.read(context)).toEqual({
      kind: 'found',
      state: state({ imageTagMutability: 'MUTABLE_WITH_EXCLUSION', exclusionFilters: ['release-*'] }),
    });
  });

  it('is gone when the repository is not found', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .rejects(Object.assign(new Error('not found'), { name: 'RepositoryNotFoundException' }));
    expect((await ecr_2.read(context)).kind).toBe('gone');
  });

  it('puts IMMUTABLE without exclusion filters', async () => {
    ecr.on(PutImageTagMutabilityCommand).resolves({});
    const plan = ecr_2.plan(state(), context);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await ecr_2.apply(plan.changes, context);
    expect(ecr.commandCalls(PutImageTagMutabilityCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryName: 'team/app',
      imageTagMutability: 'IMMUTABLE',
    });
  });
});
