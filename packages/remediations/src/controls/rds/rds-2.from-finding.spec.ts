import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { rds_2 } from './rds-2';

const control = registerControl(rds_2);

function instance(details?: Record<string, unknown>): FindingResource {
  return {
    Type: 'AwsRdsDbInstance',
    Id: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsRdsDbInstance: details } }),
  };
}

const PUBLIC = {
  DBInstanceIdentifier: 'orders-db',
  Engine: 'postgres',
  DbInstanceStatus: 'available',
  PubliclyAccessible: true,
};

describe('Control: RDS.2 fromFinding', () => {
  it('plans turning public access off for a public instance the finding describes', () => {
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'RDS.2', resource: instance(PUBLIC) })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{ action: 'rds:ModifyDBInstance' }] },
    });
  });

  it('is compliant for an instance without public access', () => {
    const resource = instance({ ...PUBLIC, PubliclyAccessible: false });
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'RDS.2', resource, status: 'PASSED' })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'compliant' },
    });
  });

  it('is unknown without details, and for a Multi-AZ DB cluster member (the cluster holds the setting)', () => {
    expect(rds_2.fromFinding?.(findingContext({ controlId: 'RDS.2', resource: instance() })).kind).toBe(
      'unknown',
    );
    const member = instance({ ...PUBLIC, DBClusterIdentifier: 'orders' });
    expect(rds_2.fromFinding?.(findingContext({ controlId: 'RDS.2', resource: member }))).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('DB cluster orders'),
    });
  });

  it('plans the Aurora member itself (each Aurora instance has its own public access)', () => {
    const member = instance({ ...PUBLIC, Engine: 'aurora-postgresql', DBClusterIdentifier: 'orders' });
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'RDS.2', resource: member })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{ action: 'rds:ModifyDBInstance' }] },
    });
  });
});
