/**
 * Rollback against moto, for every reversible scenario in `tests/scenarios/*.ts` (discovered, so a new
 * reversible control is covered without editing this file): arrange the non-compliant resource, fix it
 * with `remediate`, check it passes, store the before-image as JSON (as SOAR would), roll back, and
 * check through the AWS API itself (each scenario's `observe`, not the control's `read`) that the
 * resource is exactly as `arrange` left it. A second rollback changes nothing (`already_as_before`).
 *
 * The second half: what the controls refuse because the resource moved on since the fix, and how the
 * runner handles records that name the resource directly, resources that are gone and bad
 * before-images, all against moto.
 */
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  DeleteFlowLogsCommand,
  DescribeFlowLogsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DeleteBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { AwsAccess, AwsClientConstructor } from '@soar/aws-access';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { SOAR_LIFECYCLE_RULE_ID } from '../src/controls/s3/s3-10';
import { Registry } from '../src/engine/registry';
import { planRollback, type RollbackRecord } from '../src/engine/rollback';
import { planRemediation } from '../src/engine/runner';
import {
  MEMBER_ACCOUNT,
  motoAccess,
  padFor,
  REGION,
  run,
  runRollback,
  type RemediationScenario,
} from './remediation-harness';
import { memberS3 } from './s3-moto-fixtures';
import { discoverScenarios } from './scenario-support';
import { scenario as dynamodb_2 } from './scenarios/dynamodb-2';
import { scenario as ec2_13 } from './scenarios/ec2-13';
import { scenario as ec2_6 } from './scenarios/ec2-6';
import { scenario as s3_10 } from './scenarios/s3-10';
import { scenario as s3_8 } from './scenarios/s3-8';

type FindingResource = AwsSecurityFinding['Resources'][number];

const reversible = discoverScenarios().filter((s) => s.scenario.control.reversible);

/** Verification reads without waiting: moto shows every change at once. */
const FAST = { verify: { attempts: 1, delayMs: 0 } } as const;

function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

function bucketOf(resource: FindingResource): string {
  return resource.Id.slice(resource.Id.indexOf(':::') + 3);
}

function memberClient<C>(access: AwsAccess, ClientClass: AwsClientConstructor<C>): C {
  return access.client(ClientClass, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose: 'test' });
}

/**
 * Arranges the scenario and fixes it; returns the rollback record as SOAR stores it (a JSON round trip,
 * so nothing but data survives), with the finding it was fixed for.
 */
async function fixed(scenario: RemediationScenario, access: AwsAccess) {
  const { control } = scenario;
  const resource = await scenario.arrange(access);
  const pad = padFor(control.controlId, resource);
  const { result } = await run(control, pad, { access, now: scenario.now });
  if (result.kind !== 'remediated') throw new Error(`expected remediated, got ${JSON.stringify(result)}`);
  const record: RollbackRecord = JSON.parse(
    JSON.stringify({
      controlId: control.controlId,
      finding: pad.finding,
      beforeImage: result.beforeImages[0],
    }),
  );
  return { resource, pad, result, record };
}

describe('Rollback: every reversible scenario, fixed then rolled back (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 60_000);
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  it('finds the reversible scenarios, each able to observe its state through the AWS API', () => {
    expect(reversible.length).toBeGreaterThan(0);
    expect(reversible.filter((s) => s.scenario.observe === undefined).map((s) => s.file)).toEqual([]);
  });

  describe.each(reversible.map((s) => [s.file, s.scenario] as const))('%s', (_file, scenario) => {
    const { control } = scenario;
    const { controlId } = control;

    it(`${controlId}: remediate, rollback brings back the original state, and a second rollback is already_as_before`, async () => {
      // Arrange: the non-compliant resource as `arrange` left it, then fixed
      const access = motoAccess(moto);
      const observe = scenario.observe;
      if (observe === undefined) throw new Error(`${controlId}: the scenario has no observe`);
      const resource = await scenario.arrange(access);
      const original = await observe(access, resource);
      const pad = padFor(controlId, resource);
      const fix = await run(control, pad, { access, now: scenario.now });
      const whenFixed = await observe(access, resource);
      const afterFix = await planRemediation(pad, { access, registry: new Registry([control]) });
      const beforeImage = fix.result.kind === 'remediated' ? fix.result.beforeImages[0] : undefined;
      const record: RollbackRecord = JSON.parse(
        JSON.stringify({ controlId, finding: pad.finding, beforeImage }),
      );

      // Act
      const planned = await planRollback(record, { access, registry: new Registry([control]) });
      const first = await runRollback(control, record, { access, ...FAST });
      const whenRolledBack = await observe(access, resource);
      const second = await runRollback(control, record, { access, ...FAST });

      // Assert: fixed and compliant, then exactly as before, then nothing more to undo
      expect(fix.result.kind).toBe('remediated');
      expect(whenFixed).not.toEqual(original);
      expect(afterFix.resources).toEqual([
        expect.objectContaining({ kind: 'planned', plan: expect.objectContaining({ kind: 'compliant' }) }),
      ]);
      expect(planned).toMatchObject({
        kind: 'planned',
        controlId,
        resourceId: resource.Id,
        plan: { kind: 'changes' },
      });
      expect(first).toMatchObject({ kind: 'rolled_back', controlId, resourceId: resource.Id });
      expect(first.kind === 'rolled_back' ? first.changes.length : 0).toBeGreaterThan(0);
      expect(whenRolledBack).toEqual(original);
      expect(second).toMatchObject({ kind: 'already_as_before', controlId, resourceId: resource.Id });
    });

    it(`${controlId}: a resource deleted since the fix ends in resource_gone, with nothing changed`, async () => {
      // Arrange
      const access = motoAccess(moto);
      const { record } = await fixed(scenario, access);
      const accountLevel = control.resourceTypes.every((t) => t === 'AwsAccount');
      if (!accountLevel) await moto.reset();

      // Act
      const result = await runRollback(control, record, { access: motoAccess(moto), ...FAST });

      // Assert: an account cannot be gone, so EC2.7 rolls back as usual
      expect(result.kind).toBe(accountLevel ? 'rolled_back' : 'resource_gone');
    });
  });
});

describe('Rollback: records, refusals and what is kept (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 60_000);
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  it('rolls back from a record that names the resource and its account and region instead of the finding', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { resource, record } = await fixed(ec2_13, access);
    const direct: RollbackRecord = {
      controlId: 'EC2.13',
      resource: { Type: resource.Type, Id: resource.Id },
      accountId: MEMBER_ACCOUNT,
      region: REGION,
      beforeImage: 'beforeImage' in record ? record.beforeImage : undefined,
    };

    // Act
    const result = await runRollback(ec2_13.control, direct, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({ kind: 'rolled_back', resourceId: resource.Id });
  });

  it('refuses a before-image whose revoked rules are not SOAR’s, naming the field, and changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const { resource, record } = await fixed(ec2_13, access);
    const observe = ec2_13.observe;
    if (observe === undefined) throw new Error('EC2.13: the scenario has no observe');
    const whenFixed = await observe(access, resource);
    const bad = {
      ...record,
      beforeImage: { ...Object(record.beforeImage), revokedRules: [{ ruleId: 'sgr-1' }] },
    };

    // Act
    const result = await runRollback(ec2_13.control, bad, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('(revokedRules[0].isEgress)'),
      error: expect.stringContaining('BeforeImageError'),
    });
    expect(await observe(access, resource)).toEqual(whenFixed);
  });

  it('EC2.13: refuses when a rule added since the fix overlaps one to put back, and changes nothing', async () => {
    // Arrange: after the fix, someone opens ports 20-30 to the internet again
    const access = motoAccess(moto);
    const { resource, record } = await fixed(ec2_13, access);
    await memberClient(access, EC2Client).send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: lastSegment(resource.Id),
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 20, ToPort: 30, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const observe = ec2_13.observe;
    if (observe === undefined) throw new Error('EC2.13: the scenario has no observe');
    const before = await observe(access, resource);

    // Act
    const result = await runRollback(ec2_13.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('TCP ports 20-30') });
    expect(await observe(access, resource)).toEqual(before);
  });

  it('EC2.13: refuses when the group was configured since the fix, even without overlap, and changes nothing', async () => {
    // Arrange: after the fix, someone lets a bastion range in on port 22 instead of the internet
    const access = motoAccess(moto);
    const { resource, record } = await fixed(ec2_13, access);
    await memberClient(access, EC2Client).send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: lastSegment(resource.Id),
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '192.0.2.0/24' }] },
        ],
      }),
    );
    const observe = ec2_13.observe;
    if (observe === undefined) throw new Error('EC2.13: the scenario has no observe');
    const before = await observe(access, resource);

    // Act
    const result = await runRollback(ec2_13.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('192.0.2.0/24'),
    });
    expect(await observe(access, resource)).toEqual(before);
  });

  it('EC2.6: deletes only the flow log SOAR created, and keeps the shared role', async () => {
    // Arrange: two VPCs fixed, sharing SOAR's role
    const access = motoAccess(moto);
    const one = await fixed(ec2_6, access);
    const other = await fixed(ec2_6, access);
    const flowLogsOf = async (resource: FindingResource) =>
      (
        await memberClient(access, EC2Client).send(
          new DescribeFlowLogsCommand({
            Filter: [{ Name: 'resource-id', Values: [lastSegment(resource.Id)] }],
          }),
        )
      ).FlowLogs ?? [];

    // Act
    const result = await runRollback(ec2_6.control, one.record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({
      kind: 'rolled_back',
      changes: [expect.stringContaining('Deleted the flow log')],
      actionsRequired: expect.stringContaining(`soar-vpc-flow-logs-${REGION} is kept`),
    });
    expect(await flowLogsOf(one.resource)).toEqual([]);
    expect(await flowLogsOf(other.resource)).toHaveLength(1);
    const role = await memberClient(access, IAMClient).send(
      new GetRoleCommand({ RoleName: `soar-vpc-flow-logs-${REGION}` }),
    );
    expect(role.Role?.RoleName).toBe(`soar-vpc-flow-logs-${REGION}`);
  });

  it('EC2.6: refuses when SOAR’s flow log was replaced by another one, and deletes nothing', async () => {
    // Arrange: SOAR's flow log deleted, someone else's (all traffic, their log group and role) in its place
    const access = motoAccess(moto);
    const { resource, record } = await fixed(ec2_6, access);
    const ec2 = memberClient(access, EC2Client);
    const vpcId = lastSegment(resource.Id);
    const filter = { Filter: [{ Name: 'resource-id', Values: [vpcId] }] };
    const soar = (await ec2.send(new DescribeFlowLogsCommand(filter))).FlowLogs ?? [];
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: soar.flatMap((l) => l.FlowLogId ?? []) }));
    await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpcId],
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: 'team/flow-logs',
        DeliverLogsPermissionArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/team-flow-logs`,
      }),
    );

    // Act
    const result = await runRollback(ec2_6.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('has taken its place'),
    });
    expect((await ec2.send(new DescribeFlowLogsCommand(filter))).FlowLogs).toEqual([
      expect.objectContaining({ TrafficType: 'ALL', LogGroupName: 'team/flow-logs' }),
    ]);
  });

  it('S3.10: removes only SOAR’s rule, keeping the team’s rules, also one added after the fix', async () => {
    // Arrange: after the fix, the team adds a rule of its own
    const access = motoAccess(moto);
    const { resource, record } = await fixed(s3_10, access);
    const s3 = memberS3(access, 'test');
    const Bucket = bucketOf(resource);
    const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    const added = {
      ID: 'team-added-later',
      Status: 'Enabled',
      Filter: { Prefix: 'tmp/' },
      Expiration: { Days: 7 },
    } as const;
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: { Rules: [...Rules, { ...added, Filter: { ...added.Filter } }] },
      }),
    );

    // Act
    const result = await runRollback(s3_10.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({
      kind: 'rolled_back',
      changes: [expect.stringContaining('2 other rule(s)')],
    });
    const after = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    expect(after.Rules?.map((rule) => rule.ID)).toEqual(['team-expire-logs', 'team-added-later']);
  });

  it('S3.10: refuses when SOAR’s rule was changed since the fix, and leaves it', async () => {
    // Arrange: someone keeps old versions for 90 days instead, in SOAR's rule
    const access = motoAccess(moto);
    const { resource, record } = await fixed(s3_10, access);
    const s3 = memberS3(access, 'test');
    const Bucket = bucketOf(resource);
    const { Rules = [] } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    const changed = Rules.map((rule) =>
      rule.ID === SOAR_LIFECYCLE_RULE_ID
        ? { ...rule, NoncurrentVersionExpiration: { NoncurrentDays: 90 } }
        : rule,
    );
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules: changed } }),
    );

    // Act
    const result = await runRollback(s3_10.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('was changed since') });
    const after = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    expect(after.Rules?.map((rule) => rule.ID)).toContain(SOAR_LIFECYCLE_RULE_ID);
  });

  it('S3.8: refuses when the Block Public Access settings changed since the fix, and keeps them', async () => {
    // Arrange: someone turns public policies back on after the fix
    const access = motoAccess(moto);
    const { resource, record } = await fixed(s3_8, access);
    const s3 = memberS3(access, 'test');
    const settings = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: true,
    };
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucketOf(resource),
        PublicAccessBlockConfiguration: settings,
      }),
    );

    // Act
    const result = await runRollback(s3_8.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('changed since') });
    const observe = s3_8.observe;
    if (observe === undefined) throw new Error('S3.8: the scenario has no observe');
    expect(await observe(access, resource)).toMatchObject({ publicAccessBlock: settings });
  });

  it('S3.2: a bucket deleted since the fix ends in resource_gone', async () => {
    // Arrange
    const access = motoAccess(moto);
    const s3_2 = discoverScenarios().find((s) => s.file === 's3-2.ts')?.scenario;
    if (s3_2 === undefined) throw new Error('no S3.2 scenario');
    const { resource, record } = await fixed(s3_2, access);
    await memberS3(access, 'test').send(new DeleteBucketCommand({ Bucket: bucketOf(resource) }));

    // Act
    const result = await runRollback(s3_2.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('nothing to roll back'),
    });
  });

  it('DynamoDB.2: refuses when the recovery window was changed since the fix, and keeps the backups', async () => {
    // Arrange: someone sets a 10-day window after SOAR turned point-in-time recovery on
    const access = motoAccess(moto);
    const { resource, record } = await fixed(dynamodb_2, access);
    await memberClient(access, DynamoDBClient).send(
      new UpdateContinuousBackupsCommand({
        TableName: lastSegment(resource.Id),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 10 },
      }),
    );

    // Act
    const result = await runRollback(dynamodb_2.control, record, { access, ...FAST });

    // Assert
    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('now keeps 10 days') });
    const observe = dynamodb_2.observe;
    if (observe === undefined) throw new Error('DynamoDB.2: the scenario has no observe');
    expect(await observe(access, resource)).toBe('ENABLED');
  });
});
