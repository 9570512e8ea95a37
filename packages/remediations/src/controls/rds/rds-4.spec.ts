import {
  CopyDBSnapshotCommand,
  DBSnapshotNotFoundFault,
  DeleteDBSnapshotCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { registerControl } from '../../engine/control';
import { unitContext } from '../../../tests/direct-clients';
import { rds_4, type Rds4State } from './rds-4';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ARN = `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:orders-before-upgrade`;
const context = unitContext({
  controlId: 'RDS.4',
  resource: { Type: 'AwsRdsDbSnapshot', Id: ARN, Partition: 'aws', Region: REGION },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-12-01T00:00:00Z'),
  firstObservedAt: undefined,
});

function state(overrides: Partial<Rds4State> = {}): Rds4State {
  return {
    kind: 'db',
    snapshotId: 'orders-before-upgrade',
    snapshotArn: ARN,
    snapshotType: 'manual',
    status: 'available',
    encrypted: false,
    instanceId: 'orders-db',
    sharedWith: [],
    tags: {},
    ...overrides,
  };
}
const copy = (overrides: Partial<NonNullable<Rds4State['copy']>> = {}) => ({
  snapshotId: 'orders-before-upgrade-encrypted',
  status: 'available',
  encrypted: true,
  source: ARN,
  instanceId: 'orders-db',
  ...overrides,
});

describe('Control: RDS.4 plan', () => {
  it.each([
    ['encrypted', state({ encrypted: true }), 'compliant'],
    ['manual, unencrypted, no copy yet', state(), 'changes'],
    ['still being created', state({ status: 'creating' }), 'defer'],
    [
      'automated (rds: prefix kept)',
      state({ snapshotId: 'rds:orders-db-2026-12-01-03-10', snapshotType: 'automated' }),
      'refuse',
    ],
    [
      'AWS Backup (awsbackup: prefix kept)',
      state({ snapshotId: 'awsbackup:job-0123', snapshotType: 'awsbackup' }),
      'refuse',
    ],
    ['shared with another account', state({ sharedWith: ['444455556666'] }), 'refuse'],
    ['public', state({ sharedWith: ['all'] }), 'refuse'],
    ['a cluster snapshot (RDS cannot encrypt one by copying)', state({ kind: 'cluster' }), 'refuse'],
    ['the copy is being made', state({ copy: copy({ status: 'creating' }) }), 'defer'],
    ['the copy is available', state({ copy: copy() }), 'changes'],
    ['a snapshot of that name that is not encrypted', state({ copy: copy({ encrypted: false }) }), 'refuse'],
    [
      'a snapshot of that name copied from another snapshot',
      state({ copy: copy({ source: `${ARN}-old` }) }),
      'refuse',
    ],
  ])('%s: %s', (_name, given, kind) => {
    expect(rds_4.plan(given, context).kind).toBe(kind);
  });

  it('copies to the fixed name, encrypted with aws/rds, then deletes the original once the copy is available; the fix removes the resource', () => {
    expect(rds_4.plan(state(), context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'rds:CopyDBSnapshot',
          description: expect.stringContaining(
            'to orders-before-upgrade-encrypted, encrypted with the KMS key alias/aws/rds',
          ),
          params: {
            step: 'copy',
            snapshotId: 'orders-before-upgrade',
            copyId: 'orders-before-upgrade-encrypted',
          },
        },
        {
          action: 'rds:DeleteDBSnapshot',
          description: expect.stringContaining('once the copy is available'),
          params: {
            step: 'deleteOriginal',
            snapshotId: 'orders-before-upgrade',
            copyId: 'orders-before-upgrade-encrypted',
          },
        },
      ],
      removesResource: true,
      actionsRequired: expect.stringContaining('cannot be shared'),
    });
  });

  it('deletes only the original when its copy from an earlier run is available (a rerun never collides with the copy)', () => {
    expect(rds_4.plan(state({ copy: copy() }), context)).toMatchObject({
      kind: 'changes',
      changes: [{ action: 'rds:DeleteDBSnapshot', description: expect.stringContaining('is available') }],
      removesResource: true,
    });
  });

  it('refuses an automated snapshot with a ticket instead of suppressing it (the original cut the rds: prefix and suppressed)', () => {
    expect(
      rds_4.plan(state({ snapshotId: 'rds:orders-db-2026-12-01-03-10', snapshotType: 'automated' }), context),
    ).toEqual({
      kind: 'refuse',
      reason: expect.stringContaining('rds:orders-db-2026-12-01-03-10 is an automated snapshot'),
    });
  });

  it('is destructive and irreversible, so production environments get a ticket unless configured', () => {
    expect({
      destructive: rds_4.destructive,
      reversible: rds_4.reversible,
      rollback: rds_4.rollback,
    }).toEqual({
      destructive: true,
      reversible: false,
      rollback: undefined,
    });
  });

  it('keeps the prefix in the session policy and names the snapshot and its copy only', () => {
    const automated = unitContext({
      controlId: 'RDS.4',
      resource: {
        Type: 'AwsRdsDbSnapshot',
        Id: `arn:aws-us-gov:rds:us-gov-west-1:${ACCOUNT}:snapshot:rds:orders-db-2026-12-01-03-10`,
        Region: 'us-gov-west-1',
      },
      accountId: ACCOUNT,
      region: 'us-gov-west-1',
      now: new Date('2026-12-01T00:00:00Z'),
      firstObservedAt: undefined,
    });
    expect(rds_4.permissions({ ...automated, partition: 'aws-us-gov' })).toContainEqual({
      actions: ['rds:DescribeDBSnapshots', 'rds:CopyDBSnapshot'],
      resources: [
        `arn:aws-us-gov:rds:us-gov-west-1:${ACCOUNT}:snapshot:rds:orders-db-2026-12-01-03-10`,
        `arn:aws-us-gov:rds:us-gov-west-1:${ACCOUNT}:snapshot:rds:orders-db-2026-12-01-03-10-encrypted`,
      ],
    });
  });

  it('rejects resource ids of another shape, naming the id', () => {
    const control = registerControl(rds_4);
    const bad = { ...context, resource: { ...context.resource, Id: 'orders-before-upgrade' } };
    expect(() => control.permissions(bad)).toThrow('orders-before-upgrade is not of the shape');
  });
});

describe('Control: RDS.4 read and apply (aws-sdk-client-mock)', () => {
  const rds = mockClient(RDSClient);
  beforeEach(() => rds.reset());
  afterAll(() => rds.restore());

  const snapshot = {
    DBSnapshotIdentifier: 'orders-before-upgrade',
    DBSnapshotArn: ARN,
    DBInstanceIdentifier: 'orders-db',
    SnapshotType: 'manual',
    Status: 'available',
    Encrypted: false,
  };

  it('reads who the snapshot is shared with and the copy of an earlier run', async () => {
    // Arrange
    rds
      .on(DescribeDBSnapshotsCommand, { DBSnapshotIdentifier: 'orders-before-upgrade' })
      .resolves({ DBSnapshots: [snapshot] });
    rds.on(DescribeDBSnapshotsCommand, { DBSnapshotIdentifier: 'orders-before-upgrade-encrypted' }).resolves({
      DBSnapshots: [
        {
          DBSnapshotIdentifier: 'orders-before-upgrade-encrypted',
          DBInstanceIdentifier: 'orders-db',
          SourceDBSnapshotIdentifier: ARN,
          Status: 'creating',
          Encrypted: true,
        },
      ],
    });
    rds.on(DescribeDBSnapshotAttributesCommand).resolves({
      DBSnapshotAttributesResult: {
        DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['444455556666'] }],
      },
    });

    // Act
    const read = await rds_4.read(context);

    // Assert
    expect(read).toEqual({
      kind: 'found',
      state: state({ sharedWith: ['444455556666'], copy: copy({ status: 'creating' }) }),
    });
  });

  it('finds a deleted snapshot by the describe call itself, with the SDK error (no waiter that fails first)', async () => {
    rds
      .on(DescribeDBSnapshotsCommand)
      .rejects(new DBSnapshotNotFoundFault({ message: 'not found', $metadata: {} }));
    expect(await rds_4.read(context)).toEqual({
      kind: 'gone',
      reason: 'The snapshot orders-before-upgrade no longer exists.',
    });
  });

  it('copies, and leaves the original while the copy is being made (the check after the change defers)', async () => {
    // Arrange
    const plan = rds_4.plan(state(), context);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'orders-before-upgrade-encrypted', Status: 'creating', Encrypted: true },
      ],
    });

    // Act
    await rds_4.apply(plan.changes, context);

    // Assert
    expect(rds.commandCalls(CopyDBSnapshotCommand)[0]?.args[0].input).toEqual({
      SourceDBSnapshotIdentifier: 'orders-before-upgrade',
      TargetDBSnapshotIdentifier: 'orders-before-upgrade-encrypted',
      KmsKeyId: 'alias/aws/rds',
      CopyTags: true,
    });
    expect(rds.commandCalls(DeleteDBSnapshotCommand)).toHaveLength(0);
    expect(rds_4.plan(state({ copy: copy({ status: 'creating' }) }), context)).toMatchObject({
      kind: 'defer',
      reason: expect.stringContaining(
        'SOAR deletes the unencrypted orders-before-upgrade once the copy is available',
      ),
    });
  });

  it('deletes the original once the copy is available and encrypted, and takes a copy made meanwhile as the copy', async () => {
    // Arrange
    const plan = rds_4.plan(state(), context);
    if (plan.kind !== 'changes') throw new Error('expected changes');
    rds
      .on(CopyDBSnapshotCommand)
      .rejects(Object.assign(new Error('exists'), { name: 'DBSnapshotAlreadyExistsFault' }));
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'orders-before-upgrade-encrypted', Status: 'available', Encrypted: true },
      ],
    });

    // Act
    await rds_4.apply(plan.changes, context);

    // Assert
    expect(rds.commandCalls(DeleteDBSnapshotCommand)[0]?.args[0].input).toEqual({
      DBSnapshotIdentifier: 'orders-before-upgrade',
    });
  });
});
