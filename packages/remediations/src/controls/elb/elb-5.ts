import * as z from 'zod';
import { errorName } from '../../engine/classify';
import {
  defineControl,
  type ControlContext,
  type PlannedChange,
  type RollbackPlan,
} from '../../engine/control';
import type { ArnContext } from '../../engine/permissions';
import { unlessAbsent } from '../s3/bucket';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';
import {
  attributeOf,
  describeV2,
  isLoadBalancerNotFound,
  LoadBalancerKindSchema,
  loadBalancerArn,
  loadBalancerOf,
  APPLICATION_LB_ID,
  CLASSIC_LB_ID,
  notALoadBalancer,
  requireLoadBalancer,
  tagMap,
  type LoadBalancerId,
} from './shared';

const WHAT = 'an Application or Classic Load Balancer';
const KINDS = ['application', 'classic'] as const;

/**
 * The principal that writes access logs of Application and Classic Load Balancers. AWS documents this
 * service principal in its ELB user guides and recommends it over the older policy: Regions launched in
 * August 2022 or later accept only this principal; Regions available before then were documented with
 * the Region's own Elastic Load Balancing account (`arn:<partition>:iam::<elb-account-id>:root`, a
 * different account id per Region, listed only in the user guide) and still honour buckets that grant
 * it. The AWS GovCloud (US) and China Regions are among the older ones, and their guides list the
 * account ids. SOAR writes the service principal only and keeps no Region-to-account table: where
 * delivery still needs the legacy account, enabling logs fails (ELB checks that it can write to the
 * bucket and refuses the change), the finding becomes a ticket with that error, and the team grants the
 * Region's ELB account in the bucket policy.
 */
const LOG_DELIVERY = 'logdelivery.elasticloadbalancing.amazonaws.com';
/** The Sid of the statement SOAR adds to the log bucket's policy (and looks for). */
export const ELB5_STATEMENT_SID = 'SoarElbAccessLogDelivery';

/**
 * The bucket that receives the access logs of the account's load balancers in one Region: one per
 * account and Region, named after both (bucket names are global).
 */
export function accessLogBucket(context: Pick<ArnContext, 'accountId' | 'region'>): string {
  return `soar-elb-access-logs-${context.accountId}-${context.region}`;
}

const accessLogShape = () => ({ bucket: z.string(), prefix: z.string() });

/**
 * Live state: whether the load balancer logs, and the account's SOAR log bucket (`missing`, `owned`
 * by the account, or `not_owned`: the name is taken elsewhere) with its bucket policy.
 *
 * @example
 * ```ts
 * Elb5StateSchema.parse({
 *   loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef',
 *   kind: 'application',
 *   name: 'web',
 *   accessLog: { enabled: false, bucket: '', prefix: '' },
 *   logBucket: { name: 'soar-elb-access-logs-111122223333-eu-west-1', status: 'owned', policy: null },
 *   tags: {},
 * });
 * ```
 */
export const Elb5StateSchema = z.lazy(() =>
  z.strictObject({
    loadBalancerArn: z.string().min(1),
    kind: LoadBalancerKindSchema,
    name: z.string().min(1),
    accessLog: z.strictObject({ enabled: z.boolean(), ...accessLogShape() }),
    logBucket: z.strictObject({
      name: z.string().min(1),
      status: z.enum(['missing', 'owned', 'not_owned']),
      policy: z.string().nullable(),
    }),
    tags: TagsSchema,
  }),
);

/** Live state of ELB.5; inferred from {@link Elb5StateSchema}. */
export type Elb5State = z.infer<typeof Elb5StateSchema>;

/**
 * The access-log settings before the fix (logging off) and the bucket SOAR pointed them at.
 *
 * @example
 * ```ts
 * Elb5BeforeImageSchema.parse({ loadBalancerArn: 'arn:…:loadbalancer/app/web/0123456789abcdef', accessLog: { enabled: false, bucket: '', prefix: '' }, loggedTo: 'soar-elb-access-logs-111122223333-eu-west-1' });
 * ```
 */
export const Elb5BeforeImageSchema = z.lazy(() =>
  z.object({
    loadBalancerArn: z.string().min(1),
    accessLog: z.object({ enabled: z.literal(false), ...accessLogShape() }),
    loggedTo: z.string().min(1),
  }),
);

/** The before-image of ELB.5; inferred from {@link Elb5BeforeImageSchema}. */
export type Elb5BeforeImage = z.infer<typeof Elb5BeforeImageSchema>;

/** One change: the bucket policy SOAR writes, or the access-log settings it sets. */
export type Elb5Params =
  | { readonly bucket: string; readonly policy: string }
  | {
      readonly loadBalancerArn: string;
      readonly enabled: boolean;
      readonly bucket: string;
      readonly prefix: string;
    };

/** The statement that lets ELB write this account's logs to `bucket`. */
function deliveryStatement(partition: string, bucket: string, accountId: string) {
  return {
    Sid: ELB5_STATEMENT_SID,
    Effect: 'Allow',
    Principal: { Service: LOG_DELIVERY },
    Action: 's3:PutObject',
    Resource: `arn:${partition}:s3:::${bucket}/AWSLogs/${accountId}/*`,
  };
}

/**
 * Pure: the bucket policy with SOAR's statement added to the statements already there (the original
 * replaced the whole policy); `undefined` when SOAR's statement is there already.
 *
 * @throws Error when the policy is not a JSON policy document (nothing is overwritten then).
 */
export function withDeliveryStatement(
  policy: string | null,
  partition: string,
  bucket: string,
  accountId: string,
): string | undefined {
  const document: unknown = JSON.parse(policy ?? '{"Version":"2012-10-17","Statement":[]}');
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new Error('not a JSON object');
  const raw: unknown = (document as Record<string, unknown>)['Statement'] ?? [];
  const statements: unknown[] = Array.isArray(raw) ? raw : [raw];
  const sids = statements.map((s) =>
    typeof s === 'object' && s !== null ? Reflect.get(s, 'Sid') : undefined,
  );
  if (sids.includes(ELB5_STATEMENT_SID)) return undefined;
  return JSON.stringify({
    ...document,
    Statement: [...statements, deliveryStatement(partition, bucket, accountId)],
  });
}

/**
 * ELB.5: Application and Classic Load Balancers should log access. The fix sends the load balancer's
 * access logs to the account's SOAR log bucket in its Region (`soar-elb-access-logs-<account>-<region>`,
 * one for all load balancers, not one per load balancer as in the original), after adding to that
 * bucket's policy a statement that lets Elastic Load Balancing's log delivery service write
 * `AWSLogs/<account>/*` (merged into the statements there, never replacing them). The state is read
 * live, not from the finding; no Region data is kept (see the note on the service principal).
 *
 * SOAR does not create the bucket: a bucket is a new, billable data store that outlives any rollback,
 * whose retention, encryption (access logs need SSE-S3) and ownership belong to the team that runs the
 * account's logging, and whose global name can be taken by another account. So without the bucket (or
 * with a bucket of that name owned elsewhere) the plan refuses and says what to create. Network and
 * Gateway Load Balancers are out of the control's scope and refused by name.
 *
 * Rollback ({@link planElb5Rollback}): turns logging off again with the earlier bucket and prefix;
 * the bucket, its logs and the policy statement stay (other load balancers may log there). Refused when
 * the load balancer now logs somewhere else than SOAR's bucket.
 *
 * From the finding (`fromFinding`): always `unknown`: the log bucket is only known live.
 */
export const elb_5 = defineControl<Elb5State, Elb5Params, Elb5BeforeImage, Elb5Params>({
  controlId: 'ELB.5',
  title: 'Application and Classic Load Balancers logging should be enabled',
  fix: "Sends the load balancer's access logs to the account's SOAR log bucket in its Region (which must exist), allowing ELB log delivery in the bucket policy.",
  resourceIds: { AwsElbv2LoadBalancer: APPLICATION_LB_ID, AwsElbLoadBalancer: CLASSIC_LB_ID },
  iamActions: [
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    's3:ListBucket',
    's3:GetBucketPolicy',
    's3:PutBucketPolicy',
    'elasticloadbalancing:ModifyLoadBalancerAttributes',
  ],
  // Describe calls have no resource type; the changes name this load balancer and the log bucket,
  // which must belong to the finding's account (a bucket ARN names no account).
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
      resources: [loadBalancerArn(context, requireLoadBalancer('ELB.5', context.resource, KINDS, WHAT))],
    },
    {
      actions: ['s3:ListBucket', 's3:GetBucketPolicy', 's3:PutBucketPolicy'],
      resources: [`arn:${context.partition}:s3:::${accessLogBucket(context)}`],
      conditions: { StringEquals: { 's3:ResourceAccount': context.accountId } },
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: Elb5StateSchema,

  async read(context) {
    const lb = requireLoadBalancer('ELB.5', context.resource, KINDS, WHAT);
    const found = await readLoadBalancer(context, lb);
    if (found === undefined)
      return { kind: 'gone', reason: `The load balancer ${lb.name} no longer exists.` };
    return {
      kind: 'found',
      state: {
        loadBalancerArn: context.resource.Id,
        kind: lb.kind,
        name: lb.name,
        ...found,
        logBucket: await readLogBucket(context),
      },
    };
  },

  fromFinding(context) {
    const lb = loadBalancerOf(context.resource.Id);
    return {
      kind: 'unknown',
      reason:
        lb?.kind === 'application' || lb?.kind === 'classic'
          ? `No finding tells whether the account's log bucket for ${lb.name} exists; SOAR checks it live.`
          : notALoadBalancer('ELB.5', context.resource.Id, WHAT),
    };
  },

  plan(state, context) {
    const { accessLog, logBucket, name } = state;
    if (accessLog.enabled)
      return { kind: 'compliant', reason: `The load balancer ${name} logs access to ${accessLog.bucket}.` };
    if (logBucket.status !== 'owned') {
      return {
        kind: 'refuse',
        reason:
          (logBucket.status === 'missing'
            ? `The account has no bucket ${logBucket.name} for load balancer access logs, and SOAR does not create buckets. `
            : `The bucket ${logBucket.name} belongs to another account (or SOAR may not read it), so SOAR sends no logs there. `) +
          `Please create ${logBucket.name} in ${context.region} in this account, with SSE-S3 encryption and the retention you need; ` +
          `SOAR then allows ELB log delivery in its policy and turns on logging for ${name}.`,
      };
    }
    let policy: string | undefined;
    try {
      policy = withDeliveryStatement(logBucket.policy, context.partition, logBucket.name, context.accountId);
    } catch {
      return {
        kind: 'refuse',
        reason: `The bucket policy of ${logBucket.name} is not a JSON policy document, so SOAR did not add to it.`,
      };
    }
    const changes: PlannedChange<Elb5Params>[] = [];
    if (policy !== undefined) {
      changes.push({
        action: 's3:PutBucketPolicy',
        description: `Allowed ELB log delivery to write this account's access logs to ${logBucket.name} (the statements already in its policy are kept).`,
        params: { bucket: logBucket.name, policy },
      });
    }
    changes.push({
      action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
      description: `Turned on access logging of ${name} to the bucket ${logBucket.name}.`,
      params: { loadBalancerArn: state.loadBalancerArn, enabled: true, bucket: logBucket.name, prefix: '' },
    });
    return {
      kind: 'changes',
      changes,
      beforeImage: {
        loadBalancerArn: state.loadBalancerArn,
        accessLog: { enabled: false, bucket: accessLog.bucket, prefix: accessLog.prefix },
        loggedTo: logBucket.name,
      } satisfies Elb5BeforeImage,
      actionsRequired:
        `Access logs of ${name} are stored in ${logBucket.name} for as long as its lifecycle rules keep them. ` +
        'Turn on logging in the template that creates the load balancer too.',
    };
  },

  apply: applyElb5,

  tags: (state) => state.tags,

  rollback: {
    readActions: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
      's3:ListBucket',
      's3:GetBucketPolicy',
    ],
    iamActions: ['elasticloadbalancing:ModifyLoadBalancerAttributes'],
    beforeImage: Elb5BeforeImageSchema,
    plan: planElb5Rollback,
    apply: applyElb5,
  },
});

/** The load balancer's access-log settings and tags, or `undefined` when it does not exist. */
async function readLoadBalancer(
  context: ControlContext,
  lb: LoadBalancerId,
): Promise<Pick<Elb5State, 'accessLog' | 'tags'> | undefined> {
  if (lb.kind === 'classic') {
    const elb = await sdk.elb();
    const client = context.client(elb.ElasticLoadBalancingClient);
    const names = { LoadBalancerNames: [lb.name] };
    try {
      await client.send(new elb.DescribeLoadBalancersCommand(names));
      const tagged = await client.send(new elb.DescribeTagsCommand(names));
      const { LoadBalancerAttributes } = await client.send(
        new elb.DescribeLoadBalancerAttributesCommand({ LoadBalancerName: lb.name }),
      );
      const log = LoadBalancerAttributes?.AccessLog;
      return {
        accessLog: {
          enabled: log?.Enabled ?? false,
          bucket: log?.S3BucketName ?? '',
          prefix: log?.S3BucketPrefix ?? '',
        },
        tags: tagMap(tagged.TagDescriptions?.[0]?.Tags),
      };
    } catch (error) {
      if (isLoadBalancerNotFound(error)) return undefined;
      throw error;
    }
  }
  const found = await describeV2(context, context.resource.Id);
  if (found === undefined) return undefined;
  const { DescribeLoadBalancerAttributesCommand } = await sdk.elbv2();
  const { Attributes } = await found.client.send(
    new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: context.resource.Id }),
  );
  return {
    accessLog: {
      enabled: attributeOf(Attributes, 'access_logs.s3.enabled')?.toLowerCase() === 'true',
      bucket: attributeOf(Attributes, 'access_logs.s3.bucket') ?? '',
      prefix: attributeOf(Attributes, 'access_logs.s3.prefix') ?? '',
    },
    tags: found.tags,
  };
}

/** The account's log bucket: whether it exists in this account, and its policy. */
async function readLogBucket(context: ControlContext): Promise<Elb5State['logBucket']> {
  const name = accessLogBucket(context);
  const { S3Client, HeadBucketCommand, GetBucketPolicyCommand } = await sdk.s3();
  const s3 = context.client(S3Client);
  const owner = { Bucket: name, ExpectedBucketOwner: context.accountId };
  try {
    await s3.send(new HeadBucketCommand(owner));
  } catch (error) {
    // HeadBucket answers without a body: 404 is `NotFound`, 403 (another owner) is `Forbidden`.
    const code = errorName(error);
    if (code === 'NotFound' || code === 'NoSuchBucket') return { name, status: 'missing', policy: null };
    if (code === 'Forbidden') return { name, status: 'not_owned', policy: null };
    throw error;
  }
  const policy = await unlessAbsent(s3.send(new GetBucketPolicyCommand(owner)), 'NoSuchBucketPolicy');
  return { name, status: 'owned', policy: policy?.Policy ?? null };
}

async function applyElb5(
  changes: readonly PlannedChange<Elb5Params>[],
  context: ControlContext,
): Promise<void> {
  for (const { params } of changes) {
    if ('policy' in params) {
      const { S3Client, PutBucketPolicyCommand } = await sdk.s3();
      await context.client(S3Client).send(
        new PutBucketPolicyCommand({
          Bucket: params.bucket,
          Policy: params.policy,
          ExpectedBucketOwner: context.accountId,
        }),
      );
      continue;
    }
    const lb = requireLoadBalancer('ELB.5', context.resource, KINDS, WHAT);
    if (lb.kind === 'classic') {
      const elb = await sdk.elb();
      await context.client(elb.ElasticLoadBalancingClient).send(
        new elb.ModifyLoadBalancerAttributesCommand({
          LoadBalancerName: lb.name,
          LoadBalancerAttributes: {
            AccessLog: {
              Enabled: params.enabled,
              ...(params.bucket === '' ? {} : { S3BucketName: params.bucket }),
              ...(params.prefix === '' ? {} : { S3BucketPrefix: params.prefix }),
            },
          },
        }),
      );
      continue;
    }
    const { ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand } = await sdk.elbv2();
    await context.client(ElasticLoadBalancingV2Client).send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: params.loadBalancerArn,
        Attributes: [
          { Key: 'access_logs.s3.enabled', Value: String(params.enabled) },
          { Key: 'access_logs.s3.bucket', Value: params.bucket },
          { Key: 'access_logs.s3.prefix', Value: params.prefix },
        ],
      }),
    );
  }
}

/**
 * Pure: plans turning access logging off again, with the earlier bucket and prefix (see {@link elb_5}).
 *
 * @example
 * ```ts
 * planElb5Rollback({ loadBalancerArn, accessLog: { enabled: false, bucket: '', prefix: '' }, loggedTo: 'soar-elb-access-logs-…' }, state);
 * // { kind: 'changes', changes: [{ action: 'elasticloadbalancing:ModifyLoadBalancerAttributes', ... }] }
 * ```
 */
export function planElb5Rollback(before: Elb5BeforeImage, state: Elb5State): RollbackPlan<Elb5Params> {
  if (before.loadBalancerArn !== state.loadBalancerArn) {
    return {
      kind: 'refuse',
      reason: `The before-image is of the load balancer ${before.loadBalancerArn}, not ${state.loadBalancerArn}, so SOAR changed nothing.`,
    };
  }
  if (!state.accessLog.enabled) {
    return {
      kind: 'already_as_before',
      reason: `The load balancer ${state.name} does not log access, as before SOAR's fix.`,
    };
  }
  if (state.accessLog.bucket !== before.loggedTo) {
    return {
      kind: 'refuse',
      reason: `The load balancer ${state.name} now logs to ${state.accessLog.bucket}, not to SOAR's bucket ${before.loggedTo}: someone changed it since the fix, so SOAR left it on.`,
    };
  }
  return {
    kind: 'changes',
    changes: [
      {
        action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
        description: `Turned off access logging of ${state.name}, as before SOAR's fix.`,
        params: { loadBalancerArn: state.loadBalancerArn, ...before.accessLog },
      },
    ],
    actionsRequired: `ELB.5 fails again for ${state.name}. Its logs so far stay in ${before.loggedTo}.`,
  };
}
