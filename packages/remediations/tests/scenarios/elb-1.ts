import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { elb_1 } from '../../src/controls/elb/elb-1';
import { registerControl } from '../../src/engine/control';
import { createAlb, memberElbv2 } from '../elb-moto-fixtures';
import { canonical, type RemediationScenario } from '../remediation-harness';

/** ELB.1: an Application Load Balancer with an HTTPS listener on 443 and an HTTP one on 80 that forwards. */
export const scenario: RemediationScenario = {
  control: registerControl(elb_1),
  async arrange(access) {
    const alb = await createAlb(access, [
      { port: 443, protocol: 'HTTPS' },
      { port: 80, protocol: 'HTTP' },
    ]);
    return alb.resource;
  },
  async observe(access, resource) {
    const { Listeners } = await memberElbv2(access, 'observe').send(
      new DescribeListenersCommand({ LoadBalancerArn: resource.Id }),
    );
    return canonical(
      Listeners?.map((l) => ({ port: l.Port, protocol: l.Protocol, actions: l.DefaultActions })),
    );
  },
};
