import { findingContext } from '../../../tests/finding-context';
import { elb_5 } from './elb-5';

const ALB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const CLB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/legacy';

describe('Control: ELB.5 fromFinding', () => {
  it.each([
    ['AwsElbv2LoadBalancer', ALB, 'web'],
    ['AwsElbLoadBalancer', CLB, 'legacy'],
  ])('is unknown for %s: only the live account tells whether the log bucket exists', (Type, Id, name) => {
    const derived = elb_5.fromFinding?.(
      findingContext({ controlId: 'ELB.5', resource: { Type, Id, Partition: 'aws', Region: 'eu-west-1' } }),
    );
    expect(derived).toEqual({ kind: 'unknown', reason: expect.stringContaining(`log bucket for ${name}`) });
  });

  it.each(['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/n/0123456789abcdef', 'web'])(
    'is unknown, naming the id, for %s',
    (Id) => {
      const derived = elb_5.fromFinding?.(
        findingContext({
          controlId: 'ELB.5',
          resource: { Type: 'AwsElbv2LoadBalancer', Id, Partition: 'aws', Region: 'eu-west-1' },
        }),
      );
      expect(derived).toEqual({ kind: 'unknown', reason: expect.stringContaining(Id) });
    },
  );
});
