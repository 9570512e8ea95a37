import * as z from 'zod';
import { defineControl } from '../../engine/control';
import { complianceOf } from '../finding';
import { sdk } from '../sdk';
import { ACCOUNT_ID } from './resource-ids';

/**
 * Live state: whether new EBS volumes in the finding's region are encrypted by default
 * (`GetEbsEncryptionByDefault`).
 *
 * @example
 * ```ts
 * Ec27StateSchema.parse({ enabled: false });
 * ```
 */
export const Ec27StateSchema = z.lazy(() =>
  z.strictObject({
    enabled: z.boolean(),
  }),
);

/** Live state of EC2.7; inferred from {@link Ec27StateSchema}. */
export type Ec27State = z.infer<typeof Ec27StateSchema>;

/**
 * What EC2.7 records before turning on EBS encryption by default: it was off, in this region.
 *
 * @example
 * ```ts
 * Ec27BeforeImageSchema.parse({ ebsEncryptionByDefault: false, region: 'eu-west-1' });
 * ```
 */
export const Ec27BeforeImageSchema = z.lazy(() =>
  z.object({
    ebsEncryptionByDefault: z.literal(false),
    region: z.string().min(1),
  }),
);

/** The before-image of EC2.7; inferred from {@link Ec27BeforeImageSchema}. */
export type Ec27BeforeImage = z.infer<typeof Ec27BeforeImageSchema>;

/**
 * EC2.7: EBS default encryption should be enabled. The fix turns it on for the account in the
 * finding's region; existing volumes are not touched. Undo: `DisableEbsEncryptionByDefault`.
 *
 * Rollback: turns EBS encryption by default off again (volumes created while it was on stay
 * encrypted); `already_as_before` when it is off; refused when the before-image is of another region
 * than the finding's.
 *
 * From the finding (`fromFinding`): the resource is the account, which has no `Details`, so the
 * state is the finding's verdict: `Compliance.Status` `FAILED` means encryption by default is off,
 * `PASSED` that it is on; any other status is `unknown`.
 */
export const ec2_7 = defineControl<Ec27State, Record<string, never>, Ec27BeforeImage, Record<string, never>>({
  controlId: 'EC2.7',
  title: 'EBS default encryption should be enabled',
  fix: 'Turns on EBS encryption by default in the region (new volumes only).',
  resourceIds: { AwsAccount: ACCOUNT_ID },
  iamActions: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault'],
  // EBS encryption by default is a setting of the account and region: these actions have no resource type.
  permissions: () => [
    {
      actions: [
        'ec2:GetEbsEncryptionByDefault',
        'ec2:EnableEbsEncryptionByDefault',
        'ec2:DisableEbsEncryptionByDefault',
      ],
      resources: ['*'],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Ec27StateSchema,

  async read(context) {
    const { EC2Client, GetEbsEncryptionByDefaultCommand } = await sdk.ec2();
    const output = await context.client(EC2Client).send(new GetEbsEncryptionByDefaultCommand({}));
    return { kind: 'found', state: { enabled: output.EbsEncryptionByDefault === true } };
  },

  fromFinding(context) {
    const status = complianceOf(context.finding);
    if (status === undefined) {
      return {
        kind: 'unknown',
        reason:
          'The finding has no PASSED or FAILED verdict, and an account carries no details to read instead. ' +
          `SOAR checks EBS encryption by default in ${context.region} on the live account before it changes anything.`,
      };
    }
    return { kind: 'found', state: { enabled: status === 'PASSED' } };
  },

  plan(state, context) {
    if (state.enabled) return { kind: 'compliant', reason: 'EBS encryption by default is already on.' };
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ec2:EnableEbsEncryptionByDefault',
          description: `Turned on EBS encryption by default in ${context.region}: new volumes are now encrypted.`,
          params: {},
        },
      ],
      beforeImage: { ebsEncryptionByDefault: false, region: context.region } satisfies Ec27BeforeImage,
      actionsRequired:
        'Existing unencrypted volumes stay as they are; replace them if they hold sensitive data.',
    };
  },

  async apply(_changes, context) {
    const { EC2Client, EnableEbsEncryptionByDefaultCommand } = await sdk.ec2();
    await context.client(EC2Client).send(new EnableEbsEncryptionByDefaultCommand({}));
  },

  rollback: {
    readActions: ['ec2:GetEbsEncryptionByDefault'],
    iamActions: ['ec2:DisableEbsEncryptionByDefault'],
    beforeImage: Ec27BeforeImageSchema,
    plan(before, state, context) {
      if (before.region !== context.region) {
        return {
          kind: 'refuse',
          reason:
            `The before-image is of EBS encryption by default in ${before.region}, but the finding is for ` +
            `${context.region}, so SOAR changed nothing.`,
        };
      }
      if (!state.enabled) {
        return {
          kind: 'already_as_before',
          reason: `EBS encryption by default is already off in ${context.region}, as it was before SOAR's fix.`,
        };
      }
      return {
        kind: 'changes',
        changes: [
          {
            action: 'ec2:DisableEbsEncryptionByDefault',
            description:
              `Turned EBS encryption by default back off in ${context.region}, as it was before SOAR's fix: ` +
              'new volumes are no longer encrypted unless they ask for it.',
            params: {},
          },
        ],
        actionsRequired:
          'Volumes created while encryption by default was on stay encrypted. EC2.7 fails again for this region.',
      };
    },
    async apply(_changes, context) {
      const { EC2Client, DisableEbsEncryptionByDefaultCommand } = await sdk.ec2();
      await context.client(EC2Client).send(new DisableEbsEncryptionByDefaultCommand({}));
    },
  },
});
