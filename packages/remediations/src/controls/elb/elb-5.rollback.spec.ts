import { beforeImageErrorOf, parsedBeforeImage, stored } from '../../../tests/rollback-support';
import { findingContext } from '../../../tests/finding-context';
import { elb_5, planElb5Rollback, type Elb5BeforeImage, type Elb5State } from './elb-5';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const BUCKET = 'soar-elb-access-logs-111122223333-eu-west-1';
const context = findingContext({
  controlId: 'ELB.5',
  resource: { Type: 'AwsElbv2LoadBalancer', Id: ARN, Partition: 'aws', Region: 'eu-west-1' },
});
const state = (enabled: boolean, bucket: string): Elb5State => ({
  loadBalancerArn: ARN,
  kind: 'application',
  name: 'web',
  accessLog: { enabled, bucket, prefix: '' },
  logBucket: { name: BUCKET, status: 'owned', policy: null },
  tags: {},
});
const before: Elb5BeforeImage = parsedBeforeImage(elb_5, {
  loadBalancerArn: ARN,
  accessLog: { enabled: false, bucket: 'old', prefix: 'p' },
  loggedTo: BUCKET,
});

describe('Control: ELB.5 rollback plan (pure)', () => {
  it('records a before-image its rollback can parse', () => {
    const plan = elb_5.plan(
      { ...state(false, 'old'), accessLog: { enabled: false, bucket: 'old', prefix: 'p' } },
      context,
    );
    expect(plan.kind === 'changes' ? parsedBeforeImage(elb_5, stored(plan.beforeImage)) : undefined).toEqual(
      before,
    );
  });

  it('turns logging off again with the earlier bucket and prefix; the bucket and its policy stay', () => {
    expect(planElb5Rollback(before, state(true, BUCKET))).toMatchObject({
      kind: 'changes',
      changes: [
        {
          action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
          params: { loadBalancerArn: ARN, enabled: false, bucket: 'old', prefix: 'p' },
        },
      ],
    });
  });

  it('is already as before when logging is off', () => {
    expect(planElb5Rollback(before, state(false, BUCKET)).kind).toBe('already_as_before');
  });

  it('refuses when the load balancer now logs to another bucket (changed since the fix)', () => {
    expect(planElb5Rollback(before, state(true, 'team-logs'))).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('team-logs'),
    });
  });

  it('refuses a before-image of another load balancer', () => {
    expect(
      planElb5Rollback({ ...before, loadBalancerArn: ARN.replace('web', 'api') }, state(true, BUCKET)),
    ).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('api'),
    });
  });

  it('rejects a before-image with logging on (SOAR changes nothing then), naming the field', () => {
    expect(
      beforeImageErrorOf(elb_5, {
        loadBalancerArn: ARN,
        accessLog: { enabled: true, bucket: 'b', prefix: '' },
        loggedTo: BUCKET,
      }).message,
    ).toContain('accessLog.enabled');
  });
});
