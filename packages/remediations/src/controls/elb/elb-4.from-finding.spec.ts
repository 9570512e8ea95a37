import { findingContext } from '../../../tests/finding-context';
import { elb_4 } from './elb-4';

const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/0123456789abcdef';
const resource = (attributes?: { Key: string; Value: string }[]) => ({
  Type: 'AwsElbv2LoadBalancer',
  Id: ARN,
  Partition: 'aws' as const,
  Region: 'eu-west-1',
  ...(attributes === undefined
    ? {}
    : { Details: { AwsElbv2LoadBalancer: { LoadBalancerAttributes: attributes } } }),
});

describe('Control: ELB.4 fromFinding', () => {
  it.each([
    ['true', 'FAILED', true],
    ['false', 'PASSED', false],
  ] as const)('reads the attribute %s from the details (verdict %s)', (value, status, expected) => {
    const derived = elb_4.fromFinding?.(
      findingContext({
        controlId: 'ELB.4',
        resource: resource([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: value }]),
        status,
      }),
    );
    expect(derived).toMatchObject({ kind: 'found', state: { dropInvalidHeaderFields: expected } });
  });

  it('takes a FAILED verdict without details as off, and anything else as unknown', () => {
    expect(elb_4.fromFinding?.(findingContext({ controlId: 'ELB.4', resource: resource() }))).toMatchObject({
      kind: 'found',
      state: { dropInvalidHeaderFields: false },
    });
    expect(
      elb_4.fromFinding?.(findingContext({ controlId: 'ELB.4', resource: resource(), status: 'PASSED' })),
    ).toMatchObject({ kind: 'unknown' });
  });

  it.each([
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/web',
    'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1',
    'web',
  ])('is unknown, naming the id, for %s', (id) => {
    const derived = elb_4.fromFinding?.(
      findingContext({ controlId: 'ELB.4', resource: { ...resource(), Id: id } }),
    );
    expect(derived).toEqual({ kind: 'unknown', reason: expect.stringContaining(id) });
  });

  it.each(['aws-cn', 'aws-us-gov'])('accepts the %s partition', (partition) => {
    const id = ARN.replace('arn:aws:', `arn:${partition}:`);
    const derived = elb_4.fromFinding?.(
      findingContext({ controlId: 'ELB.4', resource: { ...resource(), Id: id } }),
    );
    expect(derived?.kind).toBe('found');
  });
});
