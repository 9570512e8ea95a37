import type { KMSClient } from '@aws-sdk/client-kms';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import {
  defineControl,
  type FindingStateResult,
  type Plan,
  type PlanContext,
  type ReadResult,
  type RollbackPlan,
} from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { arnIdPattern } from '../../engine/resource-id';
import { complianceOf, detailsOf, findingTags, stringField } from '../finding';
import { sdk } from '../sdk';
import { IsoTimestampSchema, TagsSchema } from '../state';

/**
 * Live state of a KMS key, as far as KMS.4 goes (`DescribeKey`, `GetKeyRotationStatus`,
 * `ListResourceTags`). SOAR turns rotation on only for an `Enabled`, `CUSTOMER` managed,
 * `SYMMETRIC_DEFAULT` key with `AWS_KMS` material that is not a multi-Region `REPLICA`; the values are
 * KMS's own (`keyState` `PendingDeletion`, `origin` `EXTERNAL`, ...). `rotationEnabled` is read only for
 * such keys (absent for the others), `rotationPeriodInDays` when rotation is on and KMS says.
 *
 * @example
 * ```ts
 * Kms4StateSchema.parse({
 *   keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
 *   keyManager: 'CUSTOMER',
 *   keySpec: 'SYMMETRIC_DEFAULT',
 *   keyState: 'Enabled',
 *   origin: 'AWS_KMS',
 *   rotationEnabled: false,
 *   tags: { 'soar:team': 'payments' },
 * });
 * ```
 */
export const Kms4StateSchema = z.lazy(() =>
  z.strictObject({
    keyArn: z.string().min(1),
    /** `CUSTOMER` or `AWS`. */
    keyManager: z.string().min(1).optional(),
    /** Only `SYMMETRIC_DEFAULT` keys can rotate automatically. */
    keySpec: z.string().min(1).optional(),
    /** `Enabled`, `Disabled`, `PendingDeletion`, `PendingReplicaDeletion`, `PendingImport`, `Unavailable`, `Creating`, `Updating`. */
    keyState: z.string().min(1).optional(),
    /** Only `AWS_KMS` key material can rotate automatically (not `EXTERNAL`, `AWS_CLOUDHSM` or `EXTERNAL_KEY_STORE`). */
    origin: z.string().min(1).optional(),
    /** `PRIMARY` or `REPLICA` for multi-Region keys, absent otherwise. */
    multiRegionKeyType: z.enum(['PRIMARY', 'REPLICA']).optional(),
    /** The primary key of a multi-Region replica. */
    primaryKeyArn: z.string().min(1).optional(),
    /** When a key pending deletion will be deleted. */
    deletionDate: IsoTimestampSchema.optional(),
    /** Whether automatic rotation is on (`GetKeyRotationStatus`), for keys whose rotation SOAR could turn on. */
    rotationEnabled: z.boolean().optional(),
    /** The rotation period `GetKeyRotationStatus` reports, when rotation is on and KMS says. */
    rotationPeriodInDays: z.int().positive().optional(),
    /** Tags of a customer managed key (all pages of `ListResourceTags`); AWS managed keys have none. */
    tags: TagsSchema,
  }),
);

/** Live state of KMS.4; inferred from {@link Kms4StateSchema}. */
export type Kms4State = z.infer<typeof Kms4StateSchema>;

/** What `apply` needs: the key to turn rotation on for. */
export interface Kms4Params {
  readonly keyArn: string;
}

/** The rotation period KMS uses when rotation is turned on without one (SOAR's fix). */
export const DEFAULT_ROTATION_PERIOD_DAYS = 365;

/**
 * What KMS.4 records before turning on rotation: it was off for this key, and SOAR turns it on with
 * the default period (`enabledWithRotationPeriodInDays`, added later: older before-images lack it and
 * mean the default).
 *
 * @example
 * ```ts
 * Kms4BeforeImageSchema.parse({
 *   keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
 *   keyRotationEnabled: false,
 *   enabledWithRotationPeriodInDays: 365,
 * });
 * ```
 */
export const Kms4BeforeImageSchema = z.lazy(() =>
  z.object({
    keyArn: z.string().min(1),
    keyRotationEnabled: z.literal(false),
    enabledWithRotationPeriodInDays: z.int().positive().default(DEFAULT_ROTATION_PERIOD_DAYS),
  }),
);

/** The before-image of KMS.4; inferred from {@link Kms4BeforeImageSchema}. */
export type Kms4BeforeImage = z.infer<typeof Kms4BeforeImageSchema>;

/** Whether SOAR could turn rotation on for this key, were it off. */
function canRotate(state: Omit<Kms4State, 'rotationEnabled' | 'tags'>): boolean {
  return (
    state.keyManager === 'CUSTOMER' &&
    state.keySpec === 'SYMMETRIC_DEFAULT' &&
    state.origin === 'AWS_KMS' &&
    state.keyState === 'Enabled' &&
    state.multiRegionKeyType !== 'REPLICA'
  );
}

/**
 * `arn:<partition>:kms:<region>:<account>:key/<key id>` (an `AwsKmsKey`): a UUID, or `mrk-` and 32
 * hex digits for a multi-Region key. An alias is not a key: the session policy could not name the key
 * it points to.
 */
export const KMS_KEY_ID = arnIdPattern({
  service: 'kms',
  resource: '(?:key/(?<keyId>mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))',
  resourceShape: 'key/<uuid or mrk-id>',
  parts: ['keyId'],
  examples: {
    valid: [
      'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
    ],
    invalid: [
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      'arn:aws:kms:eu-west-1:111122223333:alias/orders',
      'arn:aws:kms:eu-west-1:111122223333:key/not-a-key',
    ],
  },
});

/** The key id of the finding's key, for the key's ARN in the session policy (matched by the engine before). */
function keyIdOf(resourceId: string): string {
  return KMS_KEY_ID.partsOf(resourceId).keyId;
}

async function listAllTags(client: KMSClient, keyArn: string): Promise<Readonly<Record<string, string>>> {
  const { ListResourceTagsCommand } = await sdk.kms();
  const tags: Record<string, string> = {};
  let marker: string | undefined;
  do {
    const page = await client.send(
      new ListResourceTagsCommand({ KeyId: keyArn, ...(marker === undefined ? {} : { Marker: marker }) }),
    );
    for (const tag of page.Tags ?? []) {
      if (tag.TagKey !== undefined) tags[tag.TagKey] = tag.TagValue ?? '';
    }
    marker =
      page.Truncated === true && page.NextMarker !== undefined && page.NextMarker !== ''
        ? page.NextMarker
        : undefined;
  } while (marker !== undefined);
  return tags;
}

/**
 * KMS.4: AWS KMS key rotation should be enabled. The fix turns on automatic rotation with the KMS
 * default period (365 days); data encrypted under older key material stays readable.
 *
 * Decisions:
 * - AWS managed keys: `compliant` (AWS rotates them every year; their rotation cannot be changed).
 * - Keys pending deletion (or replica deletion): `refuse`. KMS cannot turn rotation on for them, and
 *   SOAR must not cancel a deletion; the ticket says that nothing is needed if the deletion is intended.
 *   Not `compliant`: the key does fail the check, and "fixed" would be untrue.
 * - Disabled, pending-import and unavailable keys, asymmetric/HMAC keys, imported or custom-key-store
 *   material and multi-Region replicas: `refuse` with the reason (KMS cannot rotate them automatically,
 *   or only on the primary key). `Creating` / `Updating` keys: `defer`.
 * - A deleted key (`NotFoundException`) is `gone`. Every other error, notably `AccessDeniedException`
 *   (a key policy that shuts SOAR out), reaches the runner and becomes a ticket with the error; the
 *   original suppressed AccessDenied, hiding such keys for good.
 * - Undo: `DisableKeyRotation` (see the before-image).
 * - Rollback: turns automatic rotation off again (key material rotated meanwhile is kept and still
 *   decrypts); `already_as_before` when it is off. Refused when the before-image is of another key,
 *   when the key is no longer enabled (KMS changes rotation only of enabled keys), or when the rotation
 *   period is no longer the one SOAR turned on (someone set it since: the rotation is theirs now).
 * - From the finding ({@link kms4FromFinding}): `Details.AwsKmsKey` gives `KeyManager`, `KeyState`,
 *   `Origin` and `KeyRotationStatus` (else the verdict: `FAILED` means rotation off). ASFF has no
 *   `KeySpec` (it is read when a finding carries it anyway) and no multi-Region role, so an enabled
 *   customer managed key whose rotation is off is `unknown` unless the finding names its key spec, and
 *   a multi-Region key (`mrk-` id) is `unknown` (only the live key says primary or replica): KMS
 *   cannot rotate asymmetric, HMAC or replica keys, and the simulation must not show a change the live
 *   run refuses. AWS managed and non-enabled keys plan as live.
 */
export const kms_4 = defineControl<Kms4State, Kms4Params, Kms4BeforeImage, Kms4Params>({
  controlId: 'KMS.4',
  title: 'AWS KMS key rotation should be enabled',
  fix: 'Turns on automatic yearly rotation of the key material of a customer managed symmetric KMS key.',
  resourceIds: { AwsKmsKey: KMS_KEY_ID },
  iamActions: [
    'kms:DescribeKey',
    'kms:GetKeyRotationStatus',
    'kms:ListResourceTags',
    'kms:EnableKeyRotation',
  ],
  // Every call names the key, so the session can touch this key only.
  permissions: (context) => [
    {
      actions: [
        'kms:DescribeKey',
        'kms:GetKeyRotationStatus',
        'kms:ListResourceTags',
        'kms:EnableKeyRotation',
        'kms:DisableKeyRotation',
      ],
      resources: [regionalArn(context, 'kms', `key/${keyIdOf(context.resource.Id)}`)],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Kms4StateSchema,

  async read(context): Promise<ReadResult<Kms4State>> {
    const { KMSClient, DescribeKeyCommand, GetKeyRotationStatusCommand } = await sdk.kms();
    const client = context.client(KMSClient);
    const keyId = context.resource.Id;
    try {
      const described = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
      const metadata = described.KeyMetadata;
      if (metadata === undefined) throw new Error(`DescribeKey returned no metadata for ${keyId}.`);
      const keyArn = metadata.Arn ?? keyId;
      const base = {
        keyArn,
        keyManager: metadata.KeyManager,
        keySpec: metadata.KeySpec,
        keyState: metadata.KeyState,
        origin: metadata.Origin,
        multiRegionKeyType: metadata.MultiRegionConfiguration?.MultiRegionKeyType,
        primaryKeyArn: metadata.MultiRegionConfiguration?.PrimaryKey?.Arn,
        deletionDate: metadata.DeletionDate?.toISOString(),
      };
      const rotation = canRotate(base)
        ? await client.send(new GetKeyRotationStatusCommand({ KeyId: keyArn }))
        : undefined;
      const rotationEnabled = rotation === undefined ? undefined : rotation.KeyRotationEnabled === true;
      const period = rotation?.RotationPeriodInDays;
      const tags = base.keyManager === 'CUSTOMER' ? await listAllTags(client, keyArn) : {};
      return {
        kind: 'found',
        state: {
          ...base,
          rotationEnabled,
          ...(period === undefined ? {} : { rotationPeriodInDays: period }),
          tags,
        },
      };
    } catch (error) {
      if (errorName(error) === 'NotFoundException') {
        return { kind: 'gone', reason: `The KMS key ${keyId} no longer exists (NotFoundException).` };
      }
      throw error;
    }
  },

  fromFinding: kms4FromFinding,

  plan(state): Plan<Kms4Params> {
    const key = state.keyArn;
    if (state.keyManager === 'AWS') {
      return {
        kind: 'compliant',
        reason: `${key} is an AWS managed key: AWS rotates it every year, and its rotation cannot be changed.`,
      };
    }
    switch (state.keyState) {
      case 'PendingDeletion':
      case 'PendingReplicaDeletion':
        return {
          kind: 'refuse',
          reason:
            `The KMS key ${key} is scheduled for deletion${state.deletionDate === undefined ? '' : ` on ${state.deletionDate}`}, ` +
            'so KMS cannot turn on its rotation. If the deletion is intended, nothing is needed: the finding ' +
            'goes away with the key. If you cancel the deletion, enable the key and SOAR will turn rotation on.',
        };
      case 'Disabled':
        return {
          kind: 'refuse',
          reason:
            `The KMS key ${key} is disabled, and KMS turns on rotation only for enabled keys. ` +
            'Enable the key and SOAR will turn rotation on, or schedule the key for deletion if it is no longer used.',
        };
      case 'Creating':
      case 'Updating':
        return {
          kind: 'defer',
          reason: `The KMS key ${key} is ${state.keyState.toLowerCase()}; SOAR will try again later.`,
        };
      case 'Enabled':
        break;
      default:
        return {
          kind: 'refuse',
          reason: `The KMS key ${key} is in state ${state.keyState ?? 'unknown'}, in which KMS cannot turn on rotation.`,
        };
    }
    if (state.keySpec !== 'SYMMETRIC_DEFAULT') {
      return {
        kind: 'refuse',
        reason:
          `The KMS key ${key} is a ${state.keySpec ?? 'non-symmetric'} key: KMS rotates only symmetric encryption ` +
          'keys automatically. Replace the key by hand if it must change.',
      };
    }
    if (state.origin !== 'AWS_KMS') {
      return {
        kind: 'refuse',
        reason:
          `The KMS key ${key} has key material from ${state.origin ?? 'an unknown origin'}, which KMS cannot rotate ` +
          'automatically. Rotate it by hand (import new material or create a new key).',
      };
    }
    if (state.multiRegionKeyType === 'REPLICA') {
      return {
        kind: 'refuse',
        reason:
          `The KMS key ${key} is a multi-Region replica: rotation is set on its primary key` +
          `${state.primaryKeyArn === undefined ? '' : ` ${state.primaryKeyArn}`}.`,
      };
    }
    if (state.rotationEnabled === true) {
      return { kind: 'compliant', reason: `Automatic rotation is already on for the KMS key ${key}.` };
    }
    return {
      kind: 'changes',
      changes: [
        {
          action: 'kms:EnableKeyRotation',
          description: `Turned on automatic yearly rotation for the KMS key ${key}.`,
          params: { keyArn: key },
        },
      ],
      beforeImage: {
        keyArn: key,
        keyRotationEnabled: false,
        enabledWithRotationPeriodInDays: DEFAULT_ROTATION_PERIOD_DAYS,
      } satisfies Kms4BeforeImage,
      actionsRequired:
        'Turn on rotation in the code or template that manages the key (e.g. EnableKeyRotation: true), ' +
        'so the next deployment does not turn it off again.',
    };
  },

  async apply(changes, context) {
    const { KMSClient, EnableKeyRotationCommand } = await sdk.kms();
    const client = context.client(KMSClient);
    for (const change of changes) {
      await client.send(new EnableKeyRotationCommand({ KeyId: change.params.keyArn }));
    }
  },

  tags: (state) => state.tags,

  rollback: {
    readActions: ['kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
    iamActions: ['kms:DisableKeyRotation'],
    beforeImage: Kms4BeforeImageSchema,
    plan(before, state): RollbackPlan<Kms4Params> {
      const key = state.keyArn;
      if (before.keyArn !== key) {
        return {
          kind: 'refuse',
          reason: `The before-image is of the KMS key ${before.keyArn}, not ${key}, so SOAR changed nothing.`,
        };
      }
      if (state.keyState !== 'Enabled') {
        return {
          kind: 'refuse',
          reason:
            `The KMS key ${key} is ${state.keyState ?? 'in an unknown state'} now, and KMS changes the rotation ` +
            'only of enabled keys, so SOAR left its rotation as it is.',
        };
      }
      if (state.rotationEnabled === undefined) {
        return {
          kind: 'refuse',
          reason: `KMS cannot rotate the key ${key} automatically, so SOAR has no rotation of it to turn off.`,
        };
      }
      if (!state.rotationEnabled) {
        return {
          kind: 'already_as_before',
          reason: `Automatic rotation is already off for the KMS key ${key}, as before SOAR's fix.`,
        };
      }
      const period = state.rotationPeriodInDays;
      if (period !== undefined && period !== before.enabledWithRotationPeriodInDays) {
        return {
          kind: 'refuse',
          reason:
            `The KMS key ${key} now rotates every ${period} days, not the ${before.enabledWithRotationPeriodInDays} ` +
            'days SOAR turned on: someone has set its rotation since, so SOAR left it on.',
        };
      }
      return {
        kind: 'changes',
        changes: [
          {
            action: 'kms:DisableKeyRotation',
            description: `Turned automatic rotation back off for the KMS key ${key}, as before SOAR's fix.`,
            params: { keyArn: key },
          },
        ],
        actionsRequired:
          'Key material rotated while rotation was on is kept, so data encrypted under it stays readable. ' +
          'KMS.4 fails again for this key.',
      };
    },
    async apply(changes, context) {
      const { KMSClient, DisableKeyRotationCommand } = await sdk.kms();
      const client = context.client(KMSClient);
      for (const change of changes) {
        await client.send(new DisableKeyRotationCommand({ KeyId: change.params.keyArn }));
      }
    },
  },
});

/**
 * Pure: the KMS.4 state of the finding's key from `Details.AwsKmsKey` (see {@link kms_4}), or
 * `unknown` when only the live key can tell whether SOAR would turn rotation on.
 *
 * @example
 * ```ts
 * kms4FromFinding(context); // { kind: 'found', state: { keyManager: 'AWS', ... } } for an AWS managed key
 * ```
 */
export function kms4FromFinding(context: PlanContext): FindingStateResult<Kms4State> {
  const { resource } = context;
  const details = detailsOf(resource, 'AwsKmsKey');
  const keyArn = resource.Id;
  const liveOnly = (what: string): FindingStateResult<Kms4State> => ({
    kind: 'unknown',
    reason: `${what} SOAR checks that on the live key ${keyArn} before it changes anything.`,
  });
  const keyManager = stringField(details, 'KeyManager');
  if (keyManager === undefined) return liveOnly('The finding does not say who manages the key.');
  const keyState = stringField(details, 'KeyState');
  const origin = stringField(details, 'Origin');
  const base = {
    keyArn,
    keyManager,
    keyState,
    origin,
    primaryKeyArn: undefined,
    deletionDate: undefined,
    tags: keyManager === 'CUSTOMER' ? findingTags(resource) : {},
  };
  // AWS managed keys pass, and keys that are not enabled are refused or deferred, whatever the rest says.
  if (keyManager === 'AWS' || (keyState !== undefined && keyState !== 'Enabled')) {
    return {
      kind: 'found',
      state: {
        ...base,
        keySpec: stringField(details, 'KeySpec'),
        multiRegionKeyType: undefined,
        rotationEnabled: undefined,
      },
    };
  }
  if (keyState === undefined) return liveOnly('The finding does not say whether the key is enabled.');
  if (origin === undefined) return liveOnly('The finding does not say where the key material comes from.');
  if (keyIdOf(keyArn).startsWith('mrk-')) {
    return liveOnly(
      'The key is a multi-Region key, and the finding does not say whether it is the primary key (where rotation is set) or a replica.',
    );
  }
  const rotation = details?.['KeyRotationStatus'];
  const status = complianceOf(context.finding);
  const rotationEnabled =
    typeof rotation === 'boolean' ? rotation : status === undefined ? undefined : status === 'PASSED';
  if (rotationEnabled === undefined) {
    return liveOnly('The finding says neither whether rotation is on nor whether the key passes KMS.4.');
  }
  // Only symmetric keys with AWS_KMS material can rotate: rotation on says what the key spec is.
  const keySpec = stringField(details, 'KeySpec') ?? (rotationEnabled ? 'SYMMETRIC_DEFAULT' : undefined);
  if (keySpec === undefined) {
    return liveOnly(
      'The finding does not say whether the key is a symmetric encryption key, the only kind KMS rotates automatically (ASFF has no key spec).',
    );
  }
  return { kind: 'found', state: { ...base, keySpec, multiRegionKeyType: undefined, rotationEnabled } };
}
