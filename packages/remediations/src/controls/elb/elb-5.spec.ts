import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
  ModifyLoadBalancerAttributesCommand as ModifyClassicCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetBucketPolicyCommand,
  HeadBucketCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { accessLogBucket, elb_5, ELB5_STATEMENT_SID, withDeliveryStatement, type Elb5State } from './elb-5';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const CLASSIC = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/legacy';
const BUCKET = 'soar-elb-access-logs-111122223333-eu-west-1';
const context = unitContext({
  controlId: 'ELB.5',
  resource: { Type: 'AwsElbv2LoadBalancer', Id: ARN, Partition: 'aws', Region: 'eu-west-1' },
  accountId: '111122223333',
  region: 'eu-west-1',
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const classicContext = {
  ...context,
  resource: { ...context.resource, Type: 'AwsElbLoadBalancer', Id: CLASSIC },
};
const state = (
  enabled: boolean,
  logBucket: Partial<Elb5State['logBucket']> = {},
  bucket = enabled ? 'team-logs' : '',
): Elb5State => ({
  loadBalancerArn: ARN,
  kind: 'application',
  name: 'web',
  accessLog: { enabled, bucket, prefix: '' },
  logBucket: { name: BUCKET, status: 'owned', policy: null, ...logBucket },
  tags: {},
});
const policyOf = (plan: ReturnType<typeof elb_5.plan>) => {
  const change = plan.kind === 'changes' ? plan.changes[0]?.params : undefined;
  return JSON.parse(change !== undefined && 'policy' in change ? change.policy : '{}') as {
    Statement: Record<string, unknown>[];
  };
};

describe('Control: ELB.5 plan', () => {
  it.each([
    ['logging on (to any bucket)', state(true), 'compliant'],
    ['logging off, bucket owned', state(false), 'changes'],
    ['logging off, bucket missing', state(false, { status: 'missing' }), 'refuse'],
    ['logging off, bucket of another account', state(false, { status: 'not_owned' }), 'refuse'],
    ['logging off, bucket policy not JSON', state(false, { policy: 'not json' }), 'refuse'],
  ] as const)('%s -> %s', (_name, s, kind) => {
    expect(elb_5.plan(s, context).kind).toBe(kind);
  });

  it('refuses a missing bucket naming the bucket and Region to create (SOAR creates no bucket)', () => {
    expect(elb_5.plan(state(false, { status: 'missing' }), context)).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining(`Please create ${BUCKET} in eu-west-1`),
    });
  });

  it('adds the log delivery statement, then turns logging on, with the settings before as before-image', () => {
    const plan = elb_5.plan(state(false, {}, 'old-bucket'), context);
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [
        { action: 's3:PutBucketPolicy', params: { bucket: BUCKET } },
        {
          action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
          params: { loadBalancerArn: ARN, enabled: true, bucket: BUCKET, prefix: '' },
        },
      ],
      beforeImage: {
        loadBalancerArn: ARN,
        accessLog: { enabled: false, bucket: 'old-bucket', prefix: '' },
        loggedTo: BUCKET,
      },
    });
    expect(policyOf(plan).Statement).toEqual([
      {
        Sid: ELB5_STATEMENT_SID,
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/111122223333/*`,
      },
    ]);
  });

  it('keeps the statements of an existing policy (the original replaced the whole policy)', () => {
    const existing = {
      Version: '2012-10-17',
      Id: 'team',
      Statement: { Sid: 'Team', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' },
    };
    const policy = policyOf(elb_5.plan(state(false, { policy: JSON.stringify(existing) }), context));
    expect(policy).toMatchObject({ Version: '2012-10-17', Id: 'team' });
    expect(policy.Statement.map((s) => s['Sid'])).toEqual(['Team', ELB5_STATEMENT_SID]);
  });

  it('only turns logging on when the statement is there already', () => {
    const policy = withDeliveryStatement(null, 'aws', BUCKET, '111122223333');
    const plan = elb_5.plan(state(false, { policy: policy ?? null }), context);
    expect(plan.kind === 'changes' ? plan.changes.map((c) => c.action) : plan.kind).toEqual([
      'elasticloadbalancing:ModifyLoadBalancerAttributes',
    ]);
  });

  it.each([
    ['aws-cn', 'cn-northwest-1'],
    ['aws-us-gov', 'us-gov-east-1'],
    ['aws', 'mx-central-1'],
    ['aws', 'ap-southeast-7'],
  ])(
    'grants the log delivery service principal in %s %s without Region data (the original had a 25-Region account table and failed elsewhere)',
    (partition, region) => {
      const where = { ...context, partition, region };
      const bucket = accessLogBucket(where);
      const plan = elb_5.plan(state(false, { name: bucket }), where);
      expect(policyOf(plan).Statement[0]).toMatchObject({
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Resource: `arn:${partition}:s3:::${bucket}/AWSLogs/111122223333/*`,
      });
    },
  );
});

describe('Control: ELB.5 read and apply (aws-sdk-client-mock)', () => {
  const elbv2 = mockClient(ElasticLoadBalancingV2Client);
  const elb = mockClient(ElasticLoadBalancingClient);
  const s3 = mockClient(S3Client);
  afterEach(() => {
    elbv2.reset();
    elb.reset();
    s3.reset();
  });
  afterAll(() => {
    elbv2.restore();
    elb.restore();
    s3.restore();
  });

  it.each(['LoadBalancerNotFoundException', 'LoadBalancerNotFound'])(
    'reads a deleted ALB as gone on %s',
    async (code) => {
      elbv2.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('not found'), { name: code }));
      expect(await elb_5.read(context)).toMatchObject({ kind: 'gone' });
    },
  );

  it.each(['AccessPointNotFoundException', 'LoadBalancerNotFound'])(
    'reads a deleted Classic Load Balancer as gone on %s',
    async (code) => {
      elb.on(DescribeClassicCommand).rejects(Object.assign(new Error('not found'), { name: code }));
      expect(await elb_5.read(classicContext)).toMatchObject({ kind: 'gone' });
    },
  );

  it('reads the ALB attributes, and a bucket of another account as not_owned (asked with ExpectedBucketOwner)', async () => {
    // Arrange
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: ARN }] });
    elbv2
      .on(DescribeTagsCommand)
      .resolves({ TagDescriptions: [{ ResourceArn: ARN, Tags: [{ Key: 'team', Value: 'web' }] }] });
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves({
      Attributes: [
        { Key: 'access_logs.s3.enabled', Value: 'false' },
        { Key: 'access_logs.s3.bucket', Value: 'old' },
        { Key: 'access_logs.s3.prefix', Value: 'p' },
      ],
    });
    s3.on(HeadBucketCommand).rejects(Object.assign(new Error('403'), { name: 'Forbidden' }));

    // Act / Assert
    expect(await elb_5.read(context)).toEqual({
      kind: 'found',
      state: {
        ...state(false, { status: 'not_owned' }),
        accessLog: { enabled: false, bucket: 'old', prefix: 'p' },
        tags: { team: 'web' },
      },
    });
    expect(s3.commandCalls(HeadBucketCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      ExpectedBucketOwner: '111122223333',
    });
  });

  it('reads a Classic Load Balancer and its bucket policy', async () => {
    // Arrange
    elb.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'legacy' }] });
    elb
      .on(DescribeClassicTagsCommand)
      .resolves({ TagDescriptions: [{ LoadBalancerName: 'legacy', Tags: [] }] });
    elb
      .on(DescribeClassicAttributesCommand)
      .resolves({ LoadBalancerAttributes: { AccessLog: { Enabled: false } } });
    s3.on(HeadBucketCommand).resolves({});
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Statement":[]}' });

    // Act / Assert
    expect(await elb_5.read(classicContext)).toEqual({
      kind: 'found',
      state: {
        ...state(false, { policy: '{"Statement":[]}' }),
        loadBalancerArn: CLASSIC,
        kind: 'classic',
        name: 'legacy',
      },
    });
  });

  it('reads a bucket without a policy, and a missing bucket', async () => {
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: ARN }] });
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    elbv2.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    s3.on(GetBucketPolicyCommand).rejects(Object.assign(new Error('none'), { name: 'NoSuchBucketPolicy' }));
    s3.on(HeadBucketCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('404'), { name: 'NotFound' }));
    expect(await elb_5.read(context)).toMatchObject({
      state: { logBucket: { status: 'owned', policy: null } },
    });
    expect(await elb_5.read(context)).toMatchObject({
      state: { logBucket: { status: 'missing', policy: null } },
    });
  });

  it('writes the policy on the account-owned bucket and sets the three ALB attributes', async () => {
    // Arrange
    s3.on(PutBucketPolicyCommand).resolves({});
    elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({});
    const plan = elb_5.plan(state(false), context);

    // Act
    await elb_5.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(s3.commandCalls(PutBucketPolicyCommand)[0]?.args[0].input).toMatchObject({
      Bucket: BUCKET,
      ExpectedBucketOwner: '111122223333',
    });
    expect(elbv2.commandCalls(ModifyLoadBalancerAttributesCommand)[0]?.args[0].input).toEqual({
      LoadBalancerArn: ARN,
      Attributes: [
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: BUCKET },
        { Key: 'access_logs.s3.prefix', Value: '' },
      ],
    });
  });

  it('sets the access log of a Classic Load Balancer by name', async () => {
    elb.on(ModifyClassicCommand).resolves({});
    await elb_5.apply(
      [
        {
          action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
          description: '',
          params: { loadBalancerArn: CLASSIC, enabled: true, bucket: BUCKET, prefix: '' },
        },
      ],
      classicContext,
    );
    expect(elb.commandCalls(ModifyClassicCommand)[0]?.args[0].input).toEqual({
      LoadBalancerName: 'legacy',
      LoadBalancerAttributes: { AccessLog: { Enabled: true, S3BucketName: BUCKET } },
    });
  });

  it.each([
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/n/0123456789abcdef',
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/g/0123456789abcdef',
    'legacy',
  ])('refuses %s, naming it (Network and Gateway Load Balancers are out of scope)', async (id) => {
    await expect(elb_5.read({ ...context, resource: { ...context.resource, Id: id } })).rejects.toThrow(id);
  });
});
