import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { elb_4, type Elb4State } from './elb-4';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const context = unitContext({
  controlId: 'ELB.4',
  resource: { Type: 'AwsElbv2LoadBalancer', Id: ARN, Partition: 'aws', Region: 'eu-west-1' },
  accountId: '111122223333',
  region: 'eu-west-1',
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});
const state = (dropInvalidHeaderFields: boolean): Elb4State => ({
  loadBalancerArn: ARN,
  name: 'web',
  dropInvalidHeaderFields,
  tags: {},
});

describe('Control: ELB.4 plan', () => {
  it.each([
    [true, 'compliant'],
    [false, 'changes'],
  ] as const)('drop invalid headers %s -> %s', (enabled, kind) => {
    expect(elb_4.plan(state(enabled), context).kind).toBe(kind);
  });

  it('turns the attribute on, with the setting before as before-image', () => {
    expect(elb_4.plan(state(false), context)).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
          params: { loadBalancerArn: ARN, enabled: true },
        },
      ],
      beforeImage: { loadBalancerArn: ARN, dropInvalidHeaderFields: false },
    });
  });
});

describe('Control: ELB.4 read and apply (aws-sdk-client-mock)', () => {
  const elb = mockClient(ElasticLoadBalancingV2Client);
  afterEach(() => elb.reset());
  afterAll(() => elb.restore());

  it.each(['LoadBalancerNotFoundException', 'LoadBalancerNotFound'])(
    'reads a deleted ALB as gone on %s (the original expected AccessPointNotFoundException, which the ALB API never sends)',
    async (code) => {
      // Arrange
      elb.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error('not found'), { name: code }));

      // Act
      const read = await elb_4.read(context);

      // Assert
      expect(read).toMatchObject({ kind: 'gone' });
    },
  );

  it('reads the attribute and the tags', async () => {
    // Arrange
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: ARN }] });
    elb
      .on(DescribeTagsCommand)
      .resolves({ TagDescriptions: [{ ResourceArn: ARN, Tags: [{ Key: 'team', Value: 'web' }] }] });
    elb.on(DescribeLoadBalancerAttributesCommand).resolves({
      Attributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }],
    });

    // Act / Assert
    expect(await elb_4.read(context)).toEqual({
      kind: 'found',
      state: { ...state(true), tags: { team: 'web' } },
    });
  });

  it('sets the attribute to "true"', async () => {
    // Arrange
    elb.on(ModifyLoadBalancerAttributesCommand).resolves({});
    const plan = elb_4.plan(state(false), context);

    // Act
    await elb_4.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(elb.commandCalls(ModifyLoadBalancerAttributesCommand)[0]?.args[0].input).toEqual({
      LoadBalancerArn: ARN,
      Attributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }],
    });
  });

  it('refuses an id that is not an ALB ARN, naming it', async () => {
    const nlb = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/n/0123456789abcdef';
    await expect(elb_4.read({ ...context, resource: { ...context.resource, Id: nlb } })).rejects.toThrow(nlb);
  });
});
