import type { Tag } from '@aws-sdk/client-ecs';
import { RemediationError } from '../../errors';
import { detailsOf, stringField } from '../finding';
import type { FindingResource } from '../../engine/control';

/**
 * What the ECS controls share: the cluster and service ARNs Security Hub names, in any partition, and
 * ECS tags as a map.
 */

const PARTITION_REGION_ACCOUNT = String.raw`arn:(?:aws|aws-cn|aws-us-gov):ecs:[a-z0-9-]+:\d{12}`;
const NAME = '[A-Za-z0-9_-]{1,255}';

/** `arn:aws:ecs:eu-west-1:111122223333:cluster/orders` (an `AwsEcsCluster` resource id). */
const CLUSTER_ARN = new RegExp(`^${PARTITION_REGION_ACCOUNT}:cluster/(${NAME})$`);

/**
 * `arn:aws:ecs:eu-west-1:111122223333:service/orders/api` (an `AwsEcsService` resource id), or the old
 * format without the cluster, `arn:aws:ecs:eu-west-1:111122223333:service/api`.
 */
const SERVICE_ARN = new RegExp(`^${PARTITION_REGION_ACCOUNT}:service/(?:(${NAME})/)?(${NAME})$`);

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
  return CLUSTER_ARN.exec(resourceId.trim())?.[1];
}

/**
 * The cluster name of an `AwsEcsCluster` finding resource.
 *
 * @throws {@link RemediationError} naming the control and the id when it is not an ECS cluster ARN.
 */
export function clusterNameOf(controlId: string, resourceId: string): string {
  const name = clusterNameFrom(resourceId);
  if (name === undefined) throw badId(controlId, resourceId, 'cluster/<name>');
  return name;
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
  const match = SERVICE_ARN.exec(resource.Id.trim());
  const serviceName = match?.[2];
  if (serviceName === undefined) return undefined;
  const given = match?.[1] ?? stringField(detailsOf(resource, 'AwsEcsService'), 'Cluster');
  const clusterName = given === undefined ? undefined : (clusterNameFrom(given) ?? given);
  if (clusterName === undefined || !new RegExp(`^${NAME}$`).test(clusterName)) return undefined;
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
