import {
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  S3Client,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { beforeImageErrorOf, parsedBeforeImage, rollbackOf, stored } from '../../../tests/rollback-support';
import {
  planS310Rollback,
  s3_10,
  SOAR_LIFECYCLE_RULE,
  SOAR_LIFECYCLE_RULE_ID,
  type S310State,
} from './s3-10';

const ACCOUNT = '111122223333';
const BUCKET = 'example-data';
const context = unitContext({
  controlId: 'S3.10',
  resource: { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${BUCKET}`, Partition: 'aws', Region: 'eu-west-1' },
  accountId: ACCOUNT,
  region: 'eu-west-1',
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});

const TEAM_RULE: LifecycleRule = {
  ID: 'team-expire-logs',
  Status: 'Disabled',
  Filter: { Prefix: 'logs/' },
  Expiration: { Days: 30 },
};
const before = parsedBeforeImage(s3_10, {
  bucket: BUCKET,
  lifecycleRules: [TEAM_RULE],
  addedRuleId: SOAR_LIFECYCLE_RULE_ID,
  addedRule: SOAR_LIFECYCLE_RULE,
});

function state(rules: LifecycleRule[] | undefined): S310State {
  return { bucket: BUCKET, versioning: 'Enabled', rules, tags: {} };
}

describe('Control: S3.10 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    // Act
    const plan = s3_10.plan(state([TEAM_RULE]), context);

    // Assert
    expect(plan.kind === 'changes' ? parsedBeforeImage(s3_10, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('removes only the rule SOAR added, keeping the others', () => {
    // Act
    const plan = planS310Rollback(before, state([TEAM_RULE, { ...SOAR_LIFECYCLE_RULE }]));

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 's3:PutLifecycleConfiguration',
          description: expect.stringContaining('its 1 other rule(s) are kept as they are'),
          params: { bucket: BUCKET, ruleId: SOAR_LIFECYCLE_RULE_ID },
        },
      ],
      actionsRequired: expect.stringContaining('cannot be brought back'),
    });
  });

  it('accepts SOAR’s rule as S3 may report it (empty filter prefix, no NewerNoncurrentVersions)', () => {
    // Arrange
    const reported: LifecycleRule = {
      ID: SOAR_LIFECYCLE_RULE_ID,
      Status: 'Enabled',
      Filter: {},
      NoncurrentVersionExpiration: { NoncurrentDays: 365 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    };

    // Act / Assert
    expect(planS310Rollback(before, state([reported])).kind).toBe('changes');
  });

  it('reads an older before-image without the added rule as SOAR’s rule', () => {
    // Act
    const older = parsedBeforeImage(s3_10, { bucket: BUCKET, lifecycleRules: null });

    // Assert
    expect(older.addedRuleId).toBe(SOAR_LIFECYCLE_RULE_ID);
    expect(planS310Rollback(older, state([{ ...SOAR_LIFECYCLE_RULE }]))).toMatchObject({
      kind: 'changes',
      changes: [{ description: expect.stringContaining('has no lifecycle configuration now') }],
    });
  });

  it('is already as before when SOAR’s rule is not there', () => {
    // Act / Assert
    expect(planS310Rollback(before, state([TEAM_RULE])).kind).toBe('already_as_before');
    expect(planS310Rollback(before, state(undefined)).kind).toBe('already_as_before');
  });

  it.each<[string, LifecycleRule]>([
    ['its days', { ...SOAR_LIFECYCLE_RULE, NoncurrentVersionExpiration: { NoncurrentDays: 90 } }],
    ['its status', { ...SOAR_LIFECYCLE_RULE, Status: 'Disabled' }],
    ['its filter', { ...SOAR_LIFECYCLE_RULE, Filter: { Prefix: 'data/' } }],
    ['an action added', { ...SOAR_LIFECYCLE_RULE, Expiration: { Days: 400 } }],
    [
      'versions kept',
      {
        ...SOAR_LIFECYCLE_RULE,
        NoncurrentVersionExpiration: { NoncurrentDays: 365, NewerNoncurrentVersions: 5 },
      },
    ],
  ])('refuses when someone changed SOAR’s rule since the fix: %s', (_name, changed) => {
    // Act
    const plan = planS310Rollback(before, state([TEAM_RULE, changed]));

    // Assert
    expect(plan).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining('was changed since SOAR added it'),
    });
  });

  it('refuses a before-image of another bucket', () => {
    // Act / Assert
    expect(planS310Rollback({ ...before, bucket: 'other' }, state([SOAR_LIFECYCLE_RULE])).kind).toBe(
      'refuse',
    );
  });

  it.each([
    ['rules that are not a list', { bucket: BUCKET, lifecycleRules: 'none' }, 'lifecycleRules'],
    ['a rule that is not an object', { bucket: BUCKET, lifecycleRules: [7] }, 'lifecycleRules[0]'],
    ['no bucket', { lifecycleRules: null }, 'bucket'],
  ])('rejects a before-image with %s, naming the field', (_name, value, field) => {
    // Act / Assert
    expect(beforeImageErrorOf(s3_10, value).field).toBe(field);
  });
});

describe('Control: S3.10 rollback apply', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());
  const changes = (() => {
    const plan = planS310Rollback(before, state([TEAM_RULE, SOAR_LIFECYCLE_RULE]));
    return plan.kind === 'changes' ? plan.changes : [];
  })();

  it('puts back the current rules without SOAR’s, keeping the bucket’s transition setting', async () => {
    // Arrange: a rule the team added since the plan is there too
    const added: LifecycleRule = {
      ID: 'team-new',
      Status: 'Enabled',
      Filter: { Prefix: 'tmp/' },
      Expiration: { Days: 1 },
    };
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({
      Rules: [TEAM_RULE, { ...SOAR_LIFECYCLE_RULE }, added],
      TransitionDefaultMinimumObjectSize: 'varies_by_storage_class',
    });
    s3.on(PutBucketLifecycleConfigurationCommand).resolves({});

    // Act
    await rollbackOf(s3_10).apply(changes, context);

    // Assert
    expect(s3.commandCalls(PutBucketLifecycleConfigurationCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: BUCKET,
        ExpectedBucketOwner: ACCOUNT,
        LifecycleConfiguration: { Rules: [TEAM_RULE, added] },
        TransitionDefaultMinimumObjectSize: 'varies_by_storage_class',
      },
    ]);
  });

  it('deletes the lifecycle configuration when SOAR’s rule was the only one', async () => {
    // Arrange
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [{ ...SOAR_LIFECYCLE_RULE }] });
    s3.on(DeleteBucketLifecycleCommand).resolves({});

    // Act
    await rollbackOf(s3_10).apply(changes, context);

    // Assert
    expect(s3.commandCalls(DeleteBucketLifecycleCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: BUCKET, ExpectedBucketOwner: ACCOUNT },
    ]);
    expect(s3.commandCalls(PutBucketLifecycleConfigurationCommand)).toHaveLength(0);
  });

  it('changes nothing when SOAR’s rule is already gone', async () => {
    // Arrange
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [TEAM_RULE] });

    // Act
    await rollbackOf(s3_10).apply(changes, context);

    // Assert
    expect(s3.commandCalls(PutBucketLifecycleConfigurationCommand)).toHaveLength(0);
    expect(s3.commandCalls(DeleteBucketLifecycleCommand)).toHaveLength(0);
  });
});
