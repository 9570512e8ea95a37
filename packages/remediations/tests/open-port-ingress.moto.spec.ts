import {
  AuthorizeSecurityGroupIngressCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { ec2_13 } from '../src/controls/ec2/ec2-13';
import { ec2_14 } from '../src/controls/ec2/ec2-14';
import { securityGroupIdOf, type OpenPortBeforeImage } from '../src/controls/ec2/open-port-ingress';
import type { ControlContext, FindingResource } from '../src/engine/control';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario as ec2_13Scenario } from './scenarios/ec2-13';
import { scenario as ec2_14Scenario } from './scenarios/ec2-14';

// EC2.13 (SSH) and EC2.14 (RDP) share one implementation; the same tests run for both.
describe.each([
  { controlId: 'EC2.13', PORT: 22, control: ec2_13, scenario: ec2_13Scenario },
  { controlId: 'EC2.14', PORT: 3389, control: ec2_14, scenario: ec2_14Scenario },
])('Control: $controlId (moto)', ({ controlId, PORT, control, scenario }) => {
  /** The rules the fix must keep: the same port from a private range, and HTTPS from anywhere. */
  const KEPT = [`tcp ${PORT}-${PORT} 10.0.0.0/8`, 'tcp 443-443 0.0.0.0/0'];

  let moto: MotoServer;
  let access: AwsAccess;
  beforeAll(async () => {
    moto = await startMotoServer();
    access = motoAccess(moto);
  });
  afterAll(() => moto.stop());

  const ec2 = () =>
    access.client(EC2Client, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'assert' });
  const groupIdOf = (resource: FindingResource): string => {
    const id = securityGroupIdOf(resource);
    if (id === undefined) throw new Error(`no group id in ${resource.Id}`);
    return id;
  };
  const ingress = async (groupId: string) => {
    const { SecurityGroupRules = [] } = await ec2().send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
    );
    return SecurityGroupRules.filter((r) => r.IsEgress !== true)
      .map((r) => `${r.IpProtocol} ${r.FromPort}-${r.ToPort} ${r.CidrIpv4 ?? r.CidrIpv6 ?? '?'}`)
      .sort();
  };

  it(`revokes the 0.0.0.0/0 and ::/0 rules on port ${PORT}, keeps the others, and a second run changes nothing`, async () => {
    // Arrange
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource);

    // Act
    const first = await run(scenario.control, padFor(controlId, resource), { access });
    const second = await run(scenario.control, padFor(controlId, resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      controlId,
      changes: [expect.stringContaining('from 0.0.0.0/0'), expect.stringContaining('from ::/0')],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    expect(await ingress(groupId)).toEqual(KEPT);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [], beforeImages: [] });
  });

  it('records a before-image that re-authorizes the revoked rules', async () => {
    const resource = await scenario.arrange(access);
    const groupId = groupIdOf(resource);
    const before = await ingress(groupId);

    const { result } = await run(scenario.control, padFor(controlId, resource), { access });
    const image = result.kind === 'remediated' ? (result.beforeImages[0] as OpenPortBeforeImage) : undefined;
    if (image === undefined) throw new Error(`not remediated: ${JSON.stringify(result)}`);
    await ec2().send(new AuthorizeSecurityGroupIngressCommand(image.authorizeSecurityGroupIngress));

    expect(await ingress(groupId)).toEqual(before);
  });

  it('apply is idempotent: revoking rules that are already gone succeeds', async () => {
    const resource = await scenario.arrange(access);
    const context = contextFor(access, resource, controlId, control);
    const read = await control.read(context);
    const plan = read.kind === 'found' ? control.plan(read.state, context) : undefined;
    if (plan?.kind !== 'changes') throw new Error(`expected changes, got ${JSON.stringify(plan)}`);

    await control.apply(plan.changes, context);
    await expect(control.apply(plan.changes, context)).resolves.toBeUndefined();

    expect(await ingress(groupIdOf(resource))).toEqual(KEPT);
  });

  it('reports resource_gone when the security group was deleted first', async () => {
    const resource = await scenario.arrange(access);
    await ec2().send(new DeleteSecurityGroupCommand({ GroupId: groupIdOf(resource) }));

    const { result, scratchpad } = await run(scenario.control, padFor(controlId, resource), { access });

    expect(result).toMatchObject({ kind: 'resource_gone', controlId });
    expect(scratchpad.actions.suppress_finding).toBe(true);
  });
});

function contextFor(
  access: AwsAccess,
  resource: FindingResource,
  controlId: string,
  control: { readonly iamActions: readonly string[] },
): ControlContext {
  const pad = padFor(controlId, resource);
  return {
    finding: pad.finding,
    resource,
    accountId: MEMBER_ACCOUNT,
    region: REGION,
    partition: 'aws',
    now: new Date(),
    client: (ClientClass) =>
      access.client(
        ClientClass,
        { accountId: MEMBER_ACCOUNT, region: REGION },
        { purpose: `remediate-${controlId}`, actions: control.iamActions },
      ),
  };
}
