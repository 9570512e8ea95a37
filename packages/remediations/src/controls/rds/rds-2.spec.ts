import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { rds_2, type Rds2State } from './rds-2';
import { RDS_INSTANCE_ARN, rdsIdOf, RDS_SNAPSHOT_ARN } from './shared';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const context = unitContext({
  controlId: 'RDS.2',
  resource: {
    Type: 'AwsRdsDbInstance',
    Id: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
    Partition: 'aws',
    Region: REGION,
  },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-12-01T00:00:00Z'),
  firstObservedAt: undefined,
});

function state(overrides: Partial<Rds2State> = {}): Rds2State {
  return {
    instanceId: 'orders-db',
    engine: 'postgres',
    scope: 'instance',
    targetId: 'orders-db',
    status: 'available',
    value: true,
    tags: {},
    ...overrides,
  };
}

describe('Control: RDS.2 plan', () => {
  it.each([
    ['public access off', state({ value: false }), 'compliant'],
    ['public access on', state(), 'changes'],
    ['off pending (RDS is applying it)', state({ pending: false }), 'compliant'],
    ['busy (modifying)', state({ status: 'modifying' }), 'defer'],
    ['backing up', state({ status: 'backing-up' }), 'defer'],
    ['needs a person (storage-full)', state({ status: 'storage-full' }), 'refuse'],
    ['not an RDS engine (neptune)', state({ engine: 'neptune' }), 'refuse'],
  ])('%s: %s', (_name, given, kind) => {
    expect(rds_2.plan(given, context).kind).toBe(kind);
  });

  it('turns public access off on the instance, says what it did, and records the value before', () => {
    expect(rds_2.plan(state(), context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'rds:ModifyDBInstance',
          description:
            'Requested public access turned off on the DB instance orders-db (applied immediately by RDS, without a reboot; it was public access turned on).',
          params: { scope: 'instance', targetId: 'orders-db', params: { PubliclyAccessible: false } },
        },
      ],
      beforeImage: {
        instanceId: 'orders-db',
        scope: 'instance',
        targetId: 'orders-db',
        before: true,
        after: false,
      },
      actionsRequired: expect.stringContaining('PubliclyAccessible'),
    });
  });

  it('modifies the cluster of a Multi-AZ DB cluster member, which holds the setting', () => {
    const plan = rds_2.plan(state({ clusterId: 'orders', scope: 'cluster', targetId: 'orders' }), context);
    expect(plan).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'rds:ModifyDBCluster', params: { scope: 'cluster', targetId: 'orders' } }],
    });
  });

  it('says why it defers a busy instance: no waiter outlives the function', () => {
    expect(rds_2.plan(state({ status: 'modifying' }), context)).toEqual({
      kind: 'defer',
      reason: expect.stringContaining('is modifying; RDS takes changes only when it is available'),
    });
  });
});

describe('Control: RDS.2 read and apply (aws-sdk-client-mock)', () => {
  const rds = mockClient(RDSClient);
  beforeEach(() => rds.reset());
  afterAll(() => rds.restore());

  it('reads a Multi-AZ DB cluster member from its cluster', async () => {
    // Arrange
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'orders-db',
          Engine: 'postgres',
          DBClusterIdentifier: 'orders',
          DBInstanceStatus: 'available',
        },
      ],
    });
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [{ DBClusterIdentifier: 'orders', Status: 'available', PubliclyAccessible: true }],
    });

    // Act
    const read = await rds_2.read(context);

    // Assert
    expect(read).toEqual({
      kind: 'found',
      state: state({ clusterId: 'orders', scope: 'cluster', targetId: 'orders', value: true }),
    });
  });

  it.each(['DBInstanceNotFound', 'DBInstanceNotFoundFault'])(
    'finds the instance gone on %s from the describe call itself (no waiter)',
    async (name) => {
      rds.on(DescribeDBInstancesCommand).rejects(Object.assign(new Error('gone'), { name }));
      await expect(rds_2.read(context)).resolves.toMatchObject({ kind: 'gone' });
    },
  );

  it('treats an instance being deleted as gone', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'orders-db', Engine: 'postgres', DBInstanceStatus: 'deleting' }],
    });
    await expect(rds_2.read(context)).resolves.toMatchObject({ kind: 'gone' });
  });

  it('requests the change with ApplyImmediately and does not wait for it', async () => {
    // Arrange
    rds.on(ModifyDBInstanceCommand).resolves({});
    rds.on(ModifyDBClusterCommand).resolves({});

    // Act
    await rds_2.apply(
      [
        {
          action: 'rds:ModifyDBInstance',
          description: '',
          params: { scope: 'instance', targetId: 'a', params: { PubliclyAccessible: false } },
        },
        {
          action: 'rds:ModifyDBCluster',
          description: '',
          params: { scope: 'cluster', targetId: 'c', params: { PubliclyAccessible: false } },
        },
      ],
      context,
    );

    // Assert
    expect(rds.commandCalls(ModifyDBInstanceCommand)[0]?.args[0].input).toEqual({
      DBInstanceIdentifier: 'a',
      ApplyImmediately: true,
      PubliclyAccessible: false,
    });
    expect(rds.commandCalls(ModifyDBClusterCommand)[0]?.args[0].input).toEqual({
      DBClusterIdentifier: 'c',
      ApplyImmediately: true,
      PubliclyAccessible: false,
    });
    expect(rds.calls()).toHaveLength(2);
  });
});

describe('RDS resource ids', () => {
  it.each([
    ['arn:aws:rds:eu-west-1:111122223333:db:orders-db', RDS_INSTANCE_ARN, 'orders-db'],
    ['arn:aws-cn:rds:cn-north-1:111122223333:db:orders-db', RDS_INSTANCE_ARN, 'orders-db'],
    ['arn:aws-us-gov:rds:us-gov-west-1:111122223333:db:orders-db', RDS_INSTANCE_ARN, 'orders-db'],
    [
      'arn:aws:rds:eu-west-1:111122223333:snapshot:rds:orders-db-2026-12-01-03-10',
      RDS_SNAPSHOT_ARN,
      'rds:orders-db-2026-12-01-03-10',
    ],
    [
      'arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-0123abcd',
      RDS_SNAPSHOT_ARN,
      'awsbackup:job-0123abcd',
    ],
    ['orders-db', RDS_INSTANCE_ARN, undefined],
    ['arn:aws:rds:eu-west-1:111122223333:cluster:orders', RDS_INSTANCE_ARN, undefined],
    ['arn:aws:ec2:eu-west-1:111122223333:db:orders-db', RDS_INSTANCE_ARN, undefined],
    ['arn:aws-iso:rds:us-iso-east-1:111122223333:db:orders-db', RDS_INSTANCE_ARN, undefined],
    ['arn:aws:rds:eu-west-1:111122223333:db:1orders', RDS_INSTANCE_ARN, undefined],
  ])('%s', (id, pattern, expected) => {
    expect(rdsIdOf(id, pattern)).toBe(expected);
  });

  it('names the id it cannot use', async () => {
    const bad = { ...context, resource: { ...context.resource, Id: 'orders-db' } };
    await expect(rds_2.read(bad)).rejects.toThrow('orders-db is not of the shape arn:<partition>:rds:');
  });
});
