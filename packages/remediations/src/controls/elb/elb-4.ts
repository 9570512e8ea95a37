import * as z from 'zod';
import { defineControl, type ControlContext, type RollbackPlan } from '../../engine/control';
import { detailsOf, findingTags, isLooseObject } from '../finding';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import {
  booleanAttribute,
  describeV2,
  loadBalancerArn,
  loadBalancerOf,
  APPLICATION_LB_ID,
  notALoadBalancer,
  requireLoadBalancer,
} from './shared';

/** The ALB attribute ELB.4 turns on. */
export const DROP_INVALID_HEADERS = 'routing.http.drop_invalid_header_fields.enabled';

const WHAT = 'an Application Load Balancer';

/**
 * Live state of the Application Load Balancer: whether it drops HTTP headers with invalid names.
 *
 * @example
 * ```ts
 * Elb4StateSchema.parse({
 *   loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef',
 *   name: 'web',
 *   dropInvalidHeaderFields: false,
 *   tags: {},
 * });
 * ```
 */
export const Elb4StateSchema = z.lazy(() =>
  z.strictObject({
    loadBalancerArn: z.string().min(1),
    name: z.string().min(1),
    dropInvalidHeaderFields: z.boolean(),
    tags: TagsSchema,
  }),
);

/** Live state of ELB.4; inferred from {@link Elb4StateSchema}. */
export type Elb4State = z.infer<typeof Elb4StateSchema>;

/**
 * The setting before the fix (always off: SOAR changes nothing when it is on).
 *
 * @example
 * ```ts
 * Elb4BeforeImageSchema.parse({ loadBalancerArn: 'arn:aws:elasticloadbalancing:…:loadbalancer/app/web/0123456789abcdef', dropInvalidHeaderFields: false });
 * ```
 */
export const Elb4BeforeImageSchema = z.lazy(() =>
  z.object({ loadBalancerArn: z.string().min(1), dropInvalidHeaderFields: z.literal(false) }),
);

/** The before-image of ELB.4; inferred from {@link Elb4BeforeImageSchema}. */
export type Elb4BeforeImage = z.infer<typeof Elb4BeforeImageSchema>;

/** The value `apply` sets. */
export interface Elb4Params {
  readonly loadBalancerArn: string;
  readonly enabled: boolean;
}

/**
 * ELB.4: Application Load Balancers should drop invalid HTTP headers. The fix turns on
 * `routing.http.drop_invalid_header_fields.enabled`; requests keep every valid header, and header
 * fields whose names are not valid HTTP (e.g. with underscores) no longer reach the targets. A
 * deleted ALB is found by the API's real not-found codes (the original waited for a code the ALB API
 * never sends, so a deleted ALB became a ticket); any other id than an ALB ARN is refused by name.
 *
 * Rollback ({@link planElb4Rollback}): turns the setting off again; `already_as_before` when it is off.
 * Refused for a before-image of another load balancer.
 *
 * From the finding (`fromFinding`): `Details.AwsElbv2LoadBalancer.LoadBalancerAttributes`; without
 * the attribute, a `FAILED` verdict means off, anything else is `unknown`.
 */
export const elb_4 = defineControl<Elb4State, Elb4Params, Elb4BeforeImage, Elb4Params>({
  controlId: 'ELB.4',
  title: 'Application Load Balancer should be configured to drop invalid http headers',
  fix: 'Turns on dropping of HTTP headers with invalid names on the Application Load Balancer.',
  resourceIds: { AwsElbv2LoadBalancer: APPLICATION_LB_ID },
  iamActions: [
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:ModifyLoadBalancerAttributes',
  ],
  // Describe calls have no resource type; the change names this load balancer only.
  permissions: (context) => [
    {
      actions: [
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
      ],
      resources: ['*'],
    },
    {
      actions: ['elasticloadbalancing:ModifyLoadBalancerAttributes'],
      resources: [
        loadBalancerArn(context, requireLoadBalancer('ELB.4', context.resource, ['application'], WHAT)),
      ],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Elb4StateSchema,

  async read(context) {
    const lb = requireLoadBalancer('ELB.4', context.resource, ['application'], WHAT);
    const arn = context.resource.Id;
    const found = await describeV2(context, arn);
    if (found === undefined)
      return { kind: 'gone', reason: `The load balancer ${lb.name} no longer exists.` };
    const { DescribeLoadBalancerAttributesCommand } = await sdk.elbv2();
    const { Attributes } = await found.client.send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }),
    );
    return {
      kind: 'found',
      state: {
        loadBalancerArn: arn,
        name: lb.name,
        dropInvalidHeaderFields: booleanAttribute(Attributes, DROP_INVALID_HEADERS) ?? false,
        tags: found.tags,
      },
    };
  },

  fromFinding(context) {
    const { resource } = context;
    const lb = loadBalancerOf(resource.Id);
    if (lb?.kind !== 'application')
      return { kind: 'unknown', reason: notALoadBalancer('ELB.4', resource.Id, WHAT) };
    const raw = detailsOf(resource, 'AwsElbv2LoadBalancer')?.['LoadBalancerAttributes'];
    const attributes = Array.isArray(raw)
      ? raw.filter(isLooseObject).map((a) => ({
          Key: typeof a['Key'] === 'string' ? a['Key'] : undefined,
          Value: typeof a['Value'] === 'string' ? a['Value'] : undefined,
        }))
      : undefined;
    const enabled =
      booleanAttribute(attributes, DROP_INVALID_HEADERS) ??
      (context.finding.Compliance?.Status === 'FAILED' ? false : undefined);
    if (enabled === undefined) {
      return {
        kind: 'unknown',
        reason: `The finding does not say whether ${lb.name} drops invalid HTTP headers; SOAR reads that on the live load balancer.`,
      };
    }
    return {
      kind: 'found',
      state: {
        loadBalancerArn: resource.Id,
        name: lb.name,
        dropInvalidHeaderFields: enabled,
        tags: findingTags(resource),
      },
    };
  },

  plan(state) {
    if (state.dropInvalidHeaderFields) {
      return { kind: 'compliant', reason: `The load balancer ${state.name} drops invalid HTTP headers.` };
    }
    return {
      kind: 'changes',
      changes: [
        {
          action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
          description: `Turned on dropping of HTTP headers with invalid names on the load balancer ${state.name}.`,
          params: { loadBalancerArn: state.loadBalancerArn, enabled: true },
        },
      ],
      beforeImage: {
        loadBalancerArn: state.loadBalancerArn,
        dropInvalidHeaderFields: false,
      } satisfies Elb4BeforeImage,
      actionsRequired:
        'Clients that send header names with underscores or other characters HTTP does not allow lose those headers; ' +
        'if one relies on them, fix the client. Set the attribute in the template that creates the load balancer too.',
    };
  },

  apply: setDropInvalidHeaders,

  tags: (state) => state.tags,

  rollback: {
    readActions: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
    ],
    iamActions: ['elasticloadbalancing:ModifyLoadBalancerAttributes'],
    beforeImage: Elb4BeforeImageSchema,
    plan: planElb4Rollback,
    apply: setDropInvalidHeaders,
  },
});

async function setDropInvalidHeaders(
  changes: readonly { readonly params: Elb4Params }[],
  context: ControlContext,
): Promise<void> {
  const { ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand } = await sdk.elbv2();
  const client = context.client(ElasticLoadBalancingV2Client);
  for (const { params } of changes) {
    await client.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: params.loadBalancerArn,
        Attributes: [{ Key: DROP_INVALID_HEADERS, Value: String(params.enabled) }],
      }),
    );
  }
}

/**
 * Pure: plans turning the setting off again (see {@link elb_4}).
 *
 * @example
 * ```ts
 * planElb4Rollback({ loadBalancerArn: arn, dropInvalidHeaderFields: false }, { ...state, dropInvalidHeaderFields: true });
 * // { kind: 'changes', changes: [{ action: 'elasticloadbalancing:ModifyLoadBalancerAttributes', ... }] }
 * ```
 */
export function planElb4Rollback(before: Elb4BeforeImage, state: Elb4State): RollbackPlan<Elb4Params> {
  if (before.loadBalancerArn !== state.loadBalancerArn) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the load balancer ${before.loadBalancerArn}, not ${state.loadBalancerArn}, so SOAR changed nothing.`,
    };
  }
  if (!state.dropInvalidHeaderFields) {
    return {
      kind: 'already_as_before',
      reason: `The load balancer ${state.name} passes invalid HTTP headers, as before SOAR's fix.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
        description: `Turned off dropping of HTTP headers with invalid names on the load balancer ${state.name}, as before SOAR's fix.`,
        params: { loadBalancerArn: state.loadBalancerArn, enabled: false },
      },
    ],
    actionsRequired: 'ELB.4 fails again for this load balancer.',
  };
}
