import * as z from 'zod';
import { defineControl, type ControlContext } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { booleanField, complianceOf, detailsOf, findingTags, stringField } from '../finding';
import { SUBNET_ID } from './resource-ids';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';

/**
 * Live state of the subnet, as `DescribeSubnets` returns it now (never the finding's `Details`).
 *
 * @example
 * ```ts
 * Ec215StateSchema.parse({
 *   subnetId: 'subnet-0123456789abcdef0',
 *   vpcId: 'vpc-0f1e2d3c4b5a69788',
 *   mapPublicIpOnLaunch: true,
 *   tags: { Name: 'public-a' },
 * });
 * ```
 */
export const Ec215StateSchema = z.lazy(() =>
  z.strictObject({
    subnetId: z.string().startsWith('subnet-'),
    vpcId: z.string().optional(),
    /** Whether instances launched in the subnet get a public IPv4 address by default. */
    mapPublicIpOnLaunch: z.boolean(),
    tags: TagsSchema,
  }),
);

/** Live state of EC2.15; inferred from {@link Ec215StateSchema}. */
export type Ec215State = z.infer<typeof Ec215StateSchema>;

/** Parameters of the one change EC2.15 makes. */
export interface Ec215Params {
  readonly subnetId: string;
}

/**
 * What EC2.15 records so the change can be undone (`ModifySubnetAttribute MapPublicIpOnLaunch=true`).
 *
 * @example
 * ```ts
 * Ec215BeforeImageSchema.parse({ subnetId: 'subnet-0123456789abcdef0', mapPublicIpOnLaunch: true });
 * ```
 */
export const Ec215BeforeImageSchema = z.lazy(() =>
  z.object({
    subnetId: z.string().startsWith('subnet-'),
    mapPublicIpOnLaunch: z.literal(true),
  }),
);

/** The before-image of EC2.15; inferred from {@link Ec215BeforeImageSchema}. */
export type Ec215BeforeImage = z.infer<typeof Ec215BeforeImageSchema>;

/** The subnet id of the finding's subnet (its id matched {@link SUBNET_ID} before). */
function subnetIdOf(resourceId: string): string {
  return SUBNET_ID.partsOf(resourceId).subnetId;
}

/**
 * EC2.15: EC2 subnets should not automatically assign public IP addresses. The fix turns off
 * `MapPublicIpOnLaunch` on the subnet; running instances keep their addresses, but instances and
 * tasks launched later in the subnet no longer get a public IPv4 address unless they ask for one.
 * Undo: `ModifySubnetAttribute MapPublicIpOnLaunch=true` from the before-image.
 *
 * Rollback: turns `MapPublicIpOnLaunch` back on; `already_as_before` when it is on; refused when the
 * before-image is of another subnet.
 *
 * From the finding (`fromFinding`): `Details.AwsEc2Subnet.MapPublicIpOnLaunch` when the finding carries
 * it (`@soar/asff-schema` has no `AwsEc2Subnet` type yet, so it is read from the loose `Details`), else
 * the verdict (`Compliance.Status` `FAILED`: maps public IPs, `PASSED`: does not); `unknown` otherwise.
 * Tags come from `Resources[].Tags`.
 */
export const ec2_15 = defineControl<Ec215State, Ec215Params, Ec215BeforeImage, Ec215Params>({
  controlId: 'EC2.15',
  title: 'EC2 subnets should not automatically assign public IP addresses',
  fix: 'Turns off auto-assignment of public IPv4 addresses on the subnet (future launches only).',
  resourceIds: { AwsEc2Subnet: SUBNET_ID },
  iamActions: ['ec2:DescribeSubnets', 'ec2:ModifySubnetAttribute'],
  // DescribeSubnets has no resource type; the change (and its undo) names this subnet only.
  permissions: (context) => [
    { actions: ['ec2:DescribeSubnets'], resources: ['*'] },
    {
      actions: ['ec2:ModifySubnetAttribute'],
      resources: [regionalArn(context, 'ec2', `subnet/${subnetIdOf(context.resource.Id)}`)],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Ec215StateSchema,

  async read(context) {
    const subnetId = subnetIdOf(context.resource.Id);
    const { EC2Client, DescribeSubnetsCommand } = await sdk.ec2();
    const output = await context
      .client(EC2Client)
      .send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
    const subnet = output.Subnets?.find((s) => s.SubnetId === subnetId);
    if (subnet === undefined) return { kind: 'gone', reason: `The subnet ${subnetId} no longer exists.` };
    const tags: Record<string, string> = {};
    for (const tag of subnet.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    return {
      kind: 'found',
      state: {
        subnetId,
        vpcId: subnet.VpcId,
        mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch === true,
        tags,
      },
    };
  },

  fromFinding(context) {
    const { resource } = context;
    const subnetId = subnetIdOf(resource.Id);
    const details = detailsOf(resource, 'AwsEc2Subnet');
    const status = complianceOf(context.finding);
    const mapPublicIpOnLaunch =
      booleanField(details, 'MapPublicIpOnLaunch') ??
      (status === undefined ? undefined : status === 'FAILED');
    if (mapPublicIpOnLaunch === undefined) {
      return {
        kind: 'unknown',
        reason:
          `The finding neither says whether the subnet ${subnetId} gives new instances public IP addresses nor has ` +
          'a PASSED or FAILED verdict. SOAR checks MapPublicIpOnLaunch on the live subnet before it changes anything.',
      };
    }
    return {
      kind: 'found',
      state: {
        subnetId,
        vpcId: stringField(details, 'VpcId'),
        mapPublicIpOnLaunch,
        tags: findingTags(resource),
      },
    };
  },

  plan(state) {
    if (!state.mapPublicIpOnLaunch) {
      return {
        kind: 'compliant',
        reason: `The subnet ${state.subnetId} already does not give public IP addresses to new instances.`,
      };
    }
    const beforeImage: Ec215BeforeImage = { subnetId: state.subnetId, mapPublicIpOnLaunch: true };
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ec2:ModifySubnetAttribute',
          description:
            `Stopped the subnet ${state.subnetId}${state.vpcId === undefined ? '' : ` (${state.vpcId})`} ` +
            'from giving new instances a public IP address automatically.',
          params: { subnetId: state.subnetId },
        },
      ],
      beforeImage,
      actionsRequired:
        'Instances or tasks launched in this subnet from now on get no public IP address unless they ask for ' +
        'one. If they need the internet, give the subnet a NAT gateway or ask for a public address explicitly, ' +
        'and update the template that created the subnet (MapPublicIpOnLaunch: false).',
    };
  },

  apply: (changes, context) => setMapPublicIpOnLaunch(changes, context, false),

  tags: (state) => state.tags,

  rollback: {
    readActions: ['ec2:DescribeSubnets'],
    iamActions: ['ec2:ModifySubnetAttribute'],
    beforeImage: Ec215BeforeImageSchema,
    plan(before, state) {
      if (before.subnetId !== state.subnetId) {
        return {
          kind: 'refuse',
          reason: `The before-image is of the subnet ${before.subnetId}, not ${state.subnetId}, so SOAR changed nothing.`,
        };
      }
      if (state.mapPublicIpOnLaunch) {
        return {
          kind: 'already_as_before',
          reason: `The subnet ${state.subnetId} already gives public IP addresses to new instances, as before SOAR's fix.`,
        };
      }
      return {
        kind: 'changes',
        changes: [
          {
            action: 'ec2:ModifySubnetAttribute',
            description:
              `Let the subnet ${state.subnetId}${state.vpcId === undefined ? '' : ` (${state.vpcId})`} give new ` +
              "instances a public IP address automatically again, as before SOAR's fix.",
            params: { subnetId: state.subnetId },
          },
        ],
        actionsRequired: 'EC2.15 fails again for this subnet.',
      };
    },
    apply: (changes, context) => setMapPublicIpOnLaunch(changes, context, true),
  },
});

/** Sets `MapPublicIpOnLaunch` of each planned subnet: off (the fix) or back on (its rollback). */
async function setMapPublicIpOnLaunch(
  changes: readonly { readonly params: { readonly subnetId: string } }[],
  context: ControlContext,
  value: boolean,
): Promise<void> {
  const { EC2Client, ModifySubnetAttributeCommand } = await sdk.ec2();
  const ec2 = context.client(EC2Client);
  for (const change of changes) {
    await ec2.send(
      new ModifySubnetAttributeCommand({
        SubnetId: change.params.subnetId,
        MapPublicIpOnLaunch: { Value: value },
      }),
    );
  }
}
