import type { BucketLifecycleConfiguration, LifecycleRule, S3Client } from '@aws-sdk/client-s3';
import type { TransitionDefaultMinimumObjectSize } from '@aws-sdk/client-s3';
import type { AwsS3BucketDetails } from '@soar/asff-schema';
import { defineControl, type ControlContext, type PlannedChange } from '../../engine/control';
import { RemediationError } from '../../errors';
import { findingTags } from '../finding';
import { sdk } from '../sdk';
import { bucketFromFinding, bucketGone, bucketName, readBucketTags, unlessAbsent } from './bucket';

/** Id of the rule SOAR adds; the same on every bucket, so a second run recognises it. */
export const SOAR_LIFECYCLE_RULE_ID = 'soar-noncurrent-versions';
/** Days a version stays after becoming noncurrent before it is deleted (the original's value). */
export const NONCURRENT_DAYS = 365;
/** S3 allows at most this many rules in one lifecycle configuration. */
const MAX_RULES = 1000;

/**
 * The rule SOAR adds (the original's rule under a SOAR id): noncurrent versions are deleted a year
 * after they stop being current, the newest noncurrent version is always kept, and incomplete
 * multipart uploads are aborted after a day. Current versions are never touched.
 */
export const SOAR_LIFECYCLE_RULE: Readonly<LifecycleRule> = {
  ID: SOAR_LIFECYCLE_RULE_ID,
  Status: 'Enabled',
  Filter: { Prefix: '' },
  NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_DAYS, NewerNoncurrentVersions: 1 },
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
};

/** Live state of a bucket for S3.10. */
export interface S310State {
  readonly bucket: string;
  /** `Enabled`, `Suspended`, or `undefined` when versioning was never turned on. */
  readonly versioning: string | undefined;
  /** The lifecycle rules; `undefined` when the bucket has no lifecycle configuration. */
  readonly rules: readonly LifecycleRule[] | undefined;
  readonly tags: Readonly<Record<string, string>>;
}

/** What `apply` adds: the bucket and the rule. */
export interface S310Params {
  readonly bucket: string;
  readonly rule: Readonly<LifecycleRule>;
}

/**
 * S3.10: S3 general purpose buckets with versioning enabled should have lifecycle configurations
 * (AWS Config `s3-version-lifecycle-policy-check`: the bucket passes once it has an enabled rule).
 *
 * Fix: adds {@link SOAR_LIFECYCLE_RULE} to the bucket's lifecycle configuration, keeping every existing
 * rule (the original replaced the whole configuration, bug 21). Buckets without versioning enabled, or
 * with an enabled rule already, are compliant. If SOAR's own rule is there but disabled, someone
 * turned it off on purpose: ticket. Errors are tickets (the original suppressed on any error, bug 24),
 * a missing bucket is `gone`. Destructive: noncurrent versions older than a year are deleted for good.
 * Undo: put the before-image rules back (`DeleteBucketLifecycle` when it is `null`); deleted versions
 * cannot be brought back.
 *
 * From the finding (`fromFinding`): versioning from `Details.AwsS3Bucket.BucketVersioningConfiguration.Status`,
 * rules from `BucketLifecycleConfiguration.Rules` (absent: no lifecycle configuration; each rule in the
 * S3 API shape, see {@link lifecycleRuleFromFinding}), tags from `Resources[].Tags`. A finding without
 * `AwsS3Bucket` details is `unknown`.
 */
export const s3_10 = defineControl<S310State, S310Params>({
  controlId: 'S3.10',
  title: 'S3 general purpose buckets with versioning enabled should have lifecycle configurations',
  fix: 'Adds a lifecycle rule that deletes noncurrent versions after 365 days (keeping the newest one) and aborts incomplete uploads after a day; existing rules are kept.',
  resourceTypes: ['AwsS3Bucket'],
  iamActions: [
    's3:GetBucketVersioning',
    's3:GetLifecycleConfiguration',
    's3:GetBucketTagging',
    's3:PutLifecycleConfiguration',
  ],
  destructive: true,
  reversible: true,

  async read(context) {
    const bucket = bucketName(context.resource);
    const { S3Client, GetBucketVersioningCommand } = await sdk.s3();
    const s3 = context.client(S3Client);
    const owner = context.accountId;
    try {
      const [versioning, lifecycle, tags] = await Promise.all([
        s3.send(new GetBucketVersioningCommand({ Bucket: bucket, ExpectedBucketOwner: owner })),
        readLifecycle(s3, bucket, owner),
        readBucketTags(s3, bucket, owner),
      ]);
      return {
        kind: 'found',
        state: { bucket, versioning: versioning.Status, rules: lifecycle?.Rules, tags },
      };
    } catch (error) {
      const gone = bucketGone(error, bucket);
      if (gone !== undefined) return gone;
      throw error;
    }
  },

  fromFinding(context) {
    const { resource } = context;
    const found = bucketFromFinding(resource, 'its versioning and lifecycle rules');
    if (found.kind === 'unknown') return found;
    const { bucket, details } = found;
    return {
      kind: 'found',
      state: {
        bucket,
        versioning: details.BucketVersioningConfiguration?.Status,
        rules: details.BucketLifecycleConfiguration?.Rules?.map(lifecycleRuleFromFinding),
        tags: findingTags(resource),
      },
    };
  },

  plan(state) {
    const { bucket, rules = [] } = state;
    if (state.versioning !== 'Enabled') {
      return {
        kind: 'compliant',
        reason: `Versioning is not enabled on the bucket ${bucket}, so S3.10 does not apply to it.`,
      };
    }
    if (rules.some((rule) => rule.Status === 'Enabled')) {
      return { kind: 'compliant', reason: `The bucket ${bucket} already has an active lifecycle rule.` };
    }
    if (rules.some((rule) => rule.ID === SOAR_LIFECYCLE_RULE_ID)) {
      return {
        kind: 'refuse',
        reason:
          `The lifecycle rule ${SOAR_LIFECYCLE_RULE_ID} that SOAR added to the bucket ${bucket} has been turned off, ` +
          'so SOAR did not turn it back on. Please enable a lifecycle rule that suits the bucket.',
      };
    }
    if (rules.length >= MAX_RULES) {
      return {
        kind: 'refuse',
        reason: `The bucket ${bucket} already has ${rules.length} lifecycle rules, the most S3 allows, so SOAR could not add one.`,
      };
    }
    const kept =
      rules.length === 0
        ? ''
        : ` Its ${rules.length} existing (disabled) lifecycle rule(s) are kept as they were.`;
    const change: PlannedChange<S310Params> = {
      action: 's3:PutLifecycleConfiguration',
      description:
        `Added the lifecycle rule ${SOAR_LIFECYCLE_RULE_ID} to the bucket ${bucket}: old versions of objects are deleted ` +
        `${NONCURRENT_DAYS} days after they were replaced (the newest old version is always kept), and unfinished uploads after a day.${kept}`,
      params: { bucket, rule: SOAR_LIFECYCLE_RULE },
    };
    return {
      kind: 'changes',
      changes: [change],
      beforeImage: { bucket, lifecycleRules: state.rules === undefined ? null : state.rules },
      actionsRequired:
        `If old versions in ${bucket} must be kept longer (retention or legal reasons), change the rule ${SOAR_LIFECYCLE_RULE_ID} ` +
        'to suit, and add a lifecycle configuration to the template that created the bucket.',
    };
  },

  async apply(changes, context) {
    const { S3Client } = await sdk.s3();
    const s3 = context.client(S3Client);
    for (const { params } of changes) await addLifecycleRule(s3, params, context);
  },

  tags: (state) => state.tags,
});

/**
 * Adds the rule to the bucket's current lifecycle configuration, read again just before writing so a
 * rule added since the plan is not lost. Idempotent: a rule with the same id is left as it is.
 */
async function addLifecycleRule(s3: S3Client, params: S310Params, context: ControlContext): Promise<void> {
  const { PutBucketLifecycleConfigurationCommand } = await sdk.s3();
  const owner = context.accountId;
  const current = await readLifecycle(s3, params.bucket, owner);
  const rules = current?.Rules ?? [];
  if (rules.some((rule) => rule.ID === params.rule.ID)) return;
  if (rules.length >= MAX_RULES) {
    throw new RemediationError(
      `The bucket ${params.bucket} already has the most lifecycle rules S3 allows.`,
      {
        context: { controlId: 'S3.10', resourceArn: context.resource.Id, accountId: owner },
      },
    );
  }
  const configuration: BucketLifecycleConfiguration = { Rules: [...rules, { ...params.rule }] };
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: params.bucket,
      ExpectedBucketOwner: owner,
      LifecycleConfiguration: configuration,
      // Keep the bucket's setting: leaving it out would reset it to the default.
      ...(current?.TransitionDefaultMinimumObjectSize === undefined
        ? {}
        : { TransitionDefaultMinimumObjectSize: current.TransitionDefaultMinimumObjectSize }),
    }),
  );
}

async function readLifecycle(
  s3: S3Client,
  bucket: string,
  owner: string,
): Promise<
  | {
      readonly Rules?: LifecycleRule[];
      readonly TransitionDefaultMinimumObjectSize?: TransitionDefaultMinimumObjectSize;
    }
  | undefined
> {
  const { GetBucketLifecycleConfigurationCommand } = await sdk.s3();
  return unlessAbsent(
    s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket, ExpectedBucketOwner: owner })),
    'NoSuchLifecycleConfiguration',
  );
}

type FindingLifecycleRule = NonNullable<
  NonNullable<AwsS3BucketDetails['BucketLifecycleConfiguration']>['Rules']
>[number];

/**
 * Pure: an ASFF lifecycle rule (`AwsS3BucketBucketLifecycleConfigurationRulesDetails`) in the shape of
 * the S3 API's `LifecycleRule`: id, status, prefix filter, expiration, noncurrent-version expiration
 * and aborting incomplete uploads (what S3.10 and its before-image need). A status other than
 * `Enabled` counts as `Disabled`.
 *
 * @example
 * ```ts
 * lifecycleRuleFromFinding({ ID: 'logs', Status: 'Enabled', ExpirationInDays: 30 });
 * // { ID: 'logs', Status: 'Enabled', Expiration: { Days: 30 } }
 * ```
 */
export function lifecycleRuleFromFinding(rule: FindingLifecycleRule): LifecycleRule {
  const prefix = rule.Filter?.Predicate?.Prefix ?? rule.Prefix;
  const expiration = {
    ...(rule.ExpirationInDays === undefined ? {} : { Days: rule.ExpirationInDays }),
    ...(rule.ExpiredObjectDeleteMarker === undefined
      ? {}
      : { ExpiredObjectDeleteMarker: rule.ExpiredObjectDeleteMarker }),
  };
  return {
    ...(rule.ID === undefined ? {} : { ID: rule.ID }),
    Status: rule.Status === 'Enabled' ? 'Enabled' : 'Disabled',
    ...(prefix === undefined ? {} : { Filter: { Prefix: prefix } }),
    ...(Object.keys(expiration).length === 0 ? {} : { Expiration: expiration }),
    ...(rule.NoncurrentVersionExpirationInDays === undefined
      ? {}
      : { NoncurrentVersionExpiration: { NoncurrentDays: rule.NoncurrentVersionExpirationInDays } }),
    ...(rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation === undefined
      ? {}
      : {
          AbortIncompleteMultipartUpload: {
            DaysAfterInitiation: rule.AbortIncompleteMultipartUpload.DaysAfterInitiation,
          },
        }),
  };
}
