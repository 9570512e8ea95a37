import { beforeImageErrorOf, parsedBeforeImage, stored } from '../../../tests/rollback-support';
import { findingContext } from '../../../tests/finding-context';
import { elb_4, planElb4Rollback, type Elb4BeforeImage, type Elb4State } from './elb-4';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const context = findingContext({
  controlId: 'ELB.4',
  resource: { Type: 'AwsElbv2LoadBalancer', Id: ARN, Partition: 'aws', Region: 'eu-west-1' },
});
const state = (dropInvalidHeaderFields: boolean): Elb4State => ({
  loadBalancerArn: ARN,
  name: 'web',
  dropInvalidHeaderFields,
  tags: {},
});
const before: Elb4BeforeImage = parsedBeforeImage(elb_4, {
  loadBalancerArn: ARN,
  dropInvalidHeaderFields: false,
});

describe('Control: ELB.4 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = elb_4.plan(state(false), context);
    expect(plan.kind === 'changes' ? parsedBeforeImage(elb_4, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns the setting off again', () => {
    expect(planElb4Rollback(before, state(true))).toMatchObject({
      kind: 'changes',
      changes: [{ params: { loadBalancerArn: ARN, enabled: false } }],
    });
  });

  it('is already as before when the setting is off', () => {
    expect(planElb4Rollback(before, state(false)).kind).toBe('already_as_before');
  });

  it('refuses a before-image of another load balancer', () => {
    const other = { ...before, loadBalancerArn: ARN.replace('web', 'api') };
    expect(planElb4Rollback(other, state(true))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('api'),
    });
  });

  it('rejects a before-image whose setting was on (SOAR changes nothing then), naming the field', () => {
    expect(
      beforeImageErrorOf(elb_4, { loadBalancerArn: ARN, dropInvalidHeaderFields: true }).message,
    ).toContain('dropInvalidHeaderFields');
  });
});
