import { findingContext } from '../../../tests/finding-context';
import { elb_1 } from './elb-1';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const resource = { Type: 'AwsElbv2LoadBalancer', Id: ARN, Partition: 'aws' as const, Region: 'eu-west-1' };

describe('Control: ELB.1 fromFinding', () => {
  it('is unknown even for a FAILED verdict: no finding lists the listeners, and without an HTTPS one the live run refuses', () => {
    expect(elb_1.fromFinding?.(findingContext({ controlId: 'ELB.1', resource }))).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining('listeners of web'),
    });
  });

  it.each([
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web',
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/g/0123456789abcdef',
    'web',
  ])('is unknown, naming the id, for %s', (id) => {
    expect(
      elb_1.fromFinding?.(findingContext({ controlId: 'ELB.1', resource: { ...resource, Id: id } })),
    ).toEqual({
      kind: 'unknown',
      reason: expect.stringContaining(id),
    });
  });
});
