import {
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeDBInstancesCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { RDS_MONITORING_POLICY, rds_6, trustsMonitoring, type Rds6State } from './rds-6';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NOW = new Date('2026-12-01T00:00:00Z');
const context = unitContext({
  controlId: 'RDS.6',
  resource: {
    Type: 'AwsRdsDbInstance',
    Id: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
    Partition: 'aws',
    Region: REGION,
  },
  accountId: ACCOUNT,
  region: REGION,
  now: NOW,
  firstObservedAt: undefined,
});
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/rds-monitoring-role`;
const READY_ROLE = {
  name: 'rds-monitoring-role',
  exists: true,
  trustsMonitoring: true,
  canWriteMetrics: true,
  createdAt: '2025-03-01T10:00:00.000Z',
};
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

function state(overrides: Partial<Rds6State> = {}): Rds6State {
  return {
    instanceId: 'orders-db',
    engine: 'postgres',
    scope: 'instance',
    targetId: 'orders-db',
    status: 'available',
    value: 0,
    tags: {},
    role: READY_ROLE,
    ...overrides,
  };
}

const actions = (plan: ReturnType<typeof rds_6.plan>) =>
  plan.kind === 'changes' ? plan.changes.map((c) => c.action) : plan.kind;

describe('Control: RDS.6 plan', () => {
  it.each([
    ['monitoring on', state({ value: 60 }), 'compliant'],
    ['monitoring off, role ready', state(), 'changes'],
    ['busy (modifying)', state({ status: 'modifying' }), 'defer'],
    ['needs a person (storage-full)', state({ status: 'storage-full' }), 'refuse'],
    ['RDS Custom', state({ engine: 'custom-oracle-ee' }), 'refuse'],
    [
      'a role that does not trust RDS monitoring',
      state({ role: { ...READY_ROLE, trustsMonitoring: false } }),
      'refuse',
    ],
    [
      'a role created a minute ago (IAM still propagating)',
      state({ role: { ...READY_ROLE, createdAt: '2026-11-30T23:59:00.000Z' } }),
      'defer',
    ],
  ])('%s: %s', (_name, given, kind) => {
    expect(rds_6.plan(given, context).kind).toBe(kind);
  });

  it('modifies the instance with the role, says so, and records the interval before', () => {
    expect(rds_6.plan(state(), context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'rds:ModifyDBInstance',
          description:
            'Requested enhanced monitoring every 60 seconds on the DB instance orders-db (applied immediately by RDS, without a reboot; it was enhanced monitoring turned off), with the monitoring role rds-monitoring-role.',
          params: {
            step: 'modify',
            scope: 'instance',
            targetId: 'orders-db',
            params: { MonitoringInterval: 60, MonitoringRoleArn: ROLE_ARN },
          },
        },
      ],
      beforeImage: {
        instanceId: 'orders-db',
        scope: 'instance',
        targetId: 'orders-db',
        before: 0,
        after: 60,
      },
      actionsRequired: expect.stringContaining('RDSOSMetrics'),
    });
  });

  it('changes each Aurora instance itself, not its cluster (the original modified the Aurora cluster, which RDS refuses)', () => {
    const aurora = state({ engine: 'aurora-postgresql', clusterId: 'orders' });
    expect(rds_6.plan(aurora, context)).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'rds:ModifyDBInstance', params: { scope: 'instance', targetId: 'orders-db' } }],
    });
  });

  it('modifies the cluster of a Multi-AZ DB cluster member', () => {
    const member = state({ clusterId: 'orders', scope: 'cluster', targetId: 'orders' });
    expect(rds_6.plan(member, context)).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'rds:ModifyDBCluster', params: { scope: 'cluster', targetId: 'orders' } }],
    });
  });

  it('creates the role and puts its policy first when the role is missing, trusting only RDS monitoring of this account', () => {
    const plan = rds_6.plan(
      state({
        role: { name: 'rds-monitoring-role', exists: false, trustsMonitoring: false, canWriteMetrics: false },
      }),
      context,
    );
    expect(actions(plan)).toEqual(['iam:CreateRole', 'iam:PutRolePolicy', 'rds:ModifyDBInstance']);
    const create = plan.kind === 'changes' ? plan.changes[0]?.params : undefined;
    expect(create).toMatchObject({ step: 'createRole', roleName: 'rds-monitoring-role' });
    const trust =
      create !== undefined && 'trustPolicy' in create ? JSON.parse(create.trustPolicy) : undefined;
    expect(trust.Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'monitoring.rds.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
  });

  it('puts only the policy on an existing trusted role that cannot write the metrics', () => {
    const plan = rds_6.plan(state({ role: { ...READY_ROLE, canWriteMetrics: false } }), context);
    expect(actions(plan)).toEqual(['iam:PutRolePolicy', 'rds:ModifyDBInstance']);
  });

  it('says why it refuses a role of that name that RDS monitoring may not assume', () => {
    expect(rds_6.plan(state({ role: { ...READY_ROLE, trustsMonitoring: false } }), context)).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining(
        'does not let the RDS monitoring service (monitoring.rds.amazonaws.com) assume it',
      ),
    });
  });

  it('passes the role to the RDS monitoring service only', () => {
    expect(rds_6.permissions(context)).toContainEqual({
      actions: ['iam:PassRole'],
      resources: [ROLE_ARN],
      conditions: { StringEquals: { 'iam:PassedToService': 'monitoring.rds.amazonaws.com' } },
    });
  });
});

describe('Function: trustsMonitoring', () => {
  it.each([
    ['the service as a string', TRUST, true],
    ['URL-encoded, as GetRole gives it', encodeURIComponent(TRUST), true],
    [
      'the service in a list',
      TRUST.replace('"monitoring.rds.amazonaws.com"', '["ec2.amazonaws.com","monitoring.rds.amazonaws.com"]'),
      true,
    ],
    ['another service', TRUST.replace('monitoring.rds', 'ec2'), false],
    ['a Deny', TRUST.replace('Allow', 'Deny'), false],
    ['not JSON', '%7Bnot', false],
    ['nothing', undefined, false],
  ])('%s: %s', (_name, document, expected) => {
    expect(trustsMonitoring(document)).toBe(expected);
  });
});

describe('Control: RDS.6 read and apply (aws-sdk-client-mock)', () => {
  const rds = mockClient(RDSClient);
  const iam = mockClient(IAMClient);
  beforeEach(() => {
    rds.reset();
    iam.reset();
  });
  afterAll(() => {
    rds.restore();
    iam.restore();
  });

  it('reads a missing role as a state to plan from, with the real IAM error (NoSuchEntity, not NoSuchEntityException as the original expected)', async () => {
    // Arrange
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'orders-db', Engine: 'postgres', DBInstanceStatus: 'available' }],
    });
    iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: 'no role', $metadata: {} }));

    // Act
    const read = await rds_6.read(context);

    // Assert
    expect(read).toEqual({
      kind: 'found',
      state: state({
        role: { name: 'rds-monitoring-role', exists: false, trustsMonitoring: false, canWriteMetrics: false },
      }),
    });
  });

  it('reads an existing role: its trust, its policies (managed or SOAR inline) and when it was created', async () => {
    // Arrange
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'orders-db',
          Engine: 'postgres',
          DBInstanceStatus: 'available',
          MonitoringInterval: 0,
        },
      ],
    });
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'rds-monitoring-role',
        Arn: ROLE_ARN,
        Path: '/',
        RoleId: 'AROA0000000000000000',
        CreateDate: new Date('2025-03-01T10:00:00Z'),
        AssumeRolePolicyDocument: encodeURIComponent(TRUST),
      },
    });
    iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [RDS_MONITORING_POLICY] });

    // Act
    const read = await rds_6.read(context);

    // Assert
    expect(read).toEqual({ kind: 'found', state: state() });
  });

  it('creates the role, puts its policy, then modifies the instance with it', async () => {
    // Arrange
    const plan = rds_6.plan(
      state({
        role: { name: 'rds-monitoring-role', exists: false, trustsMonitoring: false, canWriteMetrics: false },
      }),
      context,
    );
    if (plan.kind !== 'changes') throw new Error('expected changes');

    // Act
    await rds_6.apply(plan.changes, context);

    // Assert
    expect(iam.commandCalls(CreateRoleCommand)[0]?.args[0].input).toMatchObject({
      RoleName: 'rds-monitoring-role',
    });
    expect(iam.commandCalls(PutRolePolicyCommand)[0]?.args[0].input).toMatchObject({
      RoleName: 'rds-monitoring-role',
      PolicyName: RDS_MONITORING_POLICY,
    });
    expect(rds.commandCalls(ModifyDBInstanceCommand)[0]?.args[0].input).toEqual({
      DBInstanceIdentifier: 'orders-db',
      ApplyImmediately: true,
      MonitoringInterval: 60,
      MonitoringRoleArn: ROLE_ARN,
    });
    expect(rds.commandCalls(ModifyDBClusterCommand)).toHaveLength(0);
  });

  it('leaves the modification to the next look when RDS does not take a role created moments ago', async () => {
    // Arrange
    const plan = rds_6.plan(
      state({
        role: { name: 'rds-monitoring-role', exists: false, trustsMonitoring: false, canWriteMetrics: false },
      }),
      context,
    );
    if (plan.kind !== 'changes') throw new Error('expected changes');
    rds
      .on(ModifyDBInstanceCommand)
      .rejects(
        Object.assign(
          new Error(
            'IAM role ARN value is invalid or does not include the required permissions for: ENHANCED_MONITORING',
          ),
          { name: 'InvalidParameterCombination' },
        ),
      );

    // Act + Assert: no error; the check after the change sees the new role and defers
    await expect(rds_6.apply(plan.changes, context)).resolves.toBeUndefined();
    const after = rds_6.plan(state({ role: { ...READY_ROLE, createdAt: NOW.toISOString() } }), context);
    expect(after).toMatchObject({ kind: 'defer', reason: expect.stringContaining('propagated') });
  });

  it('lets the same RDS error through when SOAR did not create the role', async () => {
    // Arrange
    const plan = rds_6.plan(state(), context);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    rds
      .on(ModifyDBInstanceCommand)
      .rejects(
        Object.assign(new Error('IAM role ARN value is invalid'), { name: 'InvalidParameterCombination' }),
      );

    // Act + Assert
    await expect(rds_6.apply(plan.changes, context)).rejects.toThrow('IAM role ARN value is invalid');
  });
});
