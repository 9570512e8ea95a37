import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  PutBucketLifecycleConfigurationCommand,
  S3Client,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import type { AccessClientConfig } from '@soar/aws-access';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { registerControl, type PlanContext } from '../../engine/control';
import { Registry } from '../../engine/registry';
import { remediate } from '../../engine/runner';
import { s3_10, SOAR_LIFECYCLE_RULE, SOAR_LIFECYCLE_RULE_ID, type S310State } from './s3-10';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const BUCKET = 'team-archive';
const RESOURCE = {
  Type: 'AwsS3Bucket',
  Id: `arn:aws:s3:::${BUCKET}`,
  Partition: 'aws' as const,
  Region: REGION,
};
const CONTEXT: PlanContext = {
  finding: aControlFinding({ controlId: 'S3.10', accountId: ACCOUNT, region: REGION, resource: RESOURCE }),
  resource: RESOURCE,
  accountId: ACCOUNT,
  region: REGION,
  partition: 'aws',
  now: new Date('2026-11-20T10:00:00Z'),
};

const DISABLED_RULE: LifecycleRule = {
  ID: 'expire-logs',
  Status: 'Disabled',
  Filter: { Prefix: 'logs/' },
  Expiration: { Days: 30 },
};

function state(overrides: Partial<S310State> = {}): S310State {
  return { bucket: BUCKET, versioning: 'Enabled', rules: undefined, tags: {}, ...overrides };
}

function clientFor<C>(ClientClass: new (config: AccessClientConfig) => C): C {
  return new ClientClass({
    region: REGION,
    credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
    retryMode: 'adaptive',
    maxAttempts: 1,
  });
}

function awsError(name: string): Error {
  return Object.assign(new Error(`${name} (test)`), { name, $metadata: {} });
}

function runS310() {
  const pad = createScratchpad(
    aControlFinding({ controlId: 'S3.10', accountId: ACCOUNT, region: REGION, resource: RESOURCE }),
  );
  return remediate(pad, { access: { client: clientFor }, registry: new Registry([registerControl(s3_10)]) });
}

describe('Function: s3_10.plan', () => {
  it('adds the SOAR rule (365 days, newest noncurrent version kept, uploads aborted after a day) to a bucket without lifecycle', () => {
    // Act
    const plan = s3_10.plan(state(), CONTEXT);

    // Assert
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 's3:PutLifecycleConfiguration',
          params: {
            bucket: BUCKET,
            rule: {
              ID: SOAR_LIFECYCLE_RULE_ID,
              Status: 'Enabled',
              Filter: { Prefix: '' },
              NoncurrentVersionExpiration: { NoncurrentDays: 365, NewerNoncurrentVersions: 1 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          },
        },
      ],
      beforeImage: {
        bucket: BUCKET,
        lifecycleRules: null,
        addedRuleId: SOAR_LIFECYCLE_RULE_ID,
        addedRule: SOAR_LIFECYCLE_RULE,
      },
    });
  });

  it('keeps existing (disabled) rules, recorded in the before-image, and says so', () => {
    // Act
    const plan = s3_10.plan(state({ rules: [DISABLED_RULE] }), CONTEXT);

    // Assert
    if (plan.kind !== 'changes') throw new Error(`expected changes, got ${plan.kind}`);
    expect(plan.beforeImage).toEqual({
      bucket: BUCKET,
      lifecycleRules: [DISABLED_RULE],
      addedRuleId: SOAR_LIFECYCLE_RULE_ID,
      addedRule: SOAR_LIFECYCLE_RULE,
    });
    expect(plan.changes[0]?.description).toContain('existing (disabled) lifecycle rule(s) are kept');
  });

  it.each([
    ['versioning never enabled', state({ versioning: undefined })],
    ['versioning suspended', state({ versioning: 'Suspended' })],
    [
      'an enabled rule exists already',
      state({ rules: [DISABLED_RULE, { ...DISABLED_RULE, ID: 'x', Status: 'Enabled' }] }),
    ],
    ['the SOAR rule is there (second run)', state({ rules: [SOAR_LIFECYCLE_RULE] })],
  ])('is compliant when %s', (_name, live) => {
    expect(s3_10.plan(live, CONTEXT).kind).toBe('compliant');
  });

  it('refuses to turn the SOAR rule back on when someone disabled it', () => {
    const plan = s3_10.plan(state({ rules: [{ ...SOAR_LIFECYCLE_RULE, Status: 'Disabled' }] }), CONTEXT);
    expect(plan).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('turned off') });
  });

  it('refuses when the bucket already has the 1000 rules S3 allows', () => {
    const rules = Array.from({ length: 1000 }, (_, i) => ({ ...DISABLED_RULE, ID: `r${i}` }));
    expect(s3_10.plan(state({ rules }), CONTEXT).kind).toBe('refuse');
  });

  it('is declared destructive (old versions are deleted for good), so ticket-only policies can hold it', () => {
    expect(s3_10).toMatchObject({ destructive: true, reversible: true });
    expect(Object.keys(s3_10.resourceIds)).toEqual(['AwsS3Bucket']);
    expect(s3_10.iamActions).toEqual([
      's3:GetBucketVersioning',
      's3:GetLifecycleConfiguration',
      's3:GetBucketTagging',
      's3:PutLifecycleConfiguration',
    ]);
  });
});

describe('Control: S3.10 apply and errors (aws-sdk-client-mock: moto does not enforce IAM or throttle)', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    s3.reset();
    s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet'));
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  });

  it('puts the existing rules back together with the new one, and keeps the bucket-wide transition setting', async () => {
    // Arrange: the rule list is read again just before writing
    s3.on(GetBucketLifecycleConfigurationCommand)
      .resolvesOnce({ Rules: [DISABLED_RULE], TransitionDefaultMinimumObjectSize: 'varies_by_storage_class' })
      .resolvesOnce({ Rules: [DISABLED_RULE], TransitionDefaultMinimumObjectSize: 'varies_by_storage_class' })
      .resolves({ Rules: [DISABLED_RULE, SOAR_LIFECYCLE_RULE] });
    s3.on(PutBucketLifecycleConfigurationCommand).resolves({});

    // Act
    const { result } = await runS310();

    // Assert
    expect(result).toMatchObject({ kind: 'remediated' });
    const puts = s3.commandCalls(PutBucketLifecycleConfigurationCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      ExpectedBucketOwner: ACCOUNT,
      LifecycleConfiguration: { Rules: [DISABLED_RULE, SOAR_LIFECYCLE_RULE] },
      TransitionDefaultMinimumObjectSize: 'varies_by_storage_class',
    });
  });

  it.each(['AccessDenied', 'SlowDown'])(
    '%s on PutBucketLifecycleConfiguration is a ticket with the error, never a suppression',
    async (code) => {
      // Arrange
      s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration'));
      s3.on(PutBucketLifecycleConfigurationCommand).rejects(awsError(code));

      // Act
      const { scratchpad, result } = await runS310();

      // Assert
      expect(result).toMatchObject({ kind: 'not_done', error: expect.stringContaining(code) });
      expect(scratchpad.actions).toMatchObject({ suppress_finding: false, autoremediation_not_done: true });
    },
  );
});
