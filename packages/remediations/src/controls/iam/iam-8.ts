import * as z from 'zod';
import { errorName } from '../../engine/classify';
import {
  defineControl,
  type ControlContext,
  type FindingResource,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import { globalArn } from '../../engine/permissions';
import { arnIdPattern } from '../../engine/resource-id';
import { sdk } from '../sdk';
import { IsoTimestampSchema, TagsSchema } from '../state';

/** Days without use after which a password or access key counts as unused (the control's 90 days). */
export const IAM_8_UNUSED_DAYS = 90;
/** Days a key SOAR deactivated stays (inactive, and reactivatable) before SOAR deletes it. */
export const IAM_8_GRACE_DAYS = 30;
/** User tag SOAR writes when it deactivates a key (`<prefix><AccessKeyId>` = when), read for the grace period. */
export const IAM_8_MARK = 'soar:iam-8:deactivated:';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `arn:<partition>:iam::<account>:user/<path/><name>` (an `AwsIamUser`): global, no region. */
export const IAM_USER_ID = arnIdPattern({
  service: 'iam',
  scope: 'global',
  resource: String.raw`(?<path>user/(?:[\w+=,.@-]+/)*(?<userName>[\w+=,.@-]{1,64}))`,
  resourceShape: 'user/<path/><name>',
  parts: ['path', 'userName'],
  examples: {
    valid: [
      'arn:aws:iam::111122223333:user/build-bot',
      'arn:aws:iam::111122223333:user/ops/ci/build.bot@example',
    ],
    invalid: [
      'build-bot',
      'arn:aws:iam::111122223333:role/build-bot',
      'arn:aws:iam:eu-west-1:111122223333:user/build-bot',
      `arn:aws:iam::111122223333:user/${'a'.repeat(65)}`,
    ],
  },
});

/**
 * One access key of the user, with its last use (absent: never used).
 *
 * @example
 * ```ts
 * Iam8AccessKeySchema.parse({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active', createDate: '2025-01-10T09:00:00.000Z' });
 * ```
 */
export const Iam8AccessKeySchema = z.lazy(() =>
  z.strictObject({
    accessKeyId: z.string().min(16),
    status: z.enum(['Active', 'Inactive']),
    createDate: IsoTimestampSchema,
    lastUsed: IsoTimestampSchema.optional(),
  }),
);

/** An access key of {@link Iam8State}; inferred from {@link Iam8AccessKeySchema}. */
export type Iam8AccessKey = z.infer<typeof Iam8AccessKeySchema>;

/**
 * Live state of the IAM user: its console password (absent when the user has none) and its access
 * keys, each with its last use, and its tags (SOAR's deactivation marks among them).
 *
 * @example
 * ```ts
 * Iam8StateSchema.parse({
 *   userName: 'build-bot',
 *   password: { createDate: '2024-03-01T08:00:00.000Z', lastUsed: '2024-06-01T08:00:00.000Z' },
 *   accessKeys: [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active', createDate: '2024-03-01T08:00:00.000Z' }],
 *   tags: {},
 * });
 * ```
 */
export const Iam8StateSchema = z.lazy(() =>
  z.strictObject({
    userName: z.string().min(1),
    password: z
      .strictObject({ createDate: IsoTimestampSchema, lastUsed: IsoTimestampSchema.optional() })
      .optional(),
    accessKeys: z.array(Iam8AccessKeySchema).readonly(),
    tags: TagsSchema,
  }),
);

/** Live state of IAM.8; inferred from {@link Iam8StateSchema}. */
export type Iam8State = z.infer<typeof Iam8StateSchema>;

/**
 * What the fix did that can be undone: the keys it deactivated (a deleted password cannot come back).
 *
 * @example
 * ```ts
 * Iam8BeforeImageSchema.parse({ userName: 'build-bot', deactivatedKeyIds: ['AKIAIOSFODNN7EXAMPLE'], passwordDeleted: false });
 * ```
 */
export const Iam8BeforeImageSchema = z.lazy(() =>
  z.object({
    userName: z.string().min(1),
    deactivatedKeyIds: z.array(z.string().min(16)).readonly(),
    passwordDeleted: z.boolean(),
  }),
);

/** The before-image of IAM.8; inferred from {@link Iam8BeforeImageSchema}. */
export type Iam8BeforeImage = z.infer<typeof Iam8BeforeImageSchema>;

/** One call of `apply`: deactivate or reactivate a key, delete a key or the password. */
export type Iam8Params =
  | {
      readonly op: 'deactivate' | 'reactivate' | 'delete';
      readonly userName: string;
      readonly accessKeyId: string;
      readonly at: string;
    }
  | { readonly op: 'delete-password'; readonly userName: string };

/** The user's path and name in its ARN (`user/ops/build-bot`), and its name; `undefined` for other ids. */
export function iamUserOf(
  resource: Pick<FindingResource, 'Id'>,
): { path: string; userName: string } | undefined {
  const parts = IAM_USER_ID.match(resource.Id);
  return parts === undefined ? undefined : { path: parts.path, userName: parts.userName };
}

/** The finding's user (its id matched {@link IAM_USER_ID} before). */
function requireUser(resource: FindingResource): { path: string; userName: string } {
  const { path, userName } = IAM_USER_ID.partsOf(resource.Id);
  return { path, userName };
}

/**
 * "No such user, password or key": the SDK names the error `NoSuchEntityException`, the wire code is
 * `NoSuchEntity`; both are accepted.
 */
const isNoSuchEntity = (error: unknown) =>
  ['NoSuchEntity', 'NoSuchEntityException'].includes(errorName(error));

const daysSince = (iso: string, now: Date) => (now.getTime() - Date.parse(iso)) / DAY_MS;
const day = (iso: string) => iso.slice(0, 10);

/**
 * IAM.8: unused IAM user credentials should be removed. Reads the user live: its console password
 * (`GetLoginProfile`; none is normal, not an error: the original failed on users without a password
 * and never removed their keys) and every access key with its last use. Then, each unused for
 * {@link IAM_8_UNUSED_DAYS} days (never used: since created):
 * - an active key is **deactivated**, not deleted, and SOAR marks the user with when (a tag);
 * - a key SOAR deactivated is deleted only {@link IAM_8_GRACE_DAYS} days later, when IAM.8 runs for
 *   the user again (until then a rollback, or the team, can reactivate it); keys made inactive by
 *   others are left alone;
 * - the console password is deleted (it cannot be deactivated; an administrator can set a new one).
 * Keys and passwords used within the 90 days are never touched. Deleting makes the control
 * destructive: ticket-only in production unless configured.
 *
 * Rollback ({@link planIam8Rollback}): reactivates the keys the fix deactivated and removes SOAR's
 * marks; refused when one of them was deleted since. A deleted password cannot come back.
 *
 * From the finding (`fromFinding`): always `unknown`: a finding does not say when the password and
 * each key were last used; only the live user does.
 */
export const iam_8 = defineControl<Iam8State, Iam8Params, Iam8BeforeImage, Iam8Params>({
  controlId: 'IAM.8',
  title: 'Unused IAM user credentials should be removed',
  fix:
    `Deactivates access keys unused for ${IAM_8_UNUSED_DAYS} days, deletes them ${IAM_8_GRACE_DAYS} days later, ` +
    `and deletes a console password unused for ${IAM_8_UNUSED_DAYS} days.`,
  resourceIds: { AwsIamUser: IAM_USER_ID },
  iamActions: [
    'iam:GetUser',
    'iam:GetLoginProfile',
    'iam:ListAccessKeys',
    'iam:GetAccessKeyLastUsed',
    'iam:ListUserTags',
    'iam:UpdateAccessKey',
    'iam:TagUser',
    'iam:UntagUser',
    'iam:DeleteAccessKey',
    'iam:DeleteLoginProfile',
  ],
  // Every action names this user only.
  permissions: (context) => [
    {
      actions: [
        'iam:GetUser',
        'iam:GetLoginProfile',
        'iam:ListAccessKeys',
        'iam:GetAccessKeyLastUsed',
        'iam:ListUserTags',
        'iam:UpdateAccessKey',
        'iam:TagUser',
        'iam:UntagUser',
        'iam:DeleteAccessKey',
        'iam:DeleteLoginProfile',
      ],
      resources: [globalArn(context, 'iam', requireUser(context.resource).path)],
    },
  ],
  destructive: true,
  reversible: true,
  stateSchema: Iam8StateSchema,

  async read(context) {
    const { userName } = requireUser(context.resource);
    const iam = await sdk.iam();
    const client = context.client(iam.IAMClient);
    let user;
    try {
      ({ User: user } = await client.send(new iam.GetUserCommand({ UserName: userName })));
    } catch (error) {
      if (isNoSuchEntity(error))
        return { kind: 'gone', reason: `The IAM user ${userName} no longer exists.` };
      throw error;
    }
    let password: Iam8State['password'];
    try {
      const { LoginProfile } = await client.send(new iam.GetLoginProfileCommand({ UserName: userName }));
      if (LoginProfile?.CreateDate !== undefined) {
        password = {
          createDate: LoginProfile.CreateDate.toISOString(),
          ...(user?.PasswordLastUsed === undefined ? {} : { lastUsed: user.PasswordLastUsed.toISOString() }),
        };
      }
    } catch (error) {
      // No console password: normal for machine users, and their keys are still checked.
      if (!isNoSuchEntity(error)) throw error;
    }
    const accessKeys: Iam8AccessKey[] = [];
    for await (const page of iam.paginateListAccessKeys({ client }, { UserName: userName })) {
      for (const key of page.AccessKeyMetadata ?? []) {
        if (key.AccessKeyId === undefined || key.CreateDate === undefined) continue;
        const used = await client.send(new iam.GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }));
        const lastUsed = used.AccessKeyLastUsed?.LastUsedDate;
        accessKeys.push({
          accessKeyId: key.AccessKeyId,
          status: key.Status === 'Active' ? 'Active' : 'Inactive',
          createDate: key.CreateDate.toISOString(),
          ...(lastUsed === undefined ? {} : { lastUsed: lastUsed.toISOString() }),
        });
      }
    }
    const tags: Record<string, string> = {};
    for await (const page of iam.paginateListUserTags({ client }, { UserName: userName })) {
      for (const tag of page.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    }
    return {
      kind: 'found',
      state: { userName, ...(password === undefined ? {} : { password }), accessKeys, tags },
    };
  },

  fromFinding(context) {
    const user = iamUserOf(context.resource);
    return {
      kind: 'unknown',
      reason:
        user === undefined
          ? `The finding resource ${context.resource.Id} is not an IAM user ARN.`
          : `No finding says when the password and the access keys of ${user.userName} were last used; SOAR checks that on the live user before it changes anything.`,
    };
  },

  plan(state, context) {
    const { userName } = state;
    const now = context.now;
    const at = now.toISOString();
    const unused = (created: string, lastUsed: string | undefined) =>
      daysSince(lastUsed ?? created, now) >= IAM_8_UNUSED_DAYS;
    const changes: PlannedChange<Iam8Params>[] = [];
    const pending: string[] = [];
    for (const key of state.accessKeys) {
      const marked = state.tags[`${IAM_8_MARK}${key.accessKeyId}`];
      const since = key.lastUsed === undefined ? 'never used' : `last used ${day(key.lastUsed)}`;
      if (key.status === 'Active' && unused(key.createDate, key.lastUsed)) {
        changes.push({
          action: 'iam:UpdateAccessKey',
          description:
            `Deactivated the access key ${key.accessKeyId} of ${userName} (${since}); SOAR deletes it after ` +
            `${IAM_8_GRACE_DAYS} days unless it is reactivated.`,
          params: { op: 'deactivate', userName, accessKeyId: key.accessKeyId, at },
        });
      } else if (key.status === 'Inactive' && marked !== undefined && !Number.isNaN(Date.parse(marked))) {
        if (daysSince(marked, now) >= IAM_8_GRACE_DAYS) {
          changes.push({
            action: 'iam:DeleteAccessKey',
            description: `Deleted the access key ${key.accessKeyId} of ${userName}: SOAR deactivated it on ${day(marked)} and nobody reactivated it.`,
            params: { op: 'delete', userName, accessKeyId: key.accessKeyId, at },
          });
        } else {
          const due = new Date(Date.parse(marked) + IAM_8_GRACE_DAYS * DAY_MS).toISOString();
          pending.push(`${key.accessKeyId} (deactivated on ${day(marked)}, deleted from ${day(due)})`);
        }
      }
    }
    const password = state.password;
    if (password !== undefined && unused(password.createDate, password.lastUsed)) {
      changes.push({
        action: 'iam:DeleteLoginProfile',
        description: `Deleted the console password of ${userName} (${password.lastUsed === undefined ? 'never used' : `last used ${day(password.lastUsed)}`}).`,
        params: { op: 'delete-password', userName },
      });
    }
    const waiting =
      pending.length === 0
        ? ''
        : ` SOAR deactivated these keys and deletes them if IAM.8 runs again after their grace period: ${pending.join(', ')}.`;
    if (changes.length === 0) {
      return {
        kind: 'compliant',
        reason: `${userName} has no active credentials unused for ${IAM_8_UNUSED_DAYS} days.${waiting}`,
      };
    }
    return {
      kind: 'changes',
      changes,
      beforeImage: {
        userName,
        deactivatedKeyIds: changes.flatMap((c) =>
          c.params.op === 'deactivate' ? [c.params.accessKeyId] : [],
        ),
        passwordDeleted: changes.some((c) => c.params.op === 'delete-password'),
      } satisfies Iam8BeforeImage,
      actionsRequired:
        `If ${userName} still needs access, reactivate the key (or ask for a new password) and use it; ` +
        'otherwise delete the user. Deleted keys and passwords cannot be recovered.' +
        waiting,
    };
  },

  apply: applyIam8,

  tags: (state) => state.tags,

  rollback: {
    readActions: [
      'iam:GetUser',
      'iam:GetLoginProfile',
      'iam:ListAccessKeys',
      'iam:GetAccessKeyLastUsed',
      'iam:ListUserTags',
    ],
    iamActions: ['iam:UpdateAccessKey', 'iam:UntagUser'],
    beforeImage: Iam8BeforeImageSchema,
    plan: planIam8Rollback,
    apply: applyIam8,
  },
});

async function applyIam8(
  changes: readonly PlannedChange<Iam8Params>[],
  context: ControlContext,
): Promise<void> {
  const iam = await sdk.iam();
  const client = context.client(iam.IAMClient);
  for (const { params } of changes) {
    const { userName } = params;
    if (params.op === 'delete-password') {
      try {
        await client.send(new iam.DeleteLoginProfileCommand({ UserName: userName }));
      } catch (error) {
        // Already gone: that is what we wanted.
        if (!isNoSuchEntity(error)) throw error;
      }
      continue;
    }
    const { accessKeyId: AccessKeyId } = params;
    const mark = `${IAM_8_MARK}${AccessKeyId}`;
    if (params.op === 'delete') {
      try {
        await client.send(new iam.DeleteAccessKeyCommand({ UserName: userName, AccessKeyId }));
      } catch (error) {
        if (!isNoSuchEntity(error)) throw error;
      }
      await client.send(new iam.UntagUserCommand({ UserName: userName, TagKeys: [mark] }));
    } else if (params.op === 'deactivate') {
      // The mark first: a key found inactive without it would never be deleted.
      await client.send(
        new iam.TagUserCommand({ UserName: userName, Tags: [{ Key: mark, Value: params.at }] }),
      );
      await client.send(
        new iam.UpdateAccessKeyCommand({ UserName: userName, AccessKeyId, Status: 'Inactive' }),
      );
    } else {
      await client.send(
        new iam.UpdateAccessKeyCommand({ UserName: userName, AccessKeyId, Status: 'Active' }),
      );
      await client.send(new iam.UntagUserCommand({ UserName: userName, TagKeys: [mark] }));
    }
  }
}

/**
 * Pure: plans reactivating the keys IAM.8 deactivated, and refuses when one was deleted since (see {@link iam_8}).
 *
 * @example
 * ```ts
 * planIam8Rollback({ userName: 'build-bot', deactivatedKeyIds: ['AKIAIOSFODNN7EXAMPLE'], passwordDeleted: false }, state, context);
 * // { kind: 'changes', changes: [{ action: 'iam:UpdateAccessKey', ... }] }
 * ```
 */
export function planIam8Rollback(
  before: Iam8BeforeImage,
  state: Iam8State,
  context: { readonly now: Date },
): RollbackPlan<Iam8Params> {
  const { userName } = state;
  if (before.userName !== userName) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the IAM user ${before.userName}, not ${userName}, so SOAR changed nothing.`,
    };
  }
  const keys = new Map(state.accessKeys.map((k) => [k.accessKeyId, k]));
  const deleted = before.deactivatedKeyIds.filter((id) => !keys.has(id));
  if (deleted.length > 0) {
    return {
      kind: 'refuse',
      reason: `The access key(s) ${deleted.join(', ')} of ${userName} were deleted since SOAR deactivated them; a deleted key cannot come back, so SOAR changed nothing.`,
    };
  }
  const inactive = before.deactivatedKeyIds.filter((id) => keys.get(id)?.status === 'Inactive');
  const lost = before.passwordDeleted
    ? ` The console password SOAR deleted cannot come back: set a new one for ${userName} if needed.`
    : '';
  if (inactive.length === 0) {
    return {
      kind: 'already_as_before',
      reason: `The access keys SOAR deactivated on ${userName} are active again.${lost}`,
    };
  }
  return {
    kind: 'changes',
    changes: inactive.map((accessKeyId) => ({
      action: 'iam:UpdateAccessKey',
      description: `Reactivated the access key ${accessKeyId} of ${userName}, as before SOAR's fix.`,
      params: { op: 'reactivate', userName, accessKeyId, at: context.now.toISOString() },
    })),
    actionsRequired: `IAM.8 fails again for ${userName} while the key stays unused.${lost}`,
  };
}
