import {
  DeleteLoadBalancerCommand,
  DescribeLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { memberElbv2 } from './elb-moto-fixtures';
import { motoAccess, padFor, run } from './remediation-harness';
import { scenario } from './scenarios/elb-4';

describe('Control: ELB.4 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('turns on dropping invalid headers, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('ELB.4', resource), { access });
    const second = await run(scenario.control, padFor('ELB.4', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Turned on dropping of HTTP headers')],
      beforeImages: [{ loadBalancerArn: resource.Id, dropInvalidHeaderFields: false }],
    });
    const { Attributes } = await memberElbv2(access, 'test').send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: resource.Id }),
    );
    expect(Attributes).toContainEqual({
      Key: 'routing.http.drop_invalid_header_fields.enabled',
      Value: 'true',
    });
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('suppresses the finding of a deleted load balancer (the ALB API says LoadBalancerNotFound, which the original missed)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await memberElbv2(access, 'test').send(new DeleteLoadBalancerCommand({ LoadBalancerArn: resource.Id }));

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('ELB.4', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone' });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });

  it('refuses, by name, an id that is not an Application Load Balancer ARN', async () => {
    // Arrange: a Network Load Balancer's ARN
    const access = motoAccess(moto);
    const id = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/nlb/0123456789abcdef';

    // Act
    const { result } = await run(
      scenario.control,
      padFor('ELB.4', { Type: 'AwsElbv2LoadBalancer', Id: id, Partition: 'aws', Region: 'eu-west-1' }),
      { access },
    );

    // Assert
    expect(result).toMatchObject({ kind: 'not_done' });
    expect(JSON.stringify(result)).toContain(id);
  });
});
