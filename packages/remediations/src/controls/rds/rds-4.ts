import type { DBSnapshot, RDSClient } from '@aws-sdk/client-rds';
import type { SessionPolicyStatement } from '@soar/aws-access';
import * as z from 'zod';
import { defineControl, type PlanContext, type PlannedChange } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { booleanField, detailsOf, findingTags, stringField } from '../finding';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import { isRdsNotFound, RDS_CLUSTER_SNAPSHOT_ARN, RDS_SNAPSHOT_ARN, rdsIdOf, rdsIdOrThrow } from './shared';

/** The KMS key of the encrypted copy: the account's AWS managed key for RDS. */
export const RDS_4_KMS_KEY = 'alias/aws/rds';

/** The name of SOAR's encrypted copy of a snapshot: fixed, so a second run finds the first run's copy. */
export const encryptedCopyName = (snapshotId: string) => `${snapshotId}-encrypted`;

/**
 * The encrypted copy of {@link Rds4State}, when a snapshot of that name exists.
 *
 * @example
 * ```ts
 * Rds4CopySchema.parse({ snapshotId: 'orders-before-upgrade-encrypted', status: 'creating', encrypted: true,
 *   source: 'arn:aws:rds:eu-west-1:111122223333:snapshot:orders-before-upgrade', instanceId: 'orders-db' });
 * ```
 */
export const Rds4CopySchema = z.lazy(() =>
  z.strictObject({
    snapshotId: z.string().min(1),
    /** `creating` while RDS copies, then `available`. */
    status: z.string(),
    encrypted: z.boolean(),
    /** The ARN of the snapshot it was copied from (`SourceDBSnapshotIdentifier`). */
    source: z.string().optional(),
    instanceId: z.string().optional(),
  }),
);

/**
 * Live state of RDS.4: the DB snapshot (or DB cluster snapshot), whether it is encrypted, its type
 * (`manual`, `automated`, `awsbackup`, `shared`, `public`), status, the accounts it is shared with
 * (`restore` attribute, `all` for public) and SOAR's encrypted copy ({@link encryptedCopyName}) when
 * one exists. Sharing and the copy are read for unencrypted manual DB snapshots only.
 *
 * @example
 * ```ts
 * Rds4StateSchema.parse({
 *   kind: 'db', snapshotId: 'orders-before-upgrade', snapshotArn: 'arn:aws:rds:eu-west-1:111122223333:snapshot:orders-before-upgrade',
 *   snapshotType: 'manual', status: 'available', encrypted: false, instanceId: 'orders-db', sharedWith: [], tags: {},
 * });
 * ```
 */
export const Rds4StateSchema = z.lazy(() =>
  z.strictObject({
    kind: z.enum(['db', 'cluster']),
    snapshotId: z.string().min(1),
    snapshotArn: z.string().min(1),
    snapshotType: z.string(),
    status: z.string(),
    encrypted: z.boolean(),
    instanceId: z.string().optional(),
    sharedWith: z.array(z.string()).readonly(),
    copy: Rds4CopySchema.optional(),
    tags: TagsSchema,
  }),
);

/** Live state of RDS.4; inferred from {@link Rds4StateSchema}. */
export type Rds4State = z.infer<typeof Rds4StateSchema>;

/** The steps: copy encrypted, then delete the original once the copy is available (never before). */
export type Rds4Params =
  | { readonly step: 'copy'; readonly snapshotId: string; readonly copyId: string }
  | { readonly step: 'deleteOriginal'; readonly snapshotId: string; readonly copyId: string };

/** The longest DB snapshot identifier RDS accepts. */
const MAX_ID = 255;

/** Where a resource id points: the snapshot, its kind, or nothing this control handles. */
function snapshotOf(resourceId: string): { kind: 'db' | 'cluster'; snapshotId: string } | undefined {
  const db = rdsIdOf(resourceId, RDS_SNAPSHOT_ARN);
  if (db !== undefined) return { kind: 'db', snapshotId: db };
  const cluster = rdsIdOf(resourceId, RDS_CLUSTER_SNAPSHOT_ARN);
  return cluster === undefined ? undefined : { kind: 'cluster', snapshotId: cluster };
}

/** The finding's snapshot (its id matched {@link RDS_SNAPSHOT_ARN} or {@link RDS_CLUSTER_SNAPSHOT_ARN} before). */
function snapshotOrThrow(resourceId: string) {
  return (
    snapshotOf(resourceId) ?? {
      kind: 'db' as const,
      snapshotId: rdsIdOrThrow('RDS.4', resourceId, RDS_SNAPSHOT_ARN),
    }
  );
}

/** The service name KMS sees when RDS uses a key for the caller (`kms:ViaService`). */
const rdsViaKms = (context: PlanContext) =>
  `rds.${context.region}.amazonaws.com${context.partition === 'aws-cn' ? '.cn' : ''}`;

/**
 * The session policy: the snapshot and its copy, by name. RDS uses the KMS key with the caller's
 * permissions while it copies, so the session may create grants on (and describe) the account's keys,
 * through RDS only: the key behind `alias/aws/rds` has an id no finding names.
 */
function rds4Permissions(context: PlanContext): readonly SessionPolicyStatement[] {
  const { snapshotId } = snapshotOrThrow(context.resource.Id);
  const snapshot = regionalArn(context, 'rds', `snapshot:${snapshotId}`);
  const copy = regionalArn(context, 'rds', `snapshot:${encryptedCopyName(snapshotId)}`);
  return [
    {
      actions: ['rds:DescribeDBClusterSnapshots'],
      resources: [regionalArn(context, 'rds', `cluster-snapshot:${snapshotId}`)],
    },
    { actions: ['rds:DescribeDBSnapshots', 'rds:CopyDBSnapshot'], resources: [snapshot, copy] },
    { actions: ['rds:DescribeDBSnapshotAttributes', 'rds:DeleteDBSnapshot'], resources: [snapshot] },
    { actions: ['rds:AddTagsToResource'], resources: [copy] },
    {
      actions: ['kms:CreateGrant', 'kms:DescribeKey'],
      resources: [regionalArn(context, 'kms', 'key/*')],
      conditions: { StringEquals: { 'kms:ViaService': rdsViaKms(context) } },
    },
  ];
}

function tagsOf(list: DBSnapshot['TagList']): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return tags;
}

/** One DB snapshot by name, or `undefined` when there is none (its own not-found error, no waiter). */
async function describeSnapshot(rds: RDSClient, snapshotId: string): Promise<DBSnapshot | undefined> {
  const { DescribeDBSnapshotsCommand } = await sdk.rds();
  try {
    const out = await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotId }));
    return out.DBSnapshots?.find((s) => s.DBSnapshotIdentifier === snapshotId);
  } catch (error) {
    if (isRdsNotFound(error)) return undefined;
    throw error;
  }
}

/** Why SOAR does not copy this snapshot, or `undefined` when it may. */
function refusal(state: Rds4State): string | undefined {
  const { snapshotId: id, snapshotType: type } = state;
  if (state.kind === 'cluster') {
    return `The DB cluster snapshot ${id} is not encrypted, and RDS cannot encrypt a cluster snapshot by copying it. Restore it to a new cluster with encryption turned on, take a snapshot of that cluster, then delete ${id}.`;
  }
  if (type === 'automated' || id.startsWith('rds:')) {
    return `${id} is an automated snapshot: RDS deletes it at the end of the backup retention period, and it cannot be deleted or encrypted in its place. Encrypt the DB instance (restore it from an encrypted copy of a snapshot) so that its next automated snapshots are encrypted.`;
  }
  if (type === 'awsbackup' || id.startsWith('awsbackup:')) {
    return `${id} is managed by AWS Backup, which deletes it by its backup plan: SOAR leaves it alone. Encrypt the DB instance, or copy the recovery point with encryption in AWS Backup.`;
  }
  if (type !== 'manual') return `${id} is a ${type} snapshot of another account: SOAR leaves it alone.`;
  if (state.sharedWith.length > 0) {
    return `${id} is shared with ${state.sharedWith.join(', ')}. A copy encrypted with the AWS managed key ${RDS_4_KMS_KEY} cannot be shared, so SOAR changed nothing: copy it with a customer managed KMS key that those accounts may use, share the copy, then delete ${id}.`;
  }
  const copyId = encryptedCopyName(id);
  if (copyId.length > MAX_ID) return `${id} is too long a name for an encrypted copy named ${copyId}.`;
  const { copy } = state;
  const ours =
    copy !== undefined &&
    copy.encrypted &&
    (copy.source === undefined ? copy.instanceId === state.instanceId : copy.source === state.snapshotArn);
  if (copy !== undefined && !ours) {
    return `A snapshot named ${copyId} exists but is not an encrypted copy of ${id}, so SOAR neither copied nor deleted anything. Rename or delete ${copyId}.`;
  }
  return undefined;
}

/**
 * RDS.4: RDS cluster snapshots and database snapshots should be encrypted at rest. For an unencrypted
 * manual DB snapshot, SOAR copies it to `<name>-encrypted` ({@link encryptedCopyName}) encrypted with
 * the AWS managed key {@link RDS_4_KMS_KEY}, tags copied, and deletes the original once the copy is
 * `available` (never before). No waiter: while RDS copies, the result is `reconsider_later`, and the
 * next look deletes the original. Irreversible and destructive (the unencrypted original is gone):
 * ticket-only in production environments unless configured otherwise.
 *
 * Unlike the original, snapshot names keep their `rds:` / `awsbackup:` prefix (the original cut them
 * off, found "no such snapshot" and suppressed the finding without fixing anything): automated and
 * AWS Backup snapshots are refused with a ticket that says what to do, as are DB cluster snapshots
 * (RDS cannot encrypt one by copying it; the original's copy failed), snapshots shared with other
 * accounts (the AWS managed key cannot be shared), and a `<name>-encrypted` that is not an encrypted
 * copy of this snapshot (a second run reuses its own copy instead of failing on the name).
 *
 * From the finding: encrypted snapshots, automated, AWS Backup and cluster snapshots from
 * `Details.AwsRdsDbSnapshot` / `AwsRdsDbClusterSnapshot`; an unencrypted manual snapshot is `unknown`
 * (only the live snapshot tells whether it is shared and whether SOAR's copy exists).
 */
export const rds_4 = defineControl<Rds4State, Rds4Params>({
  controlId: 'RDS.4',
  title: 'RDS cluster snapshots and database snapshots should be encrypted at rest',
  fix: `Copies an unencrypted manual DB snapshot to an encrypted copy named after it with the suffix -encrypted (KMS key ${RDS_4_KMS_KEY}), then deletes the original once the copy is available; automated, AWS Backup, shared and cluster snapshots get a ticket.`,
  resourceIds: { AwsRdsDbSnapshot: RDS_SNAPSHOT_ARN, AwsRdsDbClusterSnapshot: RDS_CLUSTER_SNAPSHOT_ARN },
  iamActions: [
    'rds:DescribeDBSnapshots',
    'rds:DescribeDBSnapshotAttributes',
    'rds:DescribeDBClusterSnapshots',
    'rds:CopyDBSnapshot',
    'rds:AddTagsToResource',
    'rds:DeleteDBSnapshot',
    'kms:CreateGrant',
    'kms:DescribeKey',
  ],
  permissions: rds4Permissions,
  destructive: true,
  reversible: false,
  stateSchema: Rds4StateSchema,

  async read(context) {
    const { kind, snapshotId } = snapshotOrThrow(context.resource.Id);
    const { RDSClient, DescribeDBClusterSnapshotsCommand, DescribeDBSnapshotAttributesCommand } =
      await sdk.rds();
    const rds = context.client(RDSClient);
    const gone = { kind: 'gone', reason: `The snapshot ${snapshotId} no longer exists.` } as const;
    if (kind === 'cluster') {
      let snapshot;
      try {
        const out = await rds.send(
          new DescribeDBClusterSnapshotsCommand({ DBClusterSnapshotIdentifier: snapshotId }),
        );
        snapshot = out.DBClusterSnapshots?.find((s) => s.DBClusterSnapshotIdentifier === snapshotId);
      } catch (error) {
        if (isRdsNotFound(error)) return gone;
        throw error;
      }
      if (snapshot === undefined || snapshot.Status === 'deleting') return gone;
      return {
        kind: 'found',
        state: {
          kind,
          snapshotId,
          snapshotArn: snapshot.DBClusterSnapshotArn ?? context.resource.Id,
          snapshotType: snapshot.SnapshotType ?? '',
          status: snapshot.Status ?? '',
          encrypted: snapshot.StorageEncrypted === true,
          sharedWith: [],
          tags: tagsOf(snapshot.TagList),
        },
      };
    }
    const snapshot = await describeSnapshot(rds, snapshotId);
    if (snapshot === undefined || snapshot.Status === 'deleting') return gone;
    const state: Rds4State = {
      kind,
      snapshotId,
      snapshotArn: snapshot.DBSnapshotArn ?? context.resource.Id,
      snapshotType: snapshot.SnapshotType ?? '',
      status: snapshot.Status ?? '',
      encrypted: snapshot.Encrypted === true,
      ...(snapshot.DBInstanceIdentifier === undefined ? {} : { instanceId: snapshot.DBInstanceIdentifier }),
      sharedWith: [],
      tags: tagsOf(snapshot.TagList),
    };
    if (state.encrypted || state.snapshotType !== 'manual') return { kind: 'found', state };
    const attributes = await rds.send(
      new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snapshotId }),
    );
    const sharedWith = (attributes.DBSnapshotAttributesResult?.DBSnapshotAttributes ?? [])
      .filter((a) => a.AttributeName === 'restore')
      .flatMap((a) => a.AttributeValues ?? []);
    const copy = await describeSnapshot(rds, encryptedCopyName(snapshotId));
    return {
      kind: 'found',
      state: {
        ...state,
        sharedWith,
        ...(copy === undefined
          ? {}
          : {
              copy: {
                snapshotId: encryptedCopyName(snapshotId),
                status: copy.Status ?? '',
                encrypted: copy.Encrypted === true,
                ...(copy.SourceDBSnapshotIdentifier === undefined
                  ? {}
                  : { source: copy.SourceDBSnapshotIdentifier }),
                ...(copy.DBInstanceIdentifier === undefined ? {} : { instanceId: copy.DBInstanceIdentifier }),
              },
            }),
      },
    };
  },

  fromFinding(context) {
    const target = snapshotOf(context.resource.Id);
    if (target === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding resource ${context.resource.Id} is not an RDS snapshot ARN.`,
      };
    }
    const { kind, snapshotId } = target;
    const details = detailsOf(
      context.resource,
      kind === 'db' ? 'AwsRdsDbSnapshot' : 'AwsRdsDbClusterSnapshot',
    );
    const encrypted = booleanField(details, kind === 'db' ? 'Encrypted' : 'StorageEncrypted');
    const snapshotType = stringField(details, 'SnapshotType');
    const status = stringField(details, 'Status');
    if (encrypted === undefined || snapshotType === undefined || status === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding does not describe the snapshot ${snapshotId} (its encryption, type and status).`,
      };
    }
    const state: Rds4State = {
      kind,
      snapshotId,
      snapshotArn: context.resource.Id,
      snapshotType,
      status,
      encrypted,
      sharedWith: [],
      tags: findingTags(context.resource),
    };
    if (!encrypted && kind === 'db' && snapshotType === 'manual' && !snapshotId.includes(':')) {
      return {
        kind: 'unknown',
        reason: `Only the live snapshot ${snapshotId} tells whether it is shared with other accounts and whether SOAR's encrypted copy ${encryptedCopyName(snapshotId)} exists; SOAR checks both before it copies or deletes anything.`,
      };
    }
    return { kind: 'found', state };
  },

  plan(state) {
    const { snapshotId: id } = state;
    if (state.encrypted) return { kind: 'compliant', reason: `The snapshot ${id} is encrypted.` };
    const refused = refusal(state);
    if (refused !== undefined) return { kind: 'refuse', reason: refused };
    if (state.status !== 'available') {
      return {
        kind: 'defer',
        reason: `The snapshot ${id} is ${state.status}; RDS copies only available snapshots.`,
      };
    }
    const copyId = encryptedCopyName(id);
    const { copy } = state;
    if (copy !== undefined && copy.status !== 'available') {
      return {
        kind: 'defer',
        reason: `RDS is making the encrypted copy ${copyId} (${copy.status}); SOAR deletes the unencrypted ${id} once the copy is available, when it looks again.`,
      };
    }
    const remove: PlannedChange<Rds4Params> = {
      action: 'rds:DeleteDBSnapshot',
      description:
        copy === undefined
          ? `Deletes the unencrypted snapshot ${id} once the copy is available: at once if it already is, otherwise when SOAR looks again.`
          : `Deleted the unencrypted snapshot ${id}: its encrypted copy ${copyId} is available.`,
      params: { step: 'deleteOriginal', snapshotId: id, copyId },
    };
    const changes: PlannedChange<Rds4Params>[] =
      copy === undefined
        ? [
            {
              action: 'rds:CopyDBSnapshot',
              description: `Copied the snapshot ${id} to ${copyId}, encrypted with the KMS key ${RDS_4_KMS_KEY}, with its tags.`,
              params: { step: 'copy', snapshotId: id, copyId },
            },
            remove,
          ]
        : [remove];
    return {
      kind: 'changes',
      changes,
      removesResource: true,
      actionsRequired:
        `Use ${copyId} wherever ${id} was used (restores, automation). It is encrypted with the AWS managed key ${RDS_4_KMS_KEY}, ` +
        'so it cannot be shared with other accounts. Encrypt the DB instance itself so its next snapshots are encrypted.',
    };
  },

  async apply(changes, context) {
    const { RDSClient, CopyDBSnapshotCommand, DeleteDBSnapshotCommand } = await sdk.rds();
    const rds = context.client(RDSClient);
    for (const { params } of changes) {
      if (params.step === 'copy') {
        try {
          await rds.send(
            new CopyDBSnapshotCommand({
              SourceDBSnapshotIdentifier: params.snapshotId,
              TargetDBSnapshotIdentifier: params.copyId,
              KmsKeyId: RDS_4_KMS_KEY,
              CopyTags: true,
            }),
          );
        } catch (error) {
          // A copy of that name appeared since the read: the next read tells whether it is ours.
          if (errorCode(error) !== 'DBSnapshotAlreadyExists') throw error;
        }
        continue;
      }
      // The guard: the original goes only once its encrypted copy is available (read again here, no wait).
      const copy = await describeSnapshot(rds, params.copyId);
      if (copy?.Status !== 'available' || copy.Encrypted !== true) continue;
      try {
        await rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: params.snapshotId }));
      } catch (error) {
        if (!isRdsNotFound(error)) throw error;
      }
    }
  },

  tags: (state) => state.tags,
});

function errorCode(error: unknown): string {
  return error instanceof Error ? error.name.replace(/Fault$/, '') : '';
}
