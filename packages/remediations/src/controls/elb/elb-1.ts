import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import * as z from 'zod';
import {
  defineControl,
  type ControlContext,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import {
  describeV2,
  loadBalancerArn,
  loadBalancerOf,
  APPLICATION_LB_ID,
  notALoadBalancer,
  requireLoadBalancer,
  stableJson,
} from './shared';

const WHAT = 'an Application Load Balancer';

/**
 * A default action of an HTTP listener, with the fields such an action can have (authentication
 * actions exist only on HTTPS listeners, which ELB.1 never changes), named as the SDK names them.
 *
 * @example
 * ```ts
 * Elb1ActionSchema.parse({ Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef' });
 * ```
 */
export const Elb1ActionSchema = z.lazy(() =>
  z.strictObject({
    Type: z.enum(['forward', 'redirect', 'fixed-response']),
    TargetGroupArn: z.string().optional(),
    Order: z.number().int().optional(),
    RedirectConfig: z
      .strictObject({
        Protocol: z.string().optional(),
        Port: z.string().optional(),
        Host: z.string().optional(),
        Path: z.string().optional(),
        Query: z.string().optional(),
        StatusCode: z.enum(['HTTP_301', 'HTTP_302']),
      })
      .optional(),
    FixedResponseConfig: z
      .strictObject({
        MessageBody: z.string().optional(),
        StatusCode: z.string(),
        ContentType: z.string().optional(),
      })
      .optional(),
    ForwardConfig: z
      .strictObject({
        TargetGroups: z
          .array(z.strictObject({ TargetGroupArn: z.string().optional(), Weight: z.number().optional() }))
          .optional(),
        TargetGroupStickinessConfig: z
          .strictObject({ Enabled: z.boolean().optional(), DurationSeconds: z.number().optional() })
          .optional(),
      })
      .optional(),
  }),
);

/** A default action of {@link Elb1State}; inferred from {@link Elb1ActionSchema}. */
export type Elb1Action = z.infer<typeof Elb1ActionSchema>;

const listenerShape = () => ({
  listenerArn: z.string().min(1),
  port: z.number().int(),
  defaultActions: z.array(Elb1ActionSchema),
});

/**
 * Live state of the Application Load Balancer: its listeners with their protocol, and the default
 * actions of its HTTP listeners (SOAR changes no other listener, so it does not record their actions,
 * e.g. authentication on HTTPS).
 *
 * @example
 * ```ts
 * Elb1StateSchema.parse({
 *   loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef',
 *   name: 'web',
 *   listeners: [
 *     { listenerArn: 'arn:…:listener/app/web/0123456789abcdef/1111111111111111', port: 80, protocol: 'HTTP', defaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:…:targetgroup/web/0123456789abcdef' }] },
 *     { listenerArn: 'arn:…:listener/app/web/0123456789abcdef/2222222222222222', port: 443, protocol: 'HTTPS' },
 *   ],
 *   tags: {},
 * });
 * ```
 */
export const Elb1StateSchema = z.lazy(() =>
  z.strictObject({
    loadBalancerArn: z.string().min(1),
    name: z.string().min(1),
    listeners: z
      .array(
        z.strictObject({
          ...listenerShape(),
          protocol: z.string(),
          defaultActions: listenerShape().defaultActions.optional(),
        }),
      )
      .readonly(),
    tags: TagsSchema,
  }),
);

/** Live state of ELB.1; inferred from {@link Elb1StateSchema}. */
export type Elb1State = z.infer<typeof Elb1StateSchema>;

/**
 * The default actions of the HTTP listeners SOAR turned into redirects, as they were, and the HTTPS
 * port SOAR redirected them to (rollback puts an action back only over SOAR's own redirect).
 *
 * @example
 * ```ts
 * Elb1BeforeImageSchema.parse({ loadBalancerArn: 'arn:…:loadbalancer/app/web/0123456789abcdef', redirectPort: 443, listeners: [{ listenerArn: 'arn:…', port: 80, defaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:…' }] }] });
 * ```
 */
export const Elb1BeforeImageSchema = z.lazy(() =>
  z.object({
    loadBalancerArn: z.string().min(1),
    redirectPort: z.number().int(),
    listeners: z.array(z.object(listenerShape())).readonly(),
  }),
);

/** The before-image of ELB.1; inferred from {@link Elb1BeforeImageSchema}. */
export type Elb1BeforeImage = z.infer<typeof Elb1BeforeImageSchema>;

/** One `ModifyListener` call. */
export interface Elb1Params {
  readonly listenerArn: string;
  readonly defaultActions: readonly Elb1Action[];
}

/** The redirect SOAR sets: to HTTPS on `port`, keeping host, path and query, permanent. */
export function httpsRedirect(port: number): Elb1Action {
  return {
    Type: 'redirect',
    RedirectConfig: {
      Protocol: 'HTTPS',
      Port: String(port),
      Host: '#{host}',
      Path: '/#{path}',
      Query: '#{query}',
      StatusCode: 'HTTP_301',
    },
  };
}

/** Whether the only default action redirects to HTTPS (on `port`, when given). */
function redirectsToHttps(actions: readonly Elb1Action[] | undefined, port?: number): boolean {
  const [only, ...more] = actions ?? [];
  const redirect = only?.Type === 'redirect' ? only.RedirectConfig : undefined;
  return (
    more.length === 0 &&
    redirect?.Protocol === 'HTTPS' &&
    (port === undefined || (redirect.Port ?? '#{port}') === String(port))
  );
}

const ACTION_KEYS = [
  'Type',
  'TargetGroupArn',
  'Order',
  'RedirectConfig',
  'FixedResponseConfig',
  'ForwardConfig',
] as const;

/**
 * The action as {@link Elb1ActionSchema} holds it, without `undefined` fields.
 *
 * @throws Error naming the field, for a field an HTTP listener's action cannot have (nothing is
 *   dropped: a rollback must put back exactly what was there).
 */
function toAction(action: Action, listenerArn: string): Elb1Action {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action)) {
    if (value === undefined) continue;
    if (!(ACTION_KEYS as readonly string[]).includes(key))
      throw new Error(
        `ELB.1: the default action of the HTTP listener ${listenerArn} has ${key}, which SOAR does not handle.`,
      );
    out[key] = value;
  }
  return Elb1ActionSchema.parse(JSON.parse(stableJson(out)));
}

/**
 * ELB.1: Application Load Balancers should redirect HTTP requests to HTTPS. Every HTTP listener (any
 * port, where the original changed port 80 only) whose default action is not a redirect to HTTPS gets
 * one, to the HTTPS listener on 443 (else the first HTTPS listener), keeping host, path and query,
 * `HTTP_301`. Refused when the load balancer has no HTTPS listener: the redirect would break every
 * request, and a certificate and an HTTPS listener come first. Internal load balancers are fixed too
 * (the original suppressed their findings). All listeners are read, page by page. Listener rules are
 * left alone; `actionsRequired` says so.
 *
 * Rollback ({@link planElb1Rollback}): puts back each listener's default actions; refused when a
 * listener is gone or its default action is no longer SOAR's redirect (someone changed it since).
 *
 * From the finding (`fromFinding`): always `unknown`, since no finding lists listeners.
 */
export const elb_1 = defineControl<Elb1State, Elb1Params, Elb1BeforeImage, Elb1Params>({
  controlId: 'ELB.1',
  title: 'Application Load Balancer should be configured to redirect all HTTP requests to HTTPS',
  fix: 'Makes every HTTP listener of the Application Load Balancer redirect to its HTTPS listener (HTTP 301), when it has one.',
  resourceIds: { AwsElbv2LoadBalancer: APPLICATION_LB_ID },
  iamActions: [
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:ModifyListener',
  ],
  // Describe calls have no resource type. Listener ids exist only on the live load balancer, so the
  // change names the listeners of this load balancer (`listener/app/<name>/<id>/*`), no other.
  permissions: (context) => {
    const lb = requireLoadBalancer('ELB.1', context.resource, ['application'], WHAT);
    return [
      {
        actions: [
          'elasticloadbalancing:DescribeLoadBalancers',
          'elasticloadbalancing:DescribeTags',
          'elasticloadbalancing:DescribeListeners',
        ],
        resources: ['*'],
      },
      {
        actions: ['elasticloadbalancing:ModifyListener'],
        resources: [`${loadBalancerArn(context, lb).replace(':loadbalancer/', ':listener/')}/*`],
      },
    ];
  },
  destructive: false,
  reversible: true,
  stateSchema: Elb1StateSchema,

  async read(context) {
    const lb = requireLoadBalancer('ELB.1', context.resource, ['application'], WHAT);
    const arn = context.resource.Id;
    const found = await describeV2(context, arn);
    if (found === undefined)
      return { kind: 'gone', reason: `The load balancer ${lb.name} no longer exists.` };
    const { paginateDescribeListeners } = await sdk.elbv2();
    const listeners: Elb1State['listeners'][number][] = [];
    const pages = paginateDescribeListeners({ client: found.client }, { LoadBalancerArn: arn });
    for await (const page of pages) {
      for (const { ListenerArn, Port, Protocol, DefaultActions } of page.Listeners ?? []) {
        if (ListenerArn === undefined || Port === undefined) continue;
        const protocol = Protocol ?? '';
        listeners.push({
          listenerArn: ListenerArn,
          port: Port,
          protocol,
          ...(protocol === 'HTTP'
            ? { defaultActions: (DefaultActions ?? []).map((a) => toAction(a, ListenerArn)) }
            : {}),
        });
      }
    }
    return {
      kind: 'found',
      state: { loadBalancerArn: arn, name: lb.name, listeners, tags: found.tags },
    };
  },

  fromFinding(context) {
    const lb = loadBalancerOf(context.resource.Id);
    return {
      kind: 'unknown',
      reason:
        lb?.kind === 'application'
          ? `No finding lists the listeners of ${lb.name}; SOAR checks them on the live load balancer before it changes anything.`
          : notALoadBalancer('ELB.1', context.resource.Id, WHAT),
    };
  },

  plan(state) {
    const http = state.listeners.filter((l) => l.protocol === 'HTTP');
    const open = http.filter((l) => !redirectsToHttps(l.defaultActions));
    if (open.length === 0) {
      return {
        kind: 'compliant',
        reason: `Every HTTP listener of ${state.name} redirects to HTTPS${http.length === 0 ? ' (it has none)' : ''}.`,
      };
    }
    const https = state.listeners.filter((l) => l.protocol === 'HTTPS');
    const target = https.find((l) => l.port === 443) ?? https[0];
    const ports = open.map((l) => l.port).join(', ');
    if (target === undefined) {
      return {
        kind: 'refuse',
        reason:
          `The load balancer ${state.name} has no HTTPS listener, so redirecting HTTP (port ${ports}) to HTTPS would ` +
          'break every request. Please add a certificate and an HTTPS listener; SOAR then adds the redirect.',
      };
    }
    return {
      kind: 'changes',
      changes: open.map((l) => ({
        action: 'elasticloadbalancing:ModifyListener',
        description: `Made the HTTP listener on port ${l.port} of ${state.name} redirect to HTTPS on port ${target.port} (HTTP 301, same host, path and query).`,
        params: { listenerArn: l.listenerArn, defaultActions: [httpsRedirect(target.port)] },
      })),
      beforeImage: {
        loadBalancerArn: state.loadBalancerArn,
        redirectPort: target.port,
        listeners: open.map(({ listenerArn, port, defaultActions }) => ({
          listenerArn,
          port,
          defaultActions: defaultActions ?? [],
        })),
      } satisfies Elb1BeforeImage,
      actionsRequired:
        'Clients that call these listeners over HTTP now get a redirect to HTTPS. Listener rules (other than the ' +
        `default action) still answer over HTTP where they match: move them to the HTTPS listener. Set the redirect on port ${ports} in the template too.`,
    };
  },

  apply: modifyListeners,

  tags: (state) => state.tags,

  rollback: {
    readActions: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeListeners',
    ],
    iamActions: ['elasticloadbalancing:ModifyListener'],
    beforeImage: Elb1BeforeImageSchema,
    plan: planElb1Rollback,
    apply: modifyListeners,
  },
});

async function modifyListeners(
  changes: readonly PlannedChange<Elb1Params>[],
  context: ControlContext,
): Promise<void> {
  const { ElasticLoadBalancingV2Client, ModifyListenerCommand } = await sdk.elbv2();
  const client = context.client(ElasticLoadBalancingV2Client);
  for (const { params } of changes) {
    await client.send(
      new ModifyListenerCommand({
        ListenerArn: params.listenerArn,
        DefaultActions: params.defaultActions.map((a) => ({ ...a })),
      }),
    );
  }
}

/**
 * Pure: plans putting back the default actions of the listeners ELB.1 changed (see {@link elb_1}).
 *
 * @example
 * ```ts
 * planElb1Rollback({ loadBalancerArn, redirectPort: 443, listeners: [{ listenerArn, port: 80, defaultActions: [forward] }] }, state);
 * // { kind: 'changes', changes: [{ action: 'elasticloadbalancing:ModifyListener', ... }] }
 * ```
 */
export function planElb1Rollback(before: Elb1BeforeImage, state: Elb1State): RollbackPlan<Elb1Params> {
  if (before.loadBalancerArn !== state.loadBalancerArn) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the load balancer ${before.loadBalancerArn}, not ${state.loadBalancerArn}, so SOAR changed nothing.`,
    };
  }
  const live = new Map(state.listeners.map((l) => [l.listenerArn, l]));
  const changes: PlannedChange<Elb1Params>[] = [];
  for (const earlier of before.listeners) {
    const now = live.get(earlier.listenerArn);
    if (now === undefined) {
      return {
        kind: 'refuse',
        reason: `The listener on port ${earlier.port} of ${state.name} no longer exists, so SOAR changed nothing.`,
      };
    }
    if (stableJson(now.defaultActions) === stableJson(earlier.defaultActions)) continue;
    if (now.protocol !== 'HTTP' || !redirectsToHttps(now.defaultActions, before.redirectPort)) {
      return {
        kind: 'refuse',
        reason: `The listener on port ${earlier.port} of ${state.name} was changed since SOAR's fix (it no longer has SOAR's redirect to HTTPS on port ${before.redirectPort}), so SOAR did not put the old action back over it.`,
      };
    }
    changes.push({
      action: 'elasticloadbalancing:ModifyListener',
      description: `Put back the default action of the HTTP listener on port ${earlier.port} of ${state.name}, as before SOAR's fix.`,
      params: { listenerArn: earlier.listenerArn, defaultActions: earlier.defaultActions },
    });
  }
  if (changes.length === 0) {
    return {
      kind: 'already_as_before',
      reason: `The HTTP listeners of ${state.name} have their default actions from before SOAR's fix.`,
    };
  }
  return {
    kind: 'changes',
    changes,
    actionsRequired: `HTTP is served again on ${state.name}; ELB.1 fails again for it.`,
  };
}
