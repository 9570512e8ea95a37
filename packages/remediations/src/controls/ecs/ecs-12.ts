import * as z from 'zod';
import { errorName } from '../../engine/classify';
import {
  defineControl,
  type ControlContext,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { complianceOf, detailsOf, findingTags, isLooseObject } from '../finding';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import { clusterNameFrom, clusterNameOf, ECS_GONE, tagMap, CLUSTER_ID } from './shared';

const INSIGHTS = ['enabled', 'disabled', 'enhanced'] as const;

/**
 * Live state of the cluster's Container Insights setting (`DescribeClusters` with its settings and tags).
 *
 * @example
 * ```ts
 * Ecs12StateSchema.parse({ clusterName: 'orders', containerInsights: 'disabled', tags: { team: 'payments' } });
 * ```
 */
export const Ecs12StateSchema = z.lazy(() =>
  z.strictObject({
    clusterName: z.string().min(1),
    /** The cluster's `containerInsights` setting; `disabled` when the cluster has none. */
    containerInsights: z.enum(INSIGHTS),
    tags: TagsSchema,
  }),
);

/** Live state of ECS.12; inferred from {@link Ecs12StateSchema}. */
export type Ecs12State = z.infer<typeof Ecs12StateSchema>;

/** The one change of ECS.12 and of its rollback: the cluster's Container Insights setting. */
export interface Ecs12Params {
  readonly clusterName: string;
  readonly containerInsights: (typeof INSIGHTS)[number];
}

/**
 * What ECS.12 records to undo its fix: Container Insights was off.
 *
 * @example
 * ```ts
 * Ecs12BeforeImageSchema.parse({ clusterName: 'orders', containerInsights: 'disabled' });
 * ```
 */
export const Ecs12BeforeImageSchema = z.lazy(() =>
  z.object({ clusterName: z.string().min(1), containerInsights: z.literal('disabled') }),
);

/** The before-image of ECS.12; inferred from {@link Ecs12BeforeImageSchema}. */
export type Ecs12BeforeImage = z.infer<typeof Ecs12BeforeImageSchema>;

function isInsights(value: unknown): value is (typeof INSIGHTS)[number] {
  return INSIGHTS.some((v) => v === value);
}

async function putInsights(changes: readonly PlannedChange<Ecs12Params>[], context: ControlContext) {
  const { ECSClient, UpdateClusterCommand } = await sdk.ecs();
  const ecs = context.client(ECSClient);
  for (const { params } of changes) {
    await ecs.send(
      new UpdateClusterCommand({
        cluster: params.clusterName,
        settings: [{ name: 'containerInsights', value: params.containerInsights }],
      }),
    );
  }
}

/**
 * ECS.12: ECS clusters should use Container Insights. Turns the cluster's `containerInsights` setting
 * to `enabled` (`UpdateCluster`); a cluster on `enhanced` (Container Insights with enhanced
 * observability) already passes and is left as it is. The cost is CloudWatch metrics and logs.
 *
 * Rollback ({@link planEcs12Rollback}): turns the setting back to `disabled` while it is still
 * `enabled`; refused when someone switched the cluster to `enhanced` since.
 *
 * From the finding (`fromFinding`): the `containerInsights` entry of
 * `Details.AwsEcsCluster.ClusterSettings`; without it, a `FAILED` verdict means it is off.
 */
export const ecs_12 = defineControl<Ecs12State, Ecs12Params, Ecs12BeforeImage, Ecs12Params>({
  controlId: 'ECS.12',
  title: 'ECS clusters should use Container Insights',
  fix: 'Turns on Container Insights for the cluster (a cluster on enhanced observability is left as it is).',
  resourceIds: { AwsEcsCluster: CLUSTER_ID },
  iamActions: ['ecs:DescribeClusters', 'ecs:UpdateCluster'],
  permissions: (context) => [
    {
      actions: ['ecs:DescribeClusters', 'ecs:UpdateCluster'],
      resources: [regionalArn(context, 'ecs', `cluster/${clusterNameOf('ECS.12', context.resource.Id)}`)],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Ecs12StateSchema,

  async read(context) {
    const clusterName = clusterNameOf('ECS.12', context.resource.Id);
    const gone = { kind: 'gone', reason: `The ECS cluster ${clusterName} no longer exists.` } as const;
    const { ECSClient, DescribeClustersCommand } = await sdk.ecs();
    let described;
    try {
      described = await context
        .client(ECSClient)
        .send(new DescribeClustersCommand({ clusters: [clusterName], include: ['SETTINGS', 'TAGS'] }));
    } catch (error) {
      if (ECS_GONE.has(errorName(error))) return gone;
      throw error;
    }
    // A deleted cluster is listed as a failure (MISSING), or as INACTIVE for a while.
    const cluster = described.clusters?.find((c) => c.clusterName === clusterName);
    if (cluster === undefined || cluster.status === 'INACTIVE') return gone;
    const setting = cluster.settings?.find((s) => s.name === 'containerInsights')?.value;
    return {
      kind: 'found',
      state: {
        clusterName,
        containerInsights: isInsights(setting) ? setting : 'disabled',
        tags: tagMap(cluster.tags),
      },
    };
  },

  fromFinding(context) {
    const clusterName = clusterNameFrom(context.resource.Id);
    if (clusterName === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding resource ${context.resource.Id} does not name an ECS cluster.`,
      };
    }
    const settings = detailsOf(context.resource, 'AwsEcsCluster')?.['ClusterSettings'];
    const given = Array.isArray(settings)
      ? settings.find((s: unknown) => isLooseObject(s) && s['Name'] === 'containerInsights')
      : undefined;
    const value: unknown = isLooseObject(given) ? given['Value'] : undefined;
    const containerInsights = isInsights(value)
      ? value
      : complianceOf(context.finding) === 'FAILED'
        ? 'disabled'
        : undefined;
    if (containerInsights === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding says neither whether ${clusterName} uses Container Insights nor that it fails ECS.12.`,
      };
    }
    return { kind: 'found', state: { clusterName, containerInsights, tags: findingTags(context.resource) } };
  },

  plan(state) {
    const name = state.clusterName;
    if (state.containerInsights !== 'disabled') {
      return {
        kind: 'compliant',
        reason: `The ECS cluster ${name} uses Container Insights (${state.containerInsights}).`,
      };
    }
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ecs:UpdateCluster',
          description: `Turned on Container Insights for the ECS cluster ${name}.`,
          params: { clusterName: name, containerInsights: 'enabled' },
        },
      ],
      beforeImage: { clusterName: name, containerInsights: 'disabled' } satisfies Ecs12BeforeImage,
      actionsRequired:
        "CloudWatch now collects the cluster's Container Insights metrics and performance logs, which it bills. " +
        'If a template creates the cluster, turn containerInsights on there too.',
    };
  },

  apply: putInsights,

  tags: (state) => state.tags,

  rollback: {
    readActions: ['ecs:DescribeClusters'],
    iamActions: ['ecs:UpdateCluster'],
    beforeImage: Ecs12BeforeImageSchema,
    plan: planEcs12Rollback,
    apply: putInsights,
  },
});

/**
 * Pure: plans turning Container Insights off again (see {@link ecs_12}).
 *
 * @example
 * ```ts
 * planEcs12Rollback({ clusterName: 'orders', containerInsights: 'disabled' }, { clusterName: 'orders', containerInsights: 'enabled', tags: {} });
 * // { kind: 'changes', changes: [{ action: 'ecs:UpdateCluster', ... }] }
 * ```
 */
export function planEcs12Rollback(before: Ecs12BeforeImage, state: Ecs12State): RollbackPlan<Ecs12Params> {
  const name = state.clusterName;
  if (before.clusterName !== name) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the ECS cluster ${before.clusterName}, not ${name}, so SOAR changed nothing.`,
    };
  }
  if (state.containerInsights === 'disabled') {
    return {
      kind: 'already_as_before',
      reason: `Container Insights is off for the ECS cluster ${name}, as before SOAR's fix.`,
    };
  }
  if (state.containerInsights === 'enhanced') {
    return {
      kind: 'refuse',
      reason: `The ECS cluster ${name} uses Container Insights with enhanced observability now, which SOAR did not set: someone changed it since, so SOAR left it on.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'ecs:UpdateCluster',
        description: `Turned Container Insights off again for the ECS cluster ${name}.`,
        params: { clusterName: name, containerInsights: before.containerInsights },
      },
    ],
    actionsRequired:
      'CloudWatch no longer collects Container Insights for the cluster; ECS.12 fails again for it.',
  };
}
