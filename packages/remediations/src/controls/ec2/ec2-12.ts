import type { AwsSecurityFinding } from '@soar/asff-schema';
import * as z from 'zod';
import { classifyError } from '../../engine/classify';
import { defineControl, type FindingResource } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { complianceOf, findingTags } from '../finding';
import { sdk } from '../sdk';
import { EIP_ID } from './resource-ids';
import { TagsSchema } from '../state';

/** Days an unused Elastic IP may stay after Security Hub first reported it (the original's 30 days). */
export const EC2_12_GRACE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const ALLOCATION_ID = /^eipalloc-[0-9a-f]+$/;

/**
 * Live state of the Elastic IP: it is in use when any of `associationId`, `instanceId` and
 * `networkInterfaceId` is set (absent: not associated).
 *
 * @example
 * ```ts
 * Ec212StateSchema.parse({
 *   allocationId: 'eipalloc-0a1b2c3d4e5f60718',
 *   publicIp: '203.0.113.25',
 *   tags: { Name: 'old-bastion' },
 * });
 * ```
 */
export const Ec212StateSchema = z.lazy(() =>
  z.strictObject({
    allocationId: z.string().regex(ALLOCATION_ID, 'Invalid allocation id: expected eipalloc- and hex digits'),
    publicIp: z.string().min(1).optional(),
    /** Set when the address is associated with an instance or network interface. */
    associationId: z.string().min(1).optional(),
    instanceId: z.string().min(1).optional(),
    networkInterfaceId: z.string().min(1).optional(),
    tags: TagsSchema,
  }),
);

/** Live state of EC2.12; inferred from {@link Ec212StateSchema}. */
export type Ec212State = z.infer<typeof Ec212StateSchema>;

/** What `apply` releases. */
export interface Ec212Params {
  readonly allocationId: string;
}

/**
 * The allocation id of the finding's Elastic IP, from its declared id ({@link EIP_ID}:
 * `arn:…:eip-allocation/eipalloc-…`). `ProductFields` are never used (the original preferred
 * `ProductFields["Resources:0/Id"]` and crashed when it was missing). `undefined` for another shape.
 *
 * @example
 * ```ts
 * allocationIdOf({ Type: 'AwsEc2Eip', Id: 'arn:aws:ec2:eu-west-1:111122223333:eip-allocation/eipalloc-0abc' });
 * // 'eipalloc-0abc'
 * ```
 */
export function allocationIdOf(resource: Pick<FindingResource, 'Id'>): string | undefined {
  return EIP_ID.match(resource.Id)?.allocationId;
}

/** Whole days since the finding was first observed, or `undefined` when it has no valid FirstObservedAt. */
function daysObserved(finding: AwsSecurityFinding, now: Date): number | undefined {
  const first = Date.parse(finding.FirstObservedAt ?? '');
  return Number.isNaN(first) ? undefined : (now.getTime() - first) / DAY_MS;
}

/** `undefined` for missing or blank strings (some emulators answer `""` for "not associated"). */
function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * EC2.12: unused Elastic IPs should be removed. Re-reads the address (`DescribeAddresses`); an
 * associated address passes (compliant). An unassociated one is released once the finding is older
 * than {@link EC2_12_GRACE_DAYS} days (measured from `FirstObservedAt`); before that the finding is
 * reconsidered later. Irreversible: the public IPv4 address is lost for good. Failures such as
 * `AuthFailure` or `InvalidIPAddress.InUse` become tickets, never suppressions: the original suppressed
 * them, which hid the finding for good although the address was still there.
 *
 * From the finding (`fromFinding`): the association comes from `Details.AwsEc2Eip` (`AssociationId`,
 * `InstanceId`, `NetworkInterfaceId`; absent fields mean not associated). Without `AwsEc2Eip`
 * details, a `FAILED` verdict means unassociated; anything else is `unknown`. The grace period runs
 * from `FirstObservedAt` and `context.now`, exactly as live. Tags come from `Resources[].Tags`.
 */
export const ec2_12 = defineControl<Ec212State, Ec212Params>({
  controlId: 'EC2.12',
  title: 'Unused EC2 EIPs should be removed',
  fix: `Releases an Elastic IP that is not associated with anything, ${EC2_12_GRACE_DAYS} days after Security Hub first reported it.`,
  resourceIds: { AwsEc2Eip: EIP_ID },
  iamActions: ['ec2:DescribeAddresses', 'ec2:ReleaseAddress'],
  // DescribeAddresses has no resource type; the release names this allocation only.
  permissions: (context) => {
    const { allocationId } = EIP_ID.partsOf(context.resource.Id);
    return [
      { actions: ['ec2:DescribeAddresses'], resources: ['*'] },
      {
        actions: ['ec2:ReleaseAddress'],
        resources: [regionalArn(context, 'ec2', `elastic-ip/${allocationId}`)],
      },
    ];
  },
  destructive: true,
  reversible: false,
  stateSchema: Ec212StateSchema,

  async read(context) {
    const { allocationId } = EIP_ID.partsOf(context.resource.Id);
    const { EC2Client, DescribeAddressesCommand } = await sdk.ec2();
    let address;
    try {
      const output = await context
        .client(EC2Client)
        .send(new DescribeAddressesCommand({ AllocationIds: [allocationId] }));
      address = output.Addresses?.find((a) => a.AllocationId === allocationId);
    } catch (error) {
      if (classifyError(error) !== 'resource_not_found') throw error;
    }
    if (address === undefined) {
      return { kind: 'gone', reason: `The Elastic IP ${allocationId} no longer exists.` };
    }
    const tags: Record<string, string> = {};
    for (const tag of address.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    return {
      kind: 'found',
      state: {
        allocationId,
        publicIp: nonBlank(address.PublicIp),
        associationId: nonBlank(address.AssociationId),
        instanceId: nonBlank(address.InstanceId),
        networkInterfaceId: nonBlank(address.NetworkInterfaceId),
        tags,
      },
    };
  },

  fromFinding(context) {
    const { resource } = context;
    const { allocationId } = EIP_ID.partsOf(resource.Id);
    const eip = resource.Details?.AwsEc2Eip;
    if (eip === undefined && complianceOf(context.finding) !== 'FAILED') {
      return {
        kind: 'unknown',
        reason:
          `The finding does not describe the Elastic IP ${allocationId}. ` +
          'SOAR checks on the live address whether it is associated with anything before it changes anything.',
      };
    }
    return {
      kind: 'found',
      state: {
        allocationId,
        publicIp: nonBlank(eip?.PublicIp),
        associationId: nonBlank(eip?.AssociationId),
        instanceId: nonBlank(eip?.InstanceId),
        networkInterfaceId: nonBlank(eip?.NetworkInterfaceId),
        tags: findingTags(resource),
      },
    };
  },

  plan(state, context) {
    const name = `${state.allocationId}${state.publicIp === undefined ? '' : ` (${state.publicIp})`}`;
    if (
      state.associationId !== undefined ||
      state.instanceId !== undefined ||
      state.networkInterfaceId !== undefined
    ) {
      const target = state.instanceId ?? state.networkInterfaceId ?? state.associationId ?? '';
      return {
        kind: 'compliant',
        reason: `The Elastic IP ${name} is in use now (associated with ${target}).`,
      };
    }
    const days = daysObserved(context.finding, context.now);
    if (days === undefined) {
      return {
        kind: 'refuse',
        reason: `The finding has no valid FirstObservedAt, so SOAR cannot tell how long ${name} has been unused and will not release it.`,
      };
    }
    if (days < EC2_12_GRACE_DAYS) {
      const left = Math.ceil(EC2_12_GRACE_DAYS - days);
      return {
        kind: 'defer',
        reason: `The Elastic IP ${name} has been reported unused for ${Math.floor(days)} of ${EC2_12_GRACE_DAYS} days; it will be released in about ${left} day(s) if it stays unused.`,
      };
    }
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ec2:ReleaseAddress',
          description: `Released the Elastic IP ${name}: it had not been attached to anything for over ${EC2_12_GRACE_DAYS} days.`,
          params: { allocationId: state.allocationId },
        },
      ],
      beforeImage: { allocationId: state.allocationId, publicIp: state.publicIp, tags: state.tags },
      actionsRequired:
        'The address cannot be recovered. If partners, DNS records or firewalls used it, update them; create Elastic IPs through code and keep them attached.',
      removesResource: true,
    };
  },

  async apply(changes, context) {
    const { EC2Client, ReleaseAddressCommand } = await sdk.ec2();
    const ec2 = context.client(EC2Client);
    for (const change of changes) {
      await ec2.send(new ReleaseAddressCommand({ AllocationId: change.params.allocationId }));
    }
  },

  tags: (state) => state.tags,
});
