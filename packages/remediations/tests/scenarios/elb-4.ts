import { DescribeLoadBalancerAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { elb_4 } from '../../src/controls/elb/elb-4';
import { registerControl } from '../../src/engine/control';
import { createAlb, memberElbv2 } from '../elb-moto-fixtures';
import type { RemediationScenario } from '../remediation-harness';

/** ELB.4: a new Application Load Balancer, which passes invalid HTTP headers (the AWS default). */
export const scenario: RemediationScenario = {
  control: registerControl(elb_4),
  async arrange(access) {
    return (await createAlb(access)).resource;
  },
  async observe(access, resource) {
    const { Attributes } = await memberElbv2(access, 'observe').send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: resource.Id }),
    );
    // AWS lists the attribute as "false" on a new ALB; moto leaves it out until it is set: the same.
    return (
      Attributes?.find((a) => a.Key === 'routing.http.drop_invalid_header_fields.enabled')?.Value ?? 'false'
    );
  },
};
