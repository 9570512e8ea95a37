import type { RouteTable } from '@aws-sdk/client-ec2';
import * as z from 'zod';
import { classifyError, describeError, errorName } from '../../engine/classify';
import {
  defineControl,
  type ControlContext,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { RemediationError } from '../../errors';
import { detailsOf, findingTags, isLooseObject, stringField } from '../finding';
import { sdk } from '../sdk';
import { IsoTimestampSchema, TagsSchema } from '../state';
import { ECS_GONE, serviceFrom, serviceOf, tagMap, SERVICE_ID } from './shared';

/**
 * How one subnet of the service reaches the internet: its route table, and the target of its IPv4
 * default route (`0.0.0.0/0`): an internet gateway (`igw-…`, which only tasks with a public IP can use),
 * a NAT gateway (`nat-…`), a transit gateway and so on; absent when it has none.
 *
 * @example
 * ```ts
 * Ecs2SubnetRouteSchema.parse({ subnetId: 'subnet-0123456789abcdef0', routeTableId: 'rtb-0a1b2c3d', internetRoute: 'nat-0f1e2d3c4b5a69788' });
 * ```
 */
export const Ecs2SubnetRouteSchema = z.lazy(() =>
  z.strictObject({
    subnetId: z.string().min(1),
    /** Absent when SOAR found no route table for the subnet. */
    routeTableId: z.string().optional(),
    internetRoute: z.string().optional(),
  }),
);

/** A subnet route of {@link Ecs2State}; inferred from {@link Ecs2SubnetRouteSchema}. */
export type Ecs2SubnetRoute = z.infer<typeof Ecs2SubnetRouteSchema>;

/**
 * Live state of the service (`DescribeServices`, never the finding's `Details`): its network
 * configuration and deployment controller, and, when it assigns public IPs, how each of its subnets
 * reaches the internet (`DescribeSubnets`, `DescribeRouteTables`).
 *
 * @example
 * ```ts
 * Ecs2StateSchema.parse({
 *   clusterName: 'orders',
 *   serviceName: 'api',
 *   createdAt: '2026-09-01T08:30:00.000Z',
 *   deploymentController: 'ECS',
 *   assignPublicIp: 'ENABLED',
 *   subnets: ['subnet-0123456789abcdef0'],
 *   securityGroups: ['sg-0123456789abcdef0'],
 *   subnetRoutes: [{ subnetId: 'subnet-0123456789abcdef0', routeTableId: 'rtb-0a1b2c3d', internetRoute: 'nat-0f1e2d3c4b5a69788' }],
 *   tags: {},
 * });
 * ```
 */
export const Ecs2StateSchema = z.lazy(() =>
  z.strictObject({
    clusterName: z.string().min(1),
    serviceName: z.string().min(1),
    /** Absent when planned from a finding. */
    createdAt: IsoTimestampSchema.optional(),
    /** `ECS` (rolling updates), `CODE_DEPLOY` (blue/green) or `EXTERNAL`. */
    deploymentController: z.string().min(1),
    /** Absent when the service has no `awsvpc` network configuration. */
    assignPublicIp: z.enum(['ENABLED', 'DISABLED']).optional(),
    subnets: z.array(z.string()).readonly(),
    securityGroups: z.array(z.string()).readonly(),
    /** Read only while the service assigns public IPs. */
    subnetRoutes: z.array(Ecs2SubnetRouteSchema).readonly(),
    tags: TagsSchema,
  }),
);

/** Live state of ECS.2; inferred from {@link Ecs2StateSchema}. */
export type Ecs2State = z.infer<typeof Ecs2StateSchema>;

/** The one change of ECS.2 and of its rollback: the service's whole `awsvpcConfiguration`. */
export interface Ecs2Params {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly assignPublicIp: 'ENABLED' | 'DISABLED';
}

/**
 * What ECS.2 records to undo its fix: the network configuration with public IPs.
 *
 * @example
 * ```ts
 * Ecs2BeforeImageSchema.parse({ clusterName: 'orders', serviceName: 'api', subnets: ['subnet-0123'], securityGroups: ['sg-0123'], assignPublicIp: 'ENABLED' });
 * ```
 */
export const Ecs2BeforeImageSchema = z.lazy(() =>
  z.object({
    clusterName: z.string().min(1),
    serviceName: z.string().min(1),
    createdAt: IsoTimestampSchema.optional(),
    subnets: z.array(z.string()).min(1).readonly(),
    securityGroups: z.array(z.string()).readonly(),
    assignPublicIp: z.literal('ENABLED'),
  }),
);

/** The before-image of ECS.2; inferred from {@link Ecs2BeforeImageSchema}. */
export type Ecs2BeforeImage = z.infer<typeof Ecs2BeforeImageSchema>;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The target of a route table's active IPv4 default route, if it has one. */
function internetRoute(table: RouteTable | undefined): string | undefined {
  const route = table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.State !== 'blackhole');
  if (route === undefined) return undefined;
  return (
    route.GatewayId ??
    route.NatGatewayId ??
    route.TransitGatewayId ??
    route.NetworkInterfaceId ??
    route.InstanceId ??
    route.VpcPeeringConnectionId ??
    'another target'
  );
}

/** Each subnet's route table (its own association, else its VPC's main table) and default route. */
async function readSubnetRoutes(
  context: ControlContext,
  subnets: readonly string[],
): Promise<Ecs2SubnetRoute[]> {
  const { EC2Client, DescribeSubnetsCommand, paginateDescribeRouteTables } = await sdk.ec2();
  const ec2 = context.client(EC2Client);
  try {
    const described = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [...subnets] }));
    const vpcOf = new Map((described.Subnets ?? []).map((s) => [s.SubnetId, s.VpcId]));
    const vpcs = [...new Set([...vpcOf.values()].filter((v): v is string => v !== undefined))];
    const tables: RouteTable[] = [];
    const pages = paginateDescribeRouteTables(
      { client: ec2, pageSize: 100 },
      { Filters: [{ Name: 'vpc-id', Values: vpcs }] },
    );
    for await (const page of pages) tables.push(...(page.RouteTables ?? []));
    return subnets.map((subnetId) => {
      const table =
        tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId)) ??
        tables.find((t) => t.VpcId === vpcOf.get(subnetId) && t.Associations?.some((a) => a.Main === true));
      return { subnetId, routeTableId: table?.RouteTableId, internetRoute: internetRoute(table) };
    });
  } catch (error) {
    // A missing subnet does not mean the service is gone: say so instead of letting it suppress the finding.
    if (classifyError(error) !== 'resource_not_found') throw error;
    throw new RemediationError(
      `ECS.2: SOAR could not read the routes of the subnets ${subnets.join(', ')} (${describeError(error)}).`,
      { cause: error, context: { controlId: 'ECS.2', resourceArn: context.resource.Id } },
    );
  }
}

async function putNetwork(changes: readonly PlannedChange<Ecs2Params>[], context: ControlContext) {
  const { ECSClient, UpdateServiceCommand } = await sdk.ecs();
  const ecs = context.client(ECSClient);
  for (const { params } of changes) {
    await ecs.send(
      new UpdateServiceCommand({
        cluster: params.clusterName,
        service: params.serviceName,
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: [...params.subnets],
            securityGroups: [...params.securityGroups],
            assignPublicIp: params.assignPublicIp,
          },
        },
      }),
    );
  }
}

/**
 * ECS.2: ECS services should not have public IP addresses assigned to them automatically. Turns
 * `assignPublicIp` off in the service's live network configuration (`UpdateService`, same subnets and
 * security groups), which starts a new deployment; ECS replaces the tasks on its own afterwards, and
 * SOAR does not wait for it. Unlike the original, SOAR first checks how the service's subnets reach
 * the internet: when a subnet's default route goes to an internet gateway, tasks there reach nothing
 * outside the VPC without a public IP (image pulls, AWS APIs), so SOAR refuses with a ticket. It also
 * refuses services deployed by CodeDeploy or an external controller, whose network configuration
 * changes through their own deployments.
 *
 * Rollback ({@link planEcs2Rollback}): turns public IPs back on with the before-image's subnets and
 * security groups (another deployment); refused when the service's subnets or security groups changed
 * since, or the service was deleted and created again.
 *
 * From the finding (`fromFinding`): `NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp` of
 * `Details.AwsEcsService`: `DISABLED` is compliant, as live. `ENABLED` is `unknown`: no finding shows
 * the subnets' routes, which decide between the fix and a refusal.
 */
export const ecs_2 = defineControl<Ecs2State, Ecs2Params, Ecs2BeforeImage, Ecs2Params>({
  controlId: 'ECS.2',
  title: 'ECS services should not have public IP addresses assigned to them automatically',
  fix: "Turns off public IP assignment in the service's network configuration (a new deployment), unless a subnet routes to the internet through an internet gateway.",
  resourceIds: { AwsEcsService: SERVICE_ID },
  iamActions: ['ecs:DescribeServices', 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables', 'ecs:UpdateService'],
  // The EC2 describe calls have no resource type; the service calls name this service.
  permissions: (context) => {
    const { clusterName, serviceName } = serviceOf('ECS.2', context.resource);
    return [
      { actions: ['ec2:DescribeSubnets', 'ec2:DescribeRouteTables'], resources: ['*'] },
      {
        actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
        resources: [regionalArn(context, 'ecs', `service/${clusterName}/${serviceName}`)],
      },
    ];
  },
  destructive: false,
  reversible: true,
  stateSchema: Ecs2StateSchema,

  async read(context) {
    const { clusterName, serviceName } = serviceOf('ECS.2', context.resource);
    const gone = {
      kind: 'gone',
      reason: `The ECS service ${serviceName} of ${clusterName} no longer exists.`,
    } as const;
    const { ECSClient, DescribeServicesCommand } = await sdk.ecs();
    let described;
    try {
      described = await context
        .client(ECSClient)
        .send(
          new DescribeServicesCommand({ cluster: clusterName, services: [serviceName], include: ['TAGS'] }),
        );
    } catch (error) {
      if (ECS_GONE.has(errorName(error))) return gone;
      throw error;
    }
    // A deleted service is listed as a failure (MISSING), or as INACTIVE for a while.
    const service = described.services?.find((s) => s.serviceName === serviceName);
    if (service === undefined || service.status === 'INACTIVE') return gone;
    const vpc = service.networkConfiguration?.awsvpcConfiguration;
    const subnets = vpc?.subnets ?? [];
    const assignPublicIp = vpc?.assignPublicIp;
    return {
      kind: 'found',
      state: {
        clusterName,
        serviceName,
        createdAt: service.createdAt?.toISOString(),
        deploymentController: service.deploymentController?.type ?? 'ECS',
        ...(assignPublicIp === undefined ? {} : { assignPublicIp }),
        subnets,
        securityGroups: vpc?.securityGroups ?? [],
        subnetRoutes:
          assignPublicIp === 'ENABLED' && subnets.length > 0 ? await readSubnetRoutes(context, subnets) : [],
        tags: tagMap(service.tags),
      },
    };
  },

  fromFinding(context) {
    const ref = serviceFrom(context.resource);
    if (ref === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding resource ${context.resource.Id} does not name an ECS service and its cluster.`,
      };
    }
    const network = detailsOf(context.resource, 'AwsEcsService')?.['NetworkConfiguration'];
    const vpc = isLooseObject(network) ? network['AwsVpcConfiguration'] : undefined;
    if (stringField(isLooseObject(vpc) ? vpc : undefined, 'AssignPublicIp') === 'DISABLED') {
      return {
        kind: 'found',
        state: {
          ...ref,
          deploymentController: 'ECS',
          assignPublicIp: 'DISABLED',
          subnets: [],
          securityGroups: [],
          subnetRoutes: [],
          tags: findingTags(context.resource),
        },
      };
    }
    return {
      kind: 'unknown',
      reason:
        `No finding shows how the subnets of the ECS service ${ref.serviceName} reach the internet. SOAR checks that on ` +
        'the live service before it changes anything: it turns public IPs off unless a subnet routes to the internet ' +
        'through an internet gateway, where tasks without a public IP could no longer pull images or call AWS.',
    };
  },

  plan(state) {
    const { clusterName, serviceName, subnets, securityGroups } = state;
    const service = `the ECS service ${serviceName} of ${clusterName}`;
    if (state.assignPublicIp !== 'ENABLED') {
      return { kind: 'compliant', reason: `Tasks of ${service} get no public IP address.` };
    }
    if (state.deploymentController !== 'ECS') {
      return {
        kind: 'refuse',
        reason:
          `${service} is deployed by ${state.deploymentController}, whose deployments set its network configuration, ` +
          'so SOAR did not change it: set assignPublicIp to DISABLED in its next deployment.',
      };
    }
    const unknown = state.subnetRoutes.filter((r) => r.routeTableId === undefined).map((r) => r.subnetId);
    const covered = new Set(state.subnetRoutes.map((r) => r.subnetId));
    unknown.push(...subnets.filter((s) => !covered.has(s)));
    if (unknown.length > 0) {
      return {
        kind: 'refuse',
        reason: `SOAR found no route table for the subnet(s) ${unknown.join(', ')} of ${service}, so it cannot tell whether its tasks would still reach the internet without public IPs, and changed nothing.`,
      };
    }
    const viaGateway = state.subnetRoutes.filter((r) => r.internetRoute?.startsWith('igw-') === true);
    if (viaGateway.length > 0) {
      const listed = viaGateway.map((r) => `${r.subnetId} (via ${r.internetRoute ?? '?'})`).join(', ');
      return {
        kind: 'refuse',
        reason:
          `SOAR did not turn off public IPs for ${service} because its subnet(s) ${listed} reach the internet through an ` +
          'internet gateway: without a public IP its tasks could no longer pull images or call AWS. Move the service to ' +
          'private subnets with a NAT gateway or VPC endpoints, then turn assignPublicIp off (or let SOAR do it).',
      };
    }
    const beforeImage = {
      clusterName,
      serviceName,
      createdAt: state.createdAt,
      subnets,
      securityGroups,
      assignPublicIp: 'ENABLED',
    } satisfies Ecs2BeforeImage;
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ecs:UpdateService',
          description: `Turned off public IP addresses for the tasks of ${service} (same subnets and security groups).`,
          params: { clusterName, serviceName, subnets, securityGroups, assignPublicIp: 'DISABLED' },
        },
      ],
      beforeImage,
      actionsRequired:
        'ECS started a new deployment that replaces the tasks with ones without a public IP; SOAR did not wait for it. ' +
        'Check that it completes. If a template creates the service, set assignPublicIp to DISABLED there too.',
    };
  },

  apply: putNetwork,

  tags: (state) => state.tags,

  rollback: {
    readActions: ['ecs:DescribeServices', 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables'],
    iamActions: ['ecs:UpdateService'],
    beforeImage: Ecs2BeforeImageSchema,
    plan: planEcs2Rollback,
    apply: putNetwork,
  },
});

/**
 * Pure: plans turning public IPs back on for the service ECS.2 changed (see {@link ecs_2}).
 *
 * @example
 * ```ts
 * planEcs2Rollback(before, { ...state, assignPublicIp: 'DISABLED' });
 * // { kind: 'changes', changes: [{ action: 'ecs:UpdateService', ... }] }
 * ```
 */
export function planEcs2Rollback(before: Ecs2BeforeImage, state: Ecs2State): RollbackPlan<Ecs2Params> {
  const { clusterName, serviceName } = state;
  const service = `the ECS service ${serviceName} of ${clusterName}`;
  if (before.clusterName !== clusterName || before.serviceName !== serviceName) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the ECS service ${before.serviceName} of ${before.clusterName}, not ${serviceName} of ${clusterName}, so SOAR changed nothing.`,
    };
  }
  if (
    before.createdAt !== undefined &&
    state.createdAt !== undefined &&
    before.createdAt !== state.createdAt
  ) {
    return {
      kind: 'refuse',
      reason: `${service} was deleted and created again since SOAR's fix, so SOAR did not change the new one.`,
    };
  }
  if (state.assignPublicIp === 'ENABLED') {
    return {
      kind: 'already_as_before',
      reason: `Tasks of ${service} get public IP addresses, as before SOAR's fix.`,
    };
  }
  if (!sameSet(before.subnets, state.subnets) || !sameSet(before.securityGroups, state.securityGroups)) {
    return {
      kind: 'refuse',
      reason: `The subnets or security groups of ${service} changed since SOAR's fix: someone reconfigured its network, so SOAR did not put back the old configuration.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'ecs:UpdateService',
        description: `Turned public IP addresses back on for the tasks of ${service}.`,
        params: {
          clusterName,
          serviceName,
          subnets: before.subnets,
          securityGroups: before.securityGroups,
          assignPublicIp: 'ENABLED',
        },
      },
    ],
    actionsRequired:
      'ECS started a new deployment whose tasks get public IP addresses again; ECS.2 fails again for the service.',
  };
}
