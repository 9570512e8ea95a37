import { beforeImageErrorOf, parsedBeforeImage, stored } from '../../../tests/rollback-support';
import { findingContext } from '../../../tests/finding-context';
import {
  elb_1,
  httpsRedirect,
  planElb1Rollback,
  type Elb1Action,
  type Elb1BeforeImage,
  type Elb1State,
} from './elb-1';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const L80 = `${ARN.replace(':loadbalancer/', ':listener/')}/1111111111111111`;
const L443 = `${ARN.replace(':loadbalancer/', ':listener/')}/2222222222222222`;
const FORWARD = {
  Type: 'forward' as const,
  TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/0123456789abcdef',
};
const context = findingContext({
  controlId: 'ELB.1',
  resource: { Type: 'AwsElbv2LoadBalancer', Id: ARN, Partition: 'aws', Region: 'eu-west-1' },
});
const state = (
  actions: Elb1State['listeners'][number]['defaultActions'],
  more: Elb1State['listeners'] = [],
): Elb1State => ({
  loadBalancerArn: ARN,
  name: 'web',
  listeners: [
    { listenerArn: L80, port: 80, protocol: 'HTTP', defaultActions: actions },
    { listenerArn: L443, port: 443, protocol: 'HTTPS' },
    ...more,
  ],
  tags: {},
});
const before: Elb1BeforeImage = parsedBeforeImage(elb_1, {
  loadBalancerArn: ARN,
  redirectPort: 443,
  listeners: [{ listenerArn: L80, port: 80, defaultActions: [FORWARD] }],
});

describe('Control: ELB.1 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = elb_1.plan(state([FORWARD]), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(elb_1, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it("puts the old default action back over SOAR's redirect (the original lost the forward target)", () => {
    expect(planElb1Rollback(before, state([httpsRedirect(443)]))).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'elasticloadbalancing:ModifyListener',
          params: { listenerArn: L80, defaultActions: [FORWARD] },
        },
      ],
    });
  });

  it('is already as before when the old action is back', () => {
    expect(planElb1Rollback(before, state([FORWARD])).kind).toBe('already_as_before');
  });

  it.each<[string, Elb1Action[]]>([
    ['a fixed response', [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }]],
    ['a redirect to another HTTPS port', [httpsRedirect(8443)]],
  ])('refuses when the listener now has %s (changed since the fix)', (_what, actions) => {
    expect(planElb1Rollback(before, state(actions))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('changed since'),
    });
  });

  it('refuses when the listener is gone', () => {
    const gone: Elb1State = {
      ...state([]),
      listeners: [{ listenerArn: L443, port: 443, protocol: 'HTTPS' }],
    };
    expect(planElb1Rollback(before, gone)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('no longer exists'),
    });
  });

  it('refuses a before-image of another load balancer', () => {
    expect(
      planElb1Rollback(
        { ...before, loadBalancerArn: ARN.replace('web', 'api') },
        state([httpsRedirect(443)]),
      ),
    ).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('api'),
    });
  });

  it('rejects a before-image without the redirect port, naming the field', () => {
    expect(beforeImageErrorOf(elb_1, { loadBalancerArn: ARN, listeners: [] }).message).toContain(
      'redirectPort',
    );
  });
});
