import { DescribeListenersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { createAlb, memberElbv2 } from './elb-moto-fixtures';
import { motoAccess, padFor, run } from './remediation-harness';
import { scenario } from './scenarios/elb-1';

describe('Control: ELB.1 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('makes the HTTP listener redirect to HTTPS, keeps the HTTPS one, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('ELB.1', resource), { access });
    const second = await run(scenario.control, padFor('ELB.1', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('port 80')],
      beforeImages: [
        { listeners: [{ port: 80, defaultActions: [expect.objectContaining({ Type: 'forward' })] }] },
      ],
    });
    const { Listeners } = await memberElbv2(access, 'test').send(
      new DescribeListenersCommand({ LoadBalancerArn: resource.Id }),
    );
    const http = Listeners?.find((l) => l.Port === 80);
    const https = Listeners?.find((l) => l.Port === 443);
    expect(http?.DefaultActions?.[0]).toMatchObject({
      Type: 'redirect',
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
    });
    expect(https?.DefaultActions?.[0]).toMatchObject({ Type: 'forward' });
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('refuses, and changes nothing, when the load balancer has no HTTPS listener', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { resource } = await createAlb(access, [{ port: 8080, protocol: 'HTTP' }]);

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('ELB.1', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('no HTTPS listener') });
    expect(scratchpad.actions.autoremediation_not_done).toBe(true);
    const { Listeners } = await memberElbv2(access, 'test').send(
      new DescribeListenersCommand({ LoadBalancerArn: resource.Id }),
    );
    expect(Listeners?.[0]?.DefaultActions?.[0]?.Type).toBe('forward');
  });
});
