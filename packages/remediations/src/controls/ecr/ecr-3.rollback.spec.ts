import { DeleteLifecyclePolicyCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import { ECR_3_POLICY_TEXT, ecr_3, planEcr3Rollback, type Ecr3State } from './ecr-3';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const context = unitContext({
  controlId: 'ECR.3',
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

function state(lifecyclePolicyText?: string): Ecr3State {
  return {
    repositoryName: 'team/app',
    registryId: ACCOUNT,
    createdAt: '2026-09-01T08:30:00.000Z',
    tags: {},
    ...(lifecyclePolicyText === undefined ? {} : { lifecyclePolicyText }),
  };
}

const before = parsedBeforeImage(ecr_3, {
  repositoryName: 'team/app',
  registryId: ACCOUNT,
  createdAt: '2026-09-01T08:30:00.000Z',
  soarPolicyText: ECR_3_POLICY_TEXT,
});

describe('Control: ECR.3 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = ecr_3.plan(state(), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(ecr_3, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('deletes the policy while it is still SOAR policy, even re-indented', () => {
    const reindented = JSON.stringify(JSON.parse(ECR_3_POLICY_TEXT), null, 2);
    expect(planEcr3Rollback(before, state(reindented))).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'ecr:DeleteLifecyclePolicy', params: { repositoryName: 'team/app' } }],
    });
  });

  it('is already as before without a policy', () => {
    expect(planEcr3Rollback(before, state()).kind).toBe('already_as_before');
  });

  it('refuses when someone changed the policy since', () => {
    expect(planEcr3Rollback(before, state('{"rules":[]}'))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('no longer the one SOAR set'),
    });
  });

  it('rejects a before-image without the policy SOAR set, naming the field', () => {
    expect(beforeImageErrorOf(ecr_3, { ...before, soarPolicyText: undefined }).field).toBe('soarPolicyText');
  });
});

describe('Control: ECR.3 rollback apply (aws-sdk-client-mock)', () => {
  const ecr = mockClient(ECRClient);
  afterEach(() => ecr.reset());

  it('treats a policy already deleted as done', async () => {
    ecr
      .on(DeleteLifecyclePolicyCommand)
      .rejects(Object.assign(new Error('none'), { name: 'LifecyclePolicyNotFoundException' }));
    const plan = planEcr3Rollback(before, state(ECR_3_POLICY_TEXT));
    if (plan.kind !== 'changes') throw new Error('expected changes');
    await expect(rollbackOf(ecr_3).apply(plan.changes, context)).resolves.toBeUndefined();
  });
});
