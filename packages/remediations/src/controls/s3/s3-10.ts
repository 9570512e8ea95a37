import type {
  BucketLifecycleConfiguration,
  LifecycleRule,
  S3Client,
  TransitionDefaultMinimumObjectSize,
} from '@aws-sdk/client-s3';
import type { AwsS3BucketDetails } from '@soar/asff-schema/schemas';
import * as z from 'zod';
import {
  defineControl,
  type ControlContext,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import { RemediationError } from '../../errors';
import { findingTags } from '../finding';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import {
  bucketFromFinding,
  bucketGone,
  BUCKET_ID,
  bucketName,
  bucketPermission,
  readBucketTags,
  unlessAbsent,
} from './bucket';

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

/** The storage classes a lifecycle rule can move objects to (S3's `TransitionStorageClass`). */
const TransitionStorageClassSchema = z.lazy(() =>
  z.enum(['DEEP_ARCHIVE', 'GLACIER', 'GLACIER_IR', 'INTELLIGENT_TIERING', 'ONEZONE_IA', 'STANDARD_IA']),
);

/**
 * A lifecycle rule as stored in a before-image: S3's `LifecycleRule` as the live state held it
 * ({@link LifecycleRuleState}), kept whole. Only its shape (an object) is checked; the rollback
 * compares SOAR's rule field by field ({@link planS310Rollback}).
 */
const StoredLifecycleRuleSchema = z.lazy(() =>
  z.custom<LifecycleRuleState>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    { message: 'Invalid input: expected a lifecycle rule (an object)' },
  ),
);

/**
 * What S3.10 records before adding its rule: the bucket's lifecycle rules (`null`: it had no
 * lifecycle configuration), and the rule SOAR adds (`addedRuleId`, `addedRule`: added later, older
 * before-images lack them and mean {@link SOAR_LIFECYCLE_RULE}).
 *
 * @example
 * ```ts
 * S310BeforeImageSchema.parse({
 *   bucket: 'example-data',
 *   lifecycleRules: [{ ID: 'team-expire-logs', Status: 'Disabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } }],
 *   addedRuleId: 'soar-noncurrent-versions',
 *   addedRule: SOAR_LIFECYCLE_RULE,
 * });
 * ```
 */
export const S310BeforeImageSchema = z.lazy(() =>
  z.object({
    bucket: z.string().min(1),
    lifecycleRules: z.array(StoredLifecycleRuleSchema).readonly().nullable(),
    addedRuleId: z.string().min(1).default(SOAR_LIFECYCLE_RULE_ID),
    addedRule: StoredLifecycleRuleSchema.optional(),
  }),
);

/** The before-image of S3.10; inferred from {@link S310BeforeImageSchema}. */
export type S310BeforeImage = z.infer<typeof S310BeforeImageSchema>;

/** What the rollback removes: SOAR's rule, by id. */
export interface S310RollbackParams {
  readonly bucket: string;
  readonly ruleId: string;
}

/** A tag in a lifecycle rule filter (S3's `Tag`). */
const LifecycleTagSchema = z.lazy(() =>
  z.strictObject({ Key: z.string().optional(), Value: z.string().optional() }),
);

/** A date of a lifecycle rule: a `Date` as the SDK gives it, or ISO 8601 text (e.g. from YAML). */
const LifecycleDateSchema = z.lazy(() =>
  z.preprocess(
    (value) => (typeof value === 'string' ? new Date(value) : value),
    z.date({ error: 'Invalid input: expected a date, e.g. 2027-01-01T00:00:00Z' }),
  ),
);

/**
 * A lifecycle rule of a live state, as `GetBucketLifecycleConfiguration` returns it: S3's
 * `LifecycleRule`, every field of it, strict at every level, so a misspelt key in a hand-written rule
 * (`Staus: Enabled`, which would make an active rule look disabled) is an error. Strict is safe here:
 * the SDK's `LifecycleRule` and the objects in it have exactly these fields, and its deserializer sets
 * no others (the moto tests parse every state `read` returns, so a field a newer SDK adds shows up
 * there first).
 *
 * @example
 * ```ts
 * LifecycleRuleStateSchema.parse({
 *   ID: 'team-expire-logs',
 *   Status: 'Enabled',
 *   Filter: { Prefix: 'logs/' },
 *   Expiration: { Days: 30 },
 *   Transitions: [{ Days: 7, StorageClass: 'STANDARD_IA' }],
 * });
 * ```
 */
export const LifecycleRuleStateSchema = z.lazy(() =>
  z.strictObject({
    ID: z.string().optional(),
    Status: z.enum(['Enabled', 'Disabled']).optional(),
    /** Deprecated by S3 in favour of `Filter.Prefix`, still reported for old rules. */
    Prefix: z.string().optional(),
    Filter: z
      .strictObject({
        Prefix: z.string().optional(),
        Tag: LifecycleTagSchema.optional(),
        ObjectSizeGreaterThan: z.int().optional(),
        ObjectSizeLessThan: z.int().optional(),
        And: z
          .strictObject({
            Prefix: z.string().optional(),
            Tags: z.array(LifecycleTagSchema).optional(),
            ObjectSizeGreaterThan: z.int().optional(),
            ObjectSizeLessThan: z.int().optional(),
          })
          .optional(),
      })
      .optional(),
    Expiration: z
      .strictObject({
        Date: LifecycleDateSchema.optional(),
        Days: z.int().optional(),
        ExpiredObjectDeleteMarker: z.boolean().optional(),
      })
      .optional(),
    Transitions: z
      .array(
        z.strictObject({
          Date: LifecycleDateSchema.optional(),
          Days: z.int().optional(),
          StorageClass: TransitionStorageClassSchema.optional(),
        }),
      )
      .optional(),
    NoncurrentVersionTransitions: z
      .array(
        z.strictObject({
          NoncurrentDays: z.int().optional(),
          StorageClass: TransitionStorageClassSchema.optional(),
          NewerNoncurrentVersions: z.int().optional(),
        }),
      )
      .optional(),
    NoncurrentVersionExpiration: z
      .strictObject({ NoncurrentDays: z.int().optional(), NewerNoncurrentVersions: z.int().optional() })
      .optional(),
    AbortIncompleteMultipartUpload: z.strictObject({ DaysAfterInitiation: z.int().optional() }).optional(),
  }),
);

/** A lifecycle rule of {@link S310State}; inferred from {@link LifecycleRuleStateSchema}. */
export type LifecycleRuleState = z.infer<typeof LifecycleRuleStateSchema>;

/**
 * Live state of a bucket for S3.10: its versioning (`Enabled`, `Suspended`, or absent when it was
 * never turned on), its lifecycle rules (absent when the bucket has no lifecycle configuration) and
 * its tags. A versioned bucket passes once one of its rules is `Enabled`.
 *
 * @example
 * ```ts
 * S310StateSchema.parse({
 *   bucket: 'example-data',
 *   versioning: 'Enabled',
 *   rules: [{ ID: 'team-expire-logs', Status: 'Disabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } }],
 *   tags: { 'soar:team': 'analytics' },
 * });
 * ```
 */
export const S310StateSchema = z.lazy(() =>
  z.strictObject({
    bucket: z.string().min(1),
    versioning: z.string().min(1).optional(),
    rules: z.array(LifecycleRuleStateSchema).readonly().optional(),
    tags: TagsSchema,
  }),
);

/** Live state of S3.10; inferred from {@link S310StateSchema}. */
export type S310State = z.infer<typeof S310StateSchema>;

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
 * rule (the original replaced the whole configuration). Buckets without versioning enabled, or
 * with an enabled rule already, are compliant. If SOAR's own rule is there but disabled, someone
 * turned it off on purpose: ticket. Errors are tickets (the original suppressed on any error, even
 * throttling), a missing bucket is `gone`. Destructive: noncurrent versions older than a year are
 * deleted for good. Undo: put the before-image rules back (`DeleteBucketLifecycle` when it is `null`);
 * deleted versions cannot be brought back.
 *
 * Rollback: removes only SOAR's rule and keeps every other rule as it is now, including rules added
 * since (`DeleteBucketLifecycle` when no rule is left); `already_as_before` when SOAR's rule is not
 * there. Refused when the before-image is of another bucket, or when SOAR's rule was changed since
 * (status, days, filter or actions: someone made it theirs). `NewerNoncurrentVersions` is compared
 * when S3 reports it.
 *
 * From the finding (`fromFinding`): versioning from `Details.AwsS3Bucket.BucketVersioningConfiguration.Status`,
 * rules from `BucketLifecycleConfiguration.Rules` (absent: no lifecycle configuration; each rule in the
 * S3 API shape, see {@link lifecycleRuleFromFinding}), tags from `Resources[].Tags`. A finding without
 * `AwsS3Bucket` details is `unknown`.
 */
export const s3_10 = defineControl<S310State, S310Params, S310BeforeImage, S310RollbackParams>({
  controlId: 'S3.10',
  title: 'S3 general purpose buckets with versioning enabled should have lifecycle configurations',
  fix: 'Adds a lifecycle rule that deletes noncurrent versions after 365 days (keeping the newest one) and aborts incomplete uploads after a day; existing rules are kept.',
  resourceIds: { AwsS3Bucket: BUCKET_ID },
  iamActions: [
    's3:GetBucketVersioning',
    's3:GetLifecycleConfiguration',
    's3:GetBucketTagging',
    's3:PutLifecycleConfiguration',
  ],
  permissions: (context) => [
    {
      actions: [
        's3:GetBucketVersioning',
        's3:GetLifecycleConfiguration',
        's3:GetBucketTagging',
        's3:PutLifecycleConfiguration',
      ],
      ...bucketPermission(context),
    },
  ],
  destructive: true,
  reversible: true,
  stateSchema: S310StateSchema,

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
      beforeImage: {
        bucket,
        lifecycleRules: state.rules === undefined ? null : state.rules,
        addedRuleId: SOAR_LIFECYCLE_RULE_ID,
        addedRule: SOAR_LIFECYCLE_RULE,
      } satisfies S310BeforeImage,
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

  rollback: {
    readActions: ['s3:GetBucketVersioning', 's3:GetLifecycleConfiguration', 's3:GetBucketTagging'],
    iamActions: ['s3:PutLifecycleConfiguration'],
    beforeImage: S310BeforeImageSchema,
    plan: planS310Rollback,
    async apply(changes, context) {
      const { S3Client } = await sdk.s3();
      const s3 = context.client(S3Client);
      for (const { params } of changes) await removeLifecycleRule(s3, params, context);
    },
  },
});

/**
 * Pure: plans removing the rule SOAR added, and only it. See {@link s3_10} for when it refuses.
 *
 * @example
 * ```ts
 * planS310Rollback(beforeImage, { bucket: 'b', versioning: 'Enabled', rules: [teamRule, SOAR_LIFECYCLE_RULE], tags: {} });
 * // { kind: 'changes', changes: [{ action: 's3:PutLifecycleConfiguration', params: { bucket: 'b', ruleId: 'soar-noncurrent-versions' }, ... }] }
 * ```
 */
export function planS310Rollback(
  before: S310BeforeImage,
  state: S310State,
): RollbackPlan<S310RollbackParams> {
  const { bucket, rules = [] } = state;
  const ruleId = before.addedRuleId;
  if (before.bucket !== bucket) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the bucket ${before.bucket}, not ${bucket}, so SOAR changed nothing.`,
    };
  }
  const ours = rules.filter((rule) => rule.ID === ruleId);
  const [live] = ours;
  if (live === undefined) {
    return {
      kind: 'already_as_before',
      reason: `The bucket ${bucket} has no lifecycle rule ${ruleId}: nothing SOAR added is left to remove.`,
    };
  }
  const added = before.addedRule ?? SOAR_LIFECYCLE_RULE;
  if (ours.length > 1 || !sameRule(live, added)) {
    return {
      kind: 'refuse',
      reason:
        `The lifecycle rule ${ruleId} of the bucket ${bucket} was changed since SOAR added it, so someone may rely ` +
        'on it now: SOAR left it in place. Remove it yourself if it is not needed.',
    };
  }
  const others = rules.length - 1;
  return {
    kind: 'changes',
    changes: [
      {
        action: 's3:PutLifecycleConfiguration',
        description:
          `Removed the lifecycle rule ${ruleId} that SOAR added to the bucket ${bucket}` +
          (others === 0
            ? '; the bucket has no lifecycle configuration now.'
            : `; its ${others} other rule(s) are kept as they are.`),
        params: { bucket, ruleId },
      },
    ],
    actionsRequired:
      'Old versions the rule already deleted cannot be brought back. S3.10 fails again for this bucket ' +
      'unless another rule is enabled.',
  };
}

/** The fields of a rule that say what it does, as S3 reports them (absent and empty counted alike). */
function ruleMeaning(rule: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const object = (value: unknown): Readonly<Record<string, unknown>> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const filter = object(rule['Filter']);
  const noncurrent = object(rule['NoncurrentVersionExpiration']);
  const abort = object(rule['AbortIncompleteMultipartUpload']);
  const listed = (value: unknown) => (Array.isArray(value) && value.length > 0 ? value : undefined);
  const { Prefix: filterPrefix, ...otherFilters } = filter;
  return {
    status: rule['Status'],
    prefix: filterPrefix ?? rule['Prefix'] ?? '',
    otherFilters: Object.keys(otherFilters).length === 0 ? undefined : otherFilters,
    expiration: rule['Expiration'],
    transitions: listed(rule['Transitions']),
    noncurrentTransitions: listed(rule['NoncurrentVersionTransitions']),
    noncurrentDays: noncurrent['NoncurrentDays'],
    newerNoncurrentVersions: noncurrent['NewerNoncurrentVersions'],
    abortDays: abort['DaysAfterInitiation'],
  };
}

/** Whether the live rule still does what SOAR's rule did. `NewerNoncurrentVersions` only counts when S3 reports it. */
function sameRule(live: Readonly<LifecycleRuleState>, added: Readonly<LifecycleRuleState>): boolean {
  const a = ruleMeaning({ ...live });
  const b = ruleMeaning({ ...added });
  return Object.keys(b).every(
    (key) =>
      (key === 'newerNoncurrentVersions' && a[key] === undefined) ||
      JSON.stringify(a[key]) === JSON.stringify(b[key]),
  );
}

/**
 * Removes the rule from the bucket's current lifecycle configuration, read again just before writing
 * so rules added since the plan are kept; deletes the configuration when no rule is left. Idempotent.
 */
async function removeLifecycleRule(
  s3: S3Client,
  params: S310RollbackParams,
  context: ControlContext,
): Promise<void> {
  const { DeleteBucketLifecycleCommand, PutBucketLifecycleConfigurationCommand } = await sdk.s3();
  const owner = context.accountId;
  const current = await readLifecycle(s3, params.bucket, owner);
  const rules = current?.Rules ?? [];
  const kept = rules.filter((rule) => rule.ID !== params.ruleId);
  if (kept.length === rules.length) return;
  if (kept.length === 0) {
    await s3.send(new DeleteBucketLifecycleCommand({ Bucket: params.bucket, ExpectedBucketOwner: owner }));
    return;
  }
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: params.bucket,
      ExpectedBucketOwner: owner,
      LifecycleConfiguration: { Rules: kept },
      ...(current?.TransitionDefaultMinimumObjectSize === undefined
        ? {}
        : { TransitionDefaultMinimumObjectSize: current.TransitionDefaultMinimumObjectSize }),
    }),
  );
}

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
