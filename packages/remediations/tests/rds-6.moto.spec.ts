import { CreateRoleCommand, GetRoleCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { RDS_MONITORING_POLICY } from '../src/controls/rds/rds-6';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { arrangeAuroraMember, liveCluster, liveInstance } from './rds-moto-fixtures';
import { scenario } from './scenarios/rds-6';

const ROLE = 'rds-monitoring-role';

describe('Control: RDS.6 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  const memberIam = (access: ReturnType<typeof motoAccess>) =>
    access.client(IAMClient, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'observe' });

  it('creates the monitoring role, turns monitoring on, says so in the result, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('RDS.6', resource), { access });
    const second = await run(scenario.control, padFor('RDS.6', resource), { access });

    // Assert: the original reported "None." after changing the instance; the result names each change
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining(`Created the IAM role ${ROLE}`),
        expect.stringContaining(RDS_MONITORING_POLICY),
        expect.stringContaining('Requested enhanced monitoring every 60 seconds on the DB instance'),
      ],
    });
    expect(first.scratchpad.messages.actions_taken).not.toBe('None.');
    const db = await liveInstance(access, resource);
    expect(db.MonitoringInterval).toBe(60);
    expect(db.MonitoringRoleArn).toBe(`arn:aws:iam::${MEMBER_ACCOUNT}:role/${ROLE}`);
    const { Role } = await memberIam(access).send(new GetRoleCommand({ RoleName: ROLE }));
    expect(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '')).toContain(
      'monitoring.rds.amazonaws.com',
    );
    const { PolicyNames } = await memberIam(access).send(new ListRolePoliciesCommand({ RoleName: ROLE }));
    expect(PolicyNames).toEqual([RDS_MONITORING_POLICY]);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });

  it('turns monitoring on for the Aurora instance itself and leaves the cluster alone (the original modified the Aurora cluster, which RDS refuses)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { resource, clusterId } = await arrangeAuroraMember(access);
    const id = resource.Id.slice(resource.Id.lastIndexOf(':') + 1);

    // Act
    const { result } = await run(scenario.control, padFor('RDS.6', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'remediated',
      changes: expect.arrayContaining([expect.stringContaining(`on the DB instance ${id}`)]),
    });
    expect((await liveInstance(access, resource)).MonitoringInterval).toBe(60);
    expect((await liveCluster(access, clusterId)).MonitoringInterval ?? 0).toBe(0);
  });

  it('refuses, changing nothing, when a role of that name does not trust RDS monitoring (the original never looked)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await memberIam(access).send(
      new CreateRoleCommand({
        RoleName: ROLE,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('RDS.6', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('does not let the RDS monitoring service'),
    });
    expect(scratchpad.actions.autoremediation_not_done).toBe(true);
    expect((await liveInstance(access, resource)).MonitoringInterval ?? 0).toBe(0);
  });

  it('suppresses the finding of a deleted instance, found by the describe call (the original waited on a waiter that failed first)', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await moto.reset();

    // Act
    const { result, scratchpad } = await run(scenario.control, padFor('RDS.6', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('no longer exists'),
    });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});
