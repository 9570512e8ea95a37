import type { Tag } from '@aws-sdk/client-ecs';
import { arnIdPattern } from '../../engine/resource-id';
import { RemediationError } from '../../errors';
import { detailsOf, stringField } from '../finding';
import type { FindingResource } from '../../engine/control';

/**
 * What the ECS controls share: the cluster and service ARNs Security Hub names, in any partition, and
 * ECS tags as a map.
 */

const NAME = '[A-Za-z0-9_-]{1,255}';

/** `arn:<partition>:ecs:<region>:<account>:cluster/<name>` (an `AwsEcsCluster` resource id). */
export const CLUSTER_ID = arnIdPattern({
  service: 'ecs',
  resource: `cluster/(?<clusterName>${NAME})`,
  resourceShape: 'cluster/<name>',
  parts: ['clusterName'],
  examples: {
    valid: [
      'arn:aws:ecs:eu-west-1:111122223333:cluster/orders',
      'arn:aws:ecs:eu-west-1:111122223333:cluster/Orders_2',
    ],
    invalid: [
      'orders',
      'arn:aws:ecs:eu-west-1:111122223333:cluster/orders/x',
      'arn:aws:ecs:eu-west-1:111122223333:service/orders/api',
    ],
  },
});

/**
 * `arn:<partition>:ecs:<region>:<account>:service/<cluster>/<service>` (an `AwsEcsService` resource
 * id), or the old format without the cluster, `…:service/<service>`.
 */
export const SERVICE_ID = arnIdPattern({
  service: 'ecs',
  resource: `service/(?:(?<clusterName>${NAME})/)?(?<serviceName>${NAME})`,
  resourceShape: 'service/<cluster>/<service>',
  parts: ['serviceName'],
  optionalParts: ['clusterName'],
  examples: {
    valid: [
      'arn:aws:ecs:eu-west-1:111122223333:service/orders/api',
      'arn:aws:ecs:eu-west-1:111122223333:service/api',
    ],
    invalid: [
      'api',
      'arn:aws:ecs:eu-west-1:111122223333:service/a/b/c',
      'arn:aws:ecs:eu-west-1:111122223333:cluster/orders',
    ],
  },
});

const CLUSTER_NAME = new RegExp(`^${NAME}$`);

/**
 * The cluster name an `AwsEcsCluster` finding resource names, or `undefined` when its id is not an ECS
 * cluster ARN.
 *
 * @example
 * ```ts
 * clusterNameFrom('arn:aws-us-gov:ecs:us-gov-west-1:111122223333:cluster/orders'); // 'orders'
 * ```
 */
export function clusterNameFrom(resourceId: string): string | undefined {
  return CLUSTER_ID.match(resourceId)?.clusterName;
}

/**
 * The cluster name of an `AwsEcsCluster` finding resource.
 *
 * @throws `ResourceIdError` naming the id and the shape when it is not an ECS cluster ARN (the engine
 *   refuses such a resource before).
 */
export function clusterNameOf(_controlId: string, resourceId: string): string {
  return CLUSTER_ID.partsOf(resourceId).clusterName;
}

/** A service and the cluster it runs in. */
export interface ServiceRef {
  readonly clusterName: string;
  readonly serviceName: string;
}

/**
 * The service an `AwsEcsService` finding resource names, or `undefined` when its id is not an ECS
 * service ARN. An ARN of the old format names no cluster: then the cluster comes from the finding's
 * `Details.AwsEcsService.Cluster` (its ARN or name), used only to find the live service.
 *
 * @example
 * ```ts
 * serviceFrom({ Type: 'AwsEcsService', Id: 'arn:aws:ecs:eu-west-1:111122223333:service/orders/api' });
 * // { clusterName: 'orders', serviceName: 'api' }
 * ```
 */
export function serviceFrom(resource: FindingResource): ServiceRef | undefined {
  const parts = SERVICE_ID.match(resource.Id);
  if (parts === undefined) return undefined;
  const { serviceName } = parts;
  const given = parts.clusterName ?? stringField(detailsOf(resource, 'AwsEcsService'), 'Cluster');
  const clusterName = given === undefined ? undefined : (clusterNameFrom(given) ?? given);
  if (clusterName === undefined || !CLUSTER_NAME.test(clusterName)) return undefined;
  return { clusterName, serviceName };
}

/**
 * The service an `AwsEcsService` finding resource names.
 *
 * @throws {@link RemediationError} naming the control and the id when it names no service and cluster.
 */
export function serviceOf(controlId: string, resource: FindingResource): ServiceRef {
  const ref = serviceFrom(resource);
  if (ref === undefined) throw badId(controlId, resource.Id, 'service/<cluster>/<service>');
  return ref;
}

function badId(controlId: string, resourceId: string, shape: string): RemediationError {
  return new RemediationError(
    `${controlId}: ${resourceId} is not the ARN of an ECS ${shape.split('/')[0] ?? ''} ` +
      `(arn:<partition>:ecs:<region>:<account>:${shape}), so SOAR changed nothing.`,
    { context: { controlId, resourceArn: resourceId } },
  );
}

/** ECS tags (`key`/`value`) as a map. */
export function tagMap(tags: readonly Tag[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) map[tag.key] = tag.value ?? '';
  return map;
}

/** The errors ECS answers for a cluster or service that does not exist (or is no longer active). */
export const ECS_GONE: ReadonlySet<string> = new Set([
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
]);
