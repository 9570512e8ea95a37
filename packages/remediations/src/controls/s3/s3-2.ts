import * as z from 'zod';
import {
  defineControl,
  type ControlContext,
  type FindingStateResult,
  type Plan,
  type PlanContext,
  type PlannedChange,
  type ReadResult,
  type RemediationControl,
  type RollbackPlan,
} from '../../engine/control';
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

/** The four bucket-level Block Public Access settings, each on (`true`) or off. */
const publicAccessBlockFlags = () => ({
  BlockPublicAcls: z.boolean(),
  IgnorePublicAcls: z.boolean(),
  BlockPublicPolicy: z.boolean(),
  RestrictPublicBuckets: z.boolean(),
});

/**
 * The four bucket-level Block Public Access settings of a live state, as `GetPublicAccessBlock`
 * returns them (a setting S3 leaves out is read as off).
 *
 * @example
 * ```ts
 * PublicAccessBlockFlagsSchema.parse({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false });
 * ```
 */
export const PublicAccessBlockFlagsSchema = z.lazy(() => z.strictObject(publicAccessBlockFlags()));

/** The four bucket-level Block Public Access settings; inferred from {@link PublicAccessBlockFlagsSchema}. */
export type PublicAccessBlockFlags = z.infer<typeof PublicAccessBlockFlagsSchema>;

/**
 * Live state of a bucket for S3.2, S3.3 and S3.8: its bucket-level Block Public Access settings
 * (`GetPublicAccessBlock`; absent when none were ever set, which counts as all four off) and its tags.
 *
 * @example
 * ```ts
 * BucketPublicAccessStateSchema.parse({
 *   bucket: 'example-site',
 *   publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
 *   tags: { 'soar:team': 'web' },
 * });
 * ```
 */
export const BucketPublicAccessStateSchema = z.lazy(() =>
  z.strictObject({
    bucket: z.string().min(1),
    publicAccessBlock: PublicAccessBlockFlagsSchema.readonly().optional(),
    tags: TagsSchema,
  }),
);

/** Live state of S3.2, S3.3 and S3.8; inferred from {@link BucketPublicAccessStateSchema}. */
export type BucketPublicAccessState = z.infer<typeof BucketPublicAccessStateSchema>;

/** What `apply` puts: the bucket and its complete Block Public Access configuration. */
export interface PublicAccessBlockParams {
  readonly bucket: string;
  readonly configuration: Readonly<PublicAccessBlockFlags>;
}

/**
 * What S3.2, S3.3 and S3.8 record before blocking public access: the bucket's Block Public Access
 * settings, or `null` when it had none.
 *
 * @example
 * ```ts
 * BucketPublicAccessBeforeImageSchema.parse({
 *   bucket: 'example-site',
 *   publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
 * });
 * BucketPublicAccessBeforeImageSchema.parse({ bucket: 'example-site', publicAccessBlock: null });
 * ```
 */
export const BucketPublicAccessBeforeImageSchema = z.lazy(() =>
  z.object({
    bucket: z.string().min(1),
    publicAccessBlock: z.object(publicAccessBlockFlags()).nullable(),
  }),
);

/** The before-image of S3.2, S3.3 and S3.8; inferred from {@link BucketPublicAccessBeforeImageSchema}. */
export type BucketPublicAccessBeforeImage = z.infer<typeof BucketPublicAccessBeforeImageSchema>;

/** What the rollback puts back: the bucket's earlier settings, or none (`null`: delete the configuration). */
export interface RestorePublicAccessBlockParams {
  readonly bucket: string;
  readonly restore: Readonly<PublicAccessBlockFlags> | null;
}

/** The original's tag asking SOAR to leave a bucket publicly readable (S3.2; key presence, any value). */
export const REQUEST_PUBLICLY_READABLE_TAG = 'soar:s3:request-publicly-readable';
/** The original's tag asking SOAR to leave a bucket publicly writable (S3.3; key presence, any value). */
export const REQUEST_PUBLICLY_WRITABLE_TAG = 'soar:s3:request-publicly-writable';

const ALL_BLOCKED: Readonly<PublicAccessBlockFlags> = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

/** Each setting, in the words the team reads. */
const SETTING_WORDS: Readonly<Record<keyof PublicAccessBlockFlags, string>> = {
  BlockPublicAcls: 'new public ACLs are refused',
  IgnorePublicAcls: 'existing public ACLs are ignored',
  BlockPublicPolicy: 'public bucket policies are refused',
  RestrictPublicBuckets: 'a public bucket policy no longer lets anyone outside the account in',
};

const FLAG_NAMES = Object.keys(ALL_BLOCKED) as (keyof PublicAccessBlockFlags)[];

/** What {@link bucketPublicAccessControl} needs to know about one control. */
export interface BucketPublicAccessControlOptions {
  readonly controlId: string;
  readonly title: string;
  /** Tags whose presence (any value) means the owner asked for the bucket to stay public. */
  readonly requestTags: readonly string[];
}

/**
 * Builds a control whose fix turns on all four bucket-level Block Public Access settings, keeping
 * whatever was already on. S3.2, S3.3 and S3.8 share it: the original fixed S3.2 and S3.3 with the same
 * `PutPublicAccessBlock` call, and ASR routes S3.8 to the same fix.
 *
 * Differences from the original: the live settings and tags are read first (a bucket that already
 * blocks public access is left alone); a bucket that no longer exists is `gone`, but `AccessDenied`
 * and every other error become a ticket instead of a suppression (the original suppressed
 * `AccessDenied`, which hid the finding for good); a bucket carrying a request tag gets a ticket (the original
 * suppressed the finding silently); the generic opt-out tag works too. Undo: `PutPublicAccessBlock`
 * with the before-image, or `DeletePublicAccessBlock` when it is `null`.
 *
 * Rollback ({@link planPublicAccessRollback}): puts back the earlier settings, or deletes the
 * configuration when the bucket had none; `already_as_before` when the settings are as before. Refused
 * when the before-image is of another bucket, or when the settings are neither SOAR's (all four on)
 * nor the earlier ones: someone changed them since.
 *
 * From the finding ({@link bucketPublicAccessFromFinding}): the settings come from
 * `Details.AwsS3Bucket.PublicAccessBlockConfiguration` (absent: none set), the tags (request tags and
 * opt-out) from `Resources[].Tags`. A finding without `AwsS3Bucket` details is `unknown`.
 *
 * @example
 * ```ts
 * export const s3_2 = bucketPublicAccessControl({
 *   controlId: 'S3.2',
 *   title: 'S3 general purpose buckets should block public read access',
 *   requestTags: [REQUEST_PUBLICLY_READABLE_TAG],
 * });
 * ```
 */
export function bucketPublicAccessControl(
  options: BucketPublicAccessControlOptions,
): RemediationControl<
  BucketPublicAccessState,
  PublicAccessBlockParams,
  BucketPublicAccessBeforeImage,
  RestorePublicAccessBlockParams
> {
  return defineControl<
    BucketPublicAccessState,
    PublicAccessBlockParams,
    BucketPublicAccessBeforeImage,
    RestorePublicAccessBlockParams
  >({
    controlId: options.controlId,
    title: options.title,
    fix: 'Turns on all four Block Public Access settings of the bucket (settings already on stay on).',
    resourceIds: { AwsS3Bucket: BUCKET_ID },
    iamActions: ['s3:GetBucketPublicAccessBlock', 's3:GetBucketTagging', 's3:PutBucketPublicAccessBlock'],
    permissions: (context) => [
      {
        actions: ['s3:GetBucketPublicAccessBlock', 's3:GetBucketTagging', 's3:PutBucketPublicAccessBlock'],
        ...bucketPermission(context),
      },
    ],
    destructive: false,
    reversible: true,
    stateSchema: BucketPublicAccessStateSchema,
    read: readBucketPublicAccess,
    fromFinding: bucketPublicAccessFromFinding,
    plan: (state) => planBucketPublicAccess(state, options.requestTags),
    apply: applyBucketPublicAccess,
    tags: (state) => state.tags,
    rollback: {
      readActions: ['s3:GetBucketPublicAccessBlock', 's3:GetBucketTagging'],
      iamActions: ['s3:PutBucketPublicAccessBlock'],
      beforeImage: BucketPublicAccessBeforeImageSchema,
      plan: planPublicAccessRollback,
      apply: applyPublicAccessRollback,
    },
  });
}

/**
 * Reads the bucket's Block Public Access settings and tags. A missing bucket is `gone`; a bucket
 * without settings (`NoSuchPublicAccessBlockConfiguration`) or tags (`NoSuchTagSet`) is a normal state.
 *
 * @example
 * ```ts
 * const read = await readBucketPublicAccess(context); // { kind: 'found', state: { bucket, publicAccessBlock, tags } }
 * ```
 */
export async function readBucketPublicAccess(
  context: ControlContext,
): Promise<ReadResult<BucketPublicAccessState>> {
  const bucket = bucketName(context.resource);
  const { S3Client, GetPublicAccessBlockCommand } = await sdk.s3();
  const s3 = context.client(S3Client);
  try {
    const [block, tags] = await Promise.all([
      unlessAbsent(
        s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket, ExpectedBucketOwner: context.accountId })),
        'NoSuchPublicAccessBlockConfiguration',
      ),
      readBucketTags(s3, bucket, context.accountId),
    ]);
    const configuration = block?.PublicAccessBlockConfiguration;
    const publicAccessBlock =
      configuration === undefined
        ? undefined
        : {
            BlockPublicAcls: configuration.BlockPublicAcls === true,
            IgnorePublicAcls: configuration.IgnorePublicAcls === true,
            BlockPublicPolicy: configuration.BlockPublicPolicy === true,
            RestrictPublicBuckets: configuration.RestrictPublicBuckets === true,
          };
    return { kind: 'found', state: { bucket, publicAccessBlock, tags } };
  } catch (error) {
    const gone = bucketGone(error, bucket);
    if (gone !== undefined) return gone;
    throw error;
  }
}

/**
 * Pure: the bucket's Block Public Access settings and tags as the finding describes them
 * (`Details.AwsS3Bucket.PublicAccessBlockConfiguration`, `Resources[].Tags`); `unknown` without
 * `AwsS3Bucket` details. A setting the finding leaves out counts as off, as when reading live.
 *
 * @example
 * ```ts
 * bucketPublicAccessFromFinding(context); // { kind: 'found', state: { bucket, publicAccessBlock: { BlockPublicAcls: true, ... }, tags } }
 * ```
 */
export function bucketPublicAccessFromFinding(
  context: PlanContext,
): FindingStateResult<BucketPublicAccessState> {
  const { resource } = context;
  const found = bucketFromFinding(resource, 'its Block Public Access settings');
  if (found.kind === 'unknown') return found;
  const { bucket, details } = found;
  const configuration = details.PublicAccessBlockConfiguration;
  const publicAccessBlock =
    configuration === undefined
      ? undefined
      : {
          BlockPublicAcls: configuration.BlockPublicAcls === true,
          IgnorePublicAcls: configuration.IgnorePublicAcls === true,
          BlockPublicPolicy: configuration.BlockPublicPolicy === true,
          RestrictPublicBuckets: configuration.RestrictPublicBuckets === true,
        };
  return { kind: 'found', state: { bucket, publicAccessBlock, tags: findingTags(resource) } };
}

/**
 * Pure: plans turning on every Block Public Access setting that is off, keeping those already on.
 * `compliant` when all four are on; `refuse` when the bucket carries one of `requestTags`.
 *
 * @example
 * ```ts
 * planBucketPublicAccess({ bucket: 'b', publicAccessBlock: undefined, tags: {} }, []);
 * // { kind: 'changes', changes: [{ action: 's3:PutBucketPublicAccessBlock', ... }], beforeImage: { ..., publicAccessBlock: null } }
 * ```
 */
export function planBucketPublicAccess(
  state: BucketPublicAccessState,
  requestTags: readonly string[],
): Plan<PublicAccessBlockParams> {
  const { bucket, publicAccessBlock } = state;
  const off = FLAG_NAMES.filter((flag) => publicAccessBlock?.[flag] !== true);
  if (off.length === 0) {
    return { kind: 'compliant', reason: `The bucket ${bucket} already blocks all public access.` };
  }
  const requestTag = requestTags.find((tag) => Object.hasOwn(state.tags, tag));
  if (requestTag !== undefined) {
    return {
      kind: 'refuse',
      reason:
        `The bucket ${bucket} is tagged ${requestTag}, which asks for it to stay public, so SOAR left it open. ` +
        'If it no longer needs to be public, remove the tag and SOAR will block public access next time; ' +
        'if it does, consider serving it through CloudFront with origin access control instead.',
    };
  }
  const change: PlannedChange<PublicAccessBlockParams> = {
    action: 's3:PutBucketPublicAccessBlock',
    description:
      `Blocked public access to the bucket ${bucket}: ${joinWords(off.map((flag) => SETTING_WORDS[flag]))}` +
      `${off.length < FLAG_NAMES.length ? ' (the settings that were already on stay on)' : ''}.`,
    params: { bucket, configuration: { ...ALL_BLOCKED } },
  };
  return {
    kind: 'changes',
    changes: [change],
    beforeImage: {
      bucket,
      publicAccessBlock: publicAccessBlock === undefined ? null : { ...publicAccessBlock },
    } satisfies BucketPublicAccessBeforeImage,
    actionsRequired:
      `Anything that relied on public access to ${bucket} (a public website, public downloads) no longer works. ` +
      'If the bucket really must be public, turn public access back on' +
      (requestTags[0] === undefined ? '' : ` and tag it ${requestTags[0]} so SOAR leaves it open`) +
      ' (or better, serve it through CloudFront with origin access control), and fix the template that created it.',
  };
}

/**
 * Puts the planned Block Public Access configuration. Idempotent: putting the same settings again
 * changes nothing.
 *
 * @example
 * ```ts
 * await applyBucketPublicAccess(plan.changes, context);
 * ```
 */
export async function applyBucketPublicAccess(
  changes: readonly PlannedChange<PublicAccessBlockParams>[],
  context: ControlContext,
): Promise<void> {
  const { S3Client, PutPublicAccessBlockCommand } = await sdk.s3();
  const s3 = context.client(S3Client);
  for (const { params } of changes) {
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: params.bucket,
        ExpectedBucketOwner: context.accountId,
        PublicAccessBlockConfiguration: { ...params.configuration },
      }),
    );
  }
}

/** The settings in words, e.g. `public ACLs blocked and ignored, public policies allowed`. */
function describeFlags(flags: Readonly<PublicAccessBlockFlags> | null | undefined): string {
  if (flags === null || flags === undefined) return 'no Block Public Access settings';
  const on = FLAG_NAMES.filter((flag) => flags[flag]);
  if (on.length === 0) return 'all four Block Public Access settings off';
  if (on.length === FLAG_NAMES.length) return 'all four Block Public Access settings on';
  return `only ${joinWords(on)} on`;
}

function sameFlags(a: Readonly<PublicAccessBlockFlags>, b: Readonly<PublicAccessBlockFlags>): boolean {
  return FLAG_NAMES.every((flag) => a[flag] === b[flag]);
}

/**
 * Pure: plans putting back the bucket's Block Public Access settings from before SOAR's fix.
 * `already_as_before` when they are as before (all four off counts as none); `refuse` when the
 * before-image is of another bucket, or when the live settings are neither all four on (SOAR's) nor
 * the earlier ones (someone changed them since).
 *
 * @example
 * ```ts
 * planPublicAccessRollback({ bucket: 'b', publicAccessBlock: null }, { bucket: 'b', publicAccessBlock: ALL_ON, tags: {} });
 * // { kind: 'changes', changes: [{ action: 's3:PutBucketPublicAccessBlock', params: { bucket: 'b', restore: null }, ... }] }
 * ```
 */
export function planPublicAccessRollback(
  before: BucketPublicAccessBeforeImage,
  state: BucketPublicAccessState,
): RollbackPlan<RestorePublicAccessBlockParams> {
  const { bucket, publicAccessBlock: live } = state;
  const earlier = before.publicAccessBlock;
  if (before.bucket !== bucket) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the bucket ${before.bucket}, not ${bucket}, so SOAR changed nothing.`,
    };
  }
  const allOff = live === undefined || FLAG_NAMES.every((flag) => !live[flag]);
  if (earlier === null ? allOff : live !== undefined && sameFlags(live, earlier)) {
    return {
      kind: 'already_as_before',
      reason: `The bucket ${bucket} has ${describeFlags(live)}, as before SOAR's fix.`,
    };
  }
  if (live === undefined || !sameFlags(live, ALL_BLOCKED)) {
    return {
      kind: 'refuse',
      reason:
        `The Block Public Access settings of the bucket ${bucket} changed since SOAR's fix (it now has ` +
        `${describeFlags(live)}, SOAR had turned all four on), so SOAR did not put back the earlier ones ` +
        `(${describeFlags(earlier)}). Set them yourself if they are still wanted.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 's3:PutBucketPublicAccessBlock',
        description:
          earlier === null
            ? `Removed the Block Public Access settings of the bucket ${bucket}, which had none before SOAR's fix.`
            : `Put back the Block Public Access settings the bucket ${bucket} had before SOAR's fix: ${describeFlags(earlier)}.`,
        params: { bucket, restore: earlier },
      },
    ],
    actionsRequired:
      `Whatever the bucket's ACLs and policy allow is public again, unless the account blocks public access. ` +
      'The bucket fails the check again.',
  };
}

/**
 * Puts back the planned Block Public Access settings, or deletes the configuration (`restore: null`).
 * Idempotent. IAM action: `s3:PutBucketPublicAccessBlock` (which `DeletePublicAccessBlock` also needs).
 *
 * @example
 * ```ts
 * await applyPublicAccessRollback(plan.changes, context);
 * ```
 */
export async function applyPublicAccessRollback(
  changes: readonly PlannedChange<RestorePublicAccessBlockParams>[],
  context: ControlContext,
): Promise<void> {
  const { S3Client, DeletePublicAccessBlockCommand, PutPublicAccessBlockCommand } = await sdk.s3();
  const s3 = context.client(S3Client);
  for (const { params } of changes) {
    const target = { Bucket: params.bucket, ExpectedBucketOwner: context.accountId };
    if (params.restore === null) await s3.send(new DeletePublicAccessBlockCommand(target));
    else {
      await s3.send(
        new PutPublicAccessBlockCommand({ ...target, PublicAccessBlockConfiguration: { ...params.restore } }),
      );
    }
  }
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.slice(-1).join('')}`;
}

/**
 * S3.2: S3 general purpose buckets should block public read access. Fix: bucket-level Block Public
 * Access, all four settings on. A bucket tagged {@link REQUEST_PUBLICLY_READABLE_TAG} gets a ticket.
 */
export const s3_2 = bucketPublicAccessControl({
  controlId: 'S3.2',
  title: 'S3 general purpose buckets should block public read access',
  requestTags: [REQUEST_PUBLICLY_READABLE_TAG],
});

/**
 * S3.8: S3 general purpose buckets should block public access. Same fix as {@link s3_2} (the control
 * checks exactly these four settings). A bucket carrying either request tag gets a ticket, since
 * blocking all public access would also close what the tag asked to keep open.
 */
export const s3_8 = bucketPublicAccessControl({
  controlId: 'S3.8',
  title: 'S3 general purpose buckets should block public access',
  requestTags: [REQUEST_PUBLICLY_READABLE_TAG, REQUEST_PUBLICLY_WRITABLE_TAG],
});
