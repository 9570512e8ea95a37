import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { rds_6 } from './rds-6';

const control = registerControl(rds_6);

function instance(details?: Record<string, unknown>): FindingResource {
  return {
    Type: 'AwsRdsDbInstance',
    Id: `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsRdsDbInstance: details } }),
  };
}

const UNMONITORED = {
  DBInstanceIdentifier: 'orders-db',
  Engine: 'postgres',
  DbInstanceStatus: 'available',
  MonitoringInterval: 0,
};

describe('Control: RDS.6 fromFinding', () => {
  it('plans the role "if missing" and the monitoring for an unmonitored instance (only the live run knows the role)', () => {
    const evaluation = control.evaluateFromFinding(
      findingContext({ controlId: 'RDS.6', resource: instance(UNMONITORED) }),
    );
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: {
        kind: 'changes',
        changes: [
          { action: 'iam:CreateRole', description: expect.stringContaining('if it did not exist yet') },
          { action: 'iam:PutRolePolicy' },
          { action: 'rds:ModifyDBInstance' },
        ],
      },
    });
  });

  it('plans the Aurora instance itself', () => {
    const aurora = instance({ ...UNMONITORED, Engine: 'aurora-mysql', DBClusterIdentifier: 'orders' });
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'RDS.6', resource: aurora })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{}, {}, { action: 'rds:ModifyDBInstance' }] },
    });
  });

  it('is compliant for a monitored instance', () => {
    const resource = instance({ ...UNMONITORED, MonitoringInterval: 60 });
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'RDS.6', resource, status: 'PASSED' })),
    ).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it('is unknown without details, and for a Multi-AZ DB cluster member (the cluster holds the setting)', () => {
    expect(rds_6.fromFinding?.(findingContext({ controlId: 'RDS.6', resource: instance() })).kind).toBe(
      'unknown',
    );
    const member = instance({ ...UNMONITORED, DBClusterIdentifier: 'orders' });
    expect(rds_6.fromFinding?.(findingContext({ controlId: 'RDS.6', resource: member })).kind).toBe(
      'unknown',
    );
  });
});
