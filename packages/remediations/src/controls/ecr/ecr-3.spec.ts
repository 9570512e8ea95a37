import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  ListTagsForResourceCommand,
  PutLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { ECR_3_POLICY_TEXT, ECR_3_UNTAGGED_DAYS, ecr_3, type Ecr3State } from './ecr-3';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/app`;
const context = unitContext({
  controlId: 'ECR.3',
  resource: { Type: 'AwsEcrRepository', Id: ARN, Partition: 'aws', Region: REGION },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});

const state: Ecr3State = {
  repositoryName: 'team/app',
  registryId: ACCOUNT,
  createdAt: '2026-09-01T08:30:00.000Z',
  tags: {},
};

interface PolicyRule {
  readonly selection: {
    readonly tagStatus: string;
    readonly countType: string;
    readonly countNumber: number;
  };
  readonly action: { readonly type: string };
}

describe('Control: ECR.3 plan', () => {
  it('is compliant when the repository has any lifecycle policy', () => {
    expect(ecr_3.plan({ ...state, lifecyclePolicyText: '{"rules":[]}' }, context).kind).toBe('compliant');
  });

  it('sets SOAR policy on a repository without one, recording the policy it set', () => {
    expect(ecr_3.plan(state, context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutLifecyclePolicy',
          description: expect.stringContaining('tagged images are kept'),
          params: { registryId: ACCOUNT, repositoryName: 'team/app', lifecyclePolicyText: ECR_3_POLICY_TEXT },
        },
      ],
      beforeImage: {
        repositoryName: 'team/app',
        registryId: ACCOUNT,
        createdAt: '2026-09-01T08:30:00.000Z',
        soarPolicyText: ECR_3_POLICY_TEXT,
      },
      actionsRequired: expect.stringContaining('untagged images'),
    });
  });

  it('keeps tagged images in use: every rule selects untagged images only, by age (the original expired all but the two newest images of any tag status)', () => {
    // Act
    const rules = (JSON.parse(ECR_3_POLICY_TEXT) as { rules: PolicyRule[] }).rules;

    // Assert
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.selection).toMatchObject({
        tagStatus: 'untagged',
        countType: 'sinceImagePushed',
        countNumber: ECR_3_UNTAGGED_DAYS,
      });
      expect(rule.selection.countType).not.toBe('imageCountMoreThan');
    }
  });

  it('is destructive, so production environments get a ticket unless destructive fixes are approved', () => {
    expect(ecr_3.destructive).toBe(true);
  });
});

describe('Control: ECR.3 read and apply (aws-sdk-client-mock)', () => {
  const ecr = mockClient(ECRClient);
  beforeEach(() => {
    ecr.on(DescribeRepositoriesCommand).resolves({
      repositories: [
        {
          repositoryName: 'team/app',
          registryId: ACCOUNT,
          repositoryArn: ARN,
          createdAt: new Date('2026-09-01T08:30:00Z'),
        },
      ],
    });
    ecr.on(ListTagsForResourceCommand).resolves({ tags: [] });
  });
  afterEach(() => ecr.reset());

  it('reads no policy from LifecyclePolicyNotFoundException (a normal state)', async () => {
    ecr
      .on(GetLifecyclePolicyCommand)
      .rejects(Object.assign(new Error('none'), { name: 'LifecyclePolicyNotFoundException' }));
    expect(await ecr_3.read(context)).toEqual({ kind: 'found', state });
  });

  it('is gone when the repository disappears between the two reads', async () => {
    ecr
      .on(GetLifecyclePolicyCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'RepositoryNotFoundException' }));
    expect((await ecr_3.read(context)).kind).toBe('gone');
  });

  it('lets other errors through', async () => {
    ecr
      .on(GetLifecyclePolicyCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    await expect(ecr_3.read(context)).rejects.toThrow('slow down');
  });

  it('puts SOAR policy', async () => {
    ecr.on(PutLifecyclePolicyCommand).resolves({});
    const plan = ecr_3.plan(state, context);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await ecr_3.apply(plan.changes, context);
    expect(ecr.commandCalls(PutLifecyclePolicyCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryName: 'team/app',
      lifecyclePolicyText: ECR_3_POLICY_TEXT,
    });
  });
});
