import { findingContext } from '../../../tests/finding-context';
import { parsedBeforeImage, stored } from '../../../tests/rollback-support';
import { IAM_8_MARK, iam_8, planIam8Rollback, type Iam8BeforeImage, type Iam8State } from './iam-8';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const NOW = new Date('2026-06-01T00:00:00.000Z');
const context = findingContext({
  controlId: 'IAM.8',
  resource: {
    Type: 'AwsIamUser',
    Id: 'arn:aws:iam::111122223333:user/build-bot',
    Partition: 'aws',
    Region: 'eu-west-1',
  },
  now: NOW,
});
const state = (status?: 'Active' | 'Inactive'): Iam8State => ({
  userName: 'build-bot',
  accessKeys:
    status === undefined ? [] : [{ accessKeyId: KEY, status, createDate: '2026-01-01T00:00:00.000Z' }],
  tags: status === 'Inactive' ? { [`${IAM_8_MARK}${KEY}`]: NOW.toISOString() } : {},
});
const before: Iam8BeforeImage = parsedBeforeImage(iam_8, {
  userName: 'build-bot',
  deactivatedKeyIds: [KEY],
  passwordDeleted: false,
});

describe('Control: IAM.8 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = iam_8.plan(state('Active'), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(iam_8, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('reactivates the key SOAR deactivated', () => {
    expect(planIam8Rollback(before, state('Inactive'), context)).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'iam:UpdateAccessKey', params: { op: 'reactivate', accessKeyId: KEY } }],
    });
  });

  it('is already as before when the key is active', () => {
    expect(planIam8Rollback(before, state('Active'), context).kind).toBe('already_as_before');
  });

  it('refuses when the key was deleted since, naming it', () => {
    expect(planIam8Rollback(before, state(), context)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining(KEY),
    });
  });

  it('says a deleted password cannot come back', () => {
    const plan = planIam8Rollback({ ...before, passwordDeleted: true }, state('Inactive'), context);
    expect(plan).toMatchObject({ kind: 'changes', actionsRequired: expect.stringContaining('password') });
  });

  it('refuses a before-image of another user', () => {
    expect(planIam8Rollback({ ...before, userName: 'other' }, state('Inactive'), context).kind).toBe(
      'refuse',
    );
  });
});
