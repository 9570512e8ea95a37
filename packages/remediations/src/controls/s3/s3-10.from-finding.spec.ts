import type { AwsS3BucketDetails } from '@soar/asff-schema/schemas';
import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext } from '../../../tests/finding-context';
import { lifecycleRuleFromFinding, s3_10, SOAR_LIFECYCLE_RULE_ID } from './s3-10';

const BUCKET = 'example-logs-111122223333';
const control = registerControl(s3_10);

function bucket(details: AwsS3BucketDetails | undefined): FindingResource {
  return {
    Type: 'AwsS3Bucket',
    Id: `arn:aws:s3:::${BUCKET}`,
    Partition: 'aws',
    Region: 'eu-west-1',
    ...(details === undefined ? {} : { Details: { AwsS3Bucket: details } }),
  };
}

/** A versioned bucket whose only lifecycle rule is disabled, as Security Hub describes it. */
const VERSIONED: AwsS3BucketDetails = {
  Name: BUCKET,
  OwnerAccountId: ACCOUNT,
  BucketVersioningConfiguration: { Status: 'Enabled', IsMfaDeleteEnabled: false },
  BucketLifecycleConfiguration: {
    Rules: [
      {
        ID: 'team-expire-logs',
        Status: 'Disabled',
        Filter: { Predicate: { Type: 'LifecyclePrefixPredicate', Prefix: 'logs/' } },
        ExpirationInDays: 30,
      },
    ],
  },
};

const planOf = (details: AwsS3BucketDetails | undefined, status: 'FAILED' | 'PASSED' = 'FAILED') =>
  control.evaluateFromFinding(findingContext({ controlId: 'S3.10', resource: bucket(details), status }));

describe('Control: S3.10 fromFinding', () => {
  it('reads versioning and the rules from the details and plans to add the SOAR rule, keeping the others', () => {
    // Act
    const derived = s3_10.fromFinding?.(findingContext({ controlId: 'S3.10', resource: bucket(VERSIONED) }));
    const evaluation = planOf(VERSIONED);

    // Assert
    const teamRule = {
      ID: 'team-expire-logs',
      Status: 'Disabled',
      Filter: { Prefix: 'logs/' },
      Expiration: { Days: 30 },
    };
    expect(derived).toEqual({
      kind: 'found',
      state: { bucket: BUCKET, versioning: 'Enabled', rules: [teamRule], tags: {} },
    });
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: {
        kind: 'changes',
        changes: [{ action: 's3:PutLifecycleConfiguration' }],
        beforeImage: { bucket: BUCKET, lifecycleRules: [teamRule] },
      },
    });
  });

  it.each<[string, AwsS3BucketDetails, string]>([
    [
      'an enabled rule',
      {
        ...VERSIONED,
        BucketLifecycleConfiguration: {
          Rules: [{ ID: 'keep', Status: 'Enabled', NoncurrentVersionExpirationInDays: 90 }],
        },
      },
      'compliant',
    ],
    [
      'versioning suspended',
      { ...VERSIONED, BucketVersioningConfiguration: { Status: 'Suspended' } },
      'compliant',
    ],
    ['no versioning at all', { Name: BUCKET }, 'compliant'],
    [
      "SOAR's own rule turned off",
      {
        ...VERSIONED,
        BucketLifecycleConfiguration: { Rules: [{ ID: SOAR_LIFECYCLE_RULE_ID, Status: 'Disabled' }] },
      },
      'refuse',
    ],
    [
      'versioning on and no lifecycle configuration',
      { ...VERSIONED, BucketLifecycleConfiguration: undefined },
      'changes',
    ],
  ])('plans as live for %s', (_name, details, kind) => {
    expect(planOf(details)).toMatchObject({ kind: 'found', plan: { kind } });
  });

  it('is unknown without AwsS3Bucket details', () => {
    expect(planOf(undefined)).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('SOAR checks its versioning and lifecycle rules on the live bucket'),
    });
  });
});

describe('Function: lifecycleRuleFromFinding', () => {
  it('maps an ASFF rule to the S3 API shape', () => {
    expect(
      lifecycleRuleFromFinding({
        ID: 'tidy',
        Status: 'Enabled',
        Prefix: 'tmp/',
        ExpirationInDays: 7,
        ExpiredObjectDeleteMarker: true,
        NoncurrentVersionExpirationInDays: 30,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
      }),
    ).toEqual({
      ID: 'tidy',
      Status: 'Enabled',
      Filter: { Prefix: 'tmp/' },
      Expiration: { Days: 7, ExpiredObjectDeleteMarker: true },
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
    });
    expect(lifecycleRuleFromFinding({})).toEqual({ Status: 'Disabled' });
  });
});
