import * as z from 'zod';
import { errorName } from '../../engine/classify';
import type { ControlContext, FindingResource } from '../../engine/control';
import { regionalArn, type ArnContext } from '../../engine/permissions';
import { arnIdPattern } from '../../engine/resource-id';
import { sdk } from '../sdk';

/**
 * What the ELB controls share: the load balancer ids Security Hub gives (partition-aware ARNs,
 * checked whole, never cut at a `/`), the not-found codes of both ELB APIs, and small readers.
 */

const NAME = '(?<name>[A-Za-z0-9-]{1,32})';
const arn = (path: string) => `arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/${path}`;

/** An ALB, NLB or GWLB: `arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/<app|net|gwy>/<name>/<id>`. */
const V2_LB_ID = arnIdPattern({
  service: 'elasticloadbalancing',
  resource: `loadbalancer/(?<type>app|net|gwy)/${NAME}/(?<suffix>[0-9a-f]{16})`,
  resourceShape: 'loadbalancer/<app|net|gwy>/<name>/<16 hex>',
  parts: ['type', 'name', 'suffix'],
  examples: {
    valid: [arn('app/web/0123456789abcdef'), arn('net/n/0123456789abcdef'), arn('gwy/g/0123456789abcdef')],
    invalid: [arn('web'), 'app/web/0123456789abcdef', arn('app/web/0123')],
  },
});

/**
 * An Application Load Balancer (`AwsElbv2LoadBalancer` of the ELB controls):
 * `arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<16 hex>`.
 */
export const APPLICATION_LB_ID = arnIdPattern({
  service: 'elasticloadbalancing',
  resource: `loadbalancer/app/${NAME}/(?<suffix>[0-9a-f]{16})`,
  resourceShape: 'loadbalancer/app/<name>/<16 hex>',
  parts: ['name', 'suffix'],
  examples: {
    valid: [arn('app/web/0123456789abcdef'), arn('app/Web-2/fedcba9876543210')],
    invalid: [
      arn('net/n/0123456789abcdef'),
      arn('gwy/g/0123456789abcdef'),
      arn('web'),
      'app/web/0123456789abcdef',
    ],
  },
});

/** A Classic Load Balancer (`AwsElbLoadBalancer`): `arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/<name>`. */
export const CLASSIC_LB_ID = arnIdPattern({
  service: 'elasticloadbalancing',
  resource: `loadbalancer/${NAME}`,
  resourceShape: 'loadbalancer/<name>',
  parts: ['name'],
  examples: {
    valid: [arn('legacy'), arn('Legacy-2')],
    invalid: ['legacy', arn('app/web/0123456789abcdef'), arn('bad_name')],
  },
});

/** A load balancer named by a finding: its kind, name and the ARN path after `loadbalancer/`. */
export interface LoadBalancerId {
  readonly kind: 'application' | 'network' | 'gateway' | 'classic';
  readonly name: string;
  /** `app/<name>/<id>` or `<name>` (classic). */
  readonly path: string;
}

/**
 * The load balancer a finding resource names, from its whole ARN (`…:loadbalancer/app/<name>/<id>`
 * for ALB, NLB and GWLB, `…:loadbalancer/<name>` for a Classic Load Balancer, in the `aws`, `aws-cn`
 * and `aws-us-gov` partitions); `undefined` for any other id.
 *
 * @example
 * ```ts
 * loadBalancerOf('arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef');
 * // { kind: 'application', name: 'web', path: 'app/web/0123456789abcdef' }
 * ```
 */
export function loadBalancerOf(id: string): LoadBalancerId | undefined {
  const v2 = V2_LB_ID.match(id);
  if (v2 !== undefined) {
    const { type, name, suffix } = v2;
    const kind = type === 'app' ? 'application' : type === 'net' ? 'network' : 'gateway';
    return { kind, name, path: `${type}/${name}/${suffix}` };
  }
  const classic = CLASSIC_LB_ID.match(id);
  return classic === undefined ? undefined : { kind: 'classic', name: classic.name, path: classic.name };
}

/** The refusal text for an id that names no load balancer SOAR accepts. */
export function notALoadBalancer(controlId: string, id: string, what: string): string {
  return `${controlId}: the finding resource ${id} is not ${what} ARN, so SOAR changed nothing.`;
}

/**
 * The load balancer of `resource`, of one of `kinds`.
 *
 * @throws Error naming the resource id, when it is not such a load balancer's ARN.
 */
export function requireLoadBalancer(
  controlId: string,
  resource: FindingResource,
  kinds: readonly LoadBalancerId['kind'][],
  what: string,
): LoadBalancerId {
  const lb = loadBalancerOf(resource.Id);
  if (lb === undefined || !kinds.includes(lb.kind))
    throw new Error(notALoadBalancer(controlId, resource.Id, what));
  return lb;
}

/** The load balancer's ARN in the session's partition, region and account (for session policies). */
export function loadBalancerArn(context: ArnContext, lb: LoadBalancerId): string {
  return regionalArn(context, 'elasticloadbalancing', `loadbalancer/${lb.path}`);
}

/**
 * The codes of "this load balancer does not exist": the SDK's exception names of both APIs
 * (`LoadBalancerNotFoundException` for ALB/NLB, `AccessPointNotFoundException` for Classic) and the
 * wire code both send (`LoadBalancerNotFound`). The original waited for `AccessPointNotFoundException`
 * from the ALB API, which never sends it, so a deleted ALB became a ticket.
 */
const LB_NOT_FOUND = new Set([
  'LoadBalancerNotFound',
  'LoadBalancerNotFoundException',
  'AccessPointNotFoundException',
]);

/** Whether an error says the load balancer does not exist. */
export function isLoadBalancerNotFound(error: unknown): boolean {
  return LB_NOT_FOUND.has(errorName(error));
}

/** The ALB / NLB / GWLB itself, or `undefined` when it does not exist. */
export async function describeV2(context: ControlContext, arn: string) {
  const { ElasticLoadBalancingV2Client, DescribeLoadBalancersCommand, DescribeTagsCommand } =
    await sdk.elbv2();
  const client = context.client(ElasticLoadBalancingV2Client);
  try {
    const out = await client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }));
    const lb = out.LoadBalancers?.find((l) => l.LoadBalancerArn === arn);
    if (lb === undefined) return undefined;
    const tagged = await client.send(new DescribeTagsCommand({ ResourceArns: [arn] }));
    return { lb, client, tags: tagMap(tagged.TagDescriptions?.[0]?.Tags) };
  } catch (error) {
    if (isLoadBalancerNotFound(error)) return undefined;
    throw error;
  }
}

/** Key/value tags as a map. */
export function tagMap(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { Key, Value } of tags ?? []) if (Key !== undefined) map[Key] = Value ?? '';
  return map;
}

/** The value of one ALB/NLB attribute (`Key`/`Value` pairs, as the API and ASFF list them). */
export function attributeOf(
  attributes: readonly { Key?: string; Value?: string }[] | undefined,
  key: string,
): string | undefined {
  return attributes?.find((a) => a.Key === key)?.Value;
}

/** `true`/`false` of a boolean attribute; `undefined` when absent. */
export function booleanAttribute(
  attributes: readonly { Key?: string; Value?: string }[] | undefined,
  key: string,
): boolean | undefined {
  const value = attributeOf(attributes, key);
  return value === undefined ? undefined : value.trim().toLowerCase() === 'true';
}

/** The kind of load balancer as a state field. */
export const LoadBalancerKindSchema = z.lazy(() => z.enum(['application', 'network', 'gateway', 'classic']));

/** JSON with sorted keys and no `undefined` fields: equal values give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
