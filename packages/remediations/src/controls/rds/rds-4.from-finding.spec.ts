import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { rds_4 } from './rds-4';

const control = registerControl(rds_4);

function snapshot(name: string, details?: Record<string, unknown>): FindingResource {
  return {
    Type: 'AwsRdsDbSnapshot',
    Id: `arn:aws:rds:${REGION}:${ACCOUNT}:snapshot:${name}`,
    Partition: 'aws',
    Region: REGION,
    ...(details === undefined ? {} : { Details: { AwsRdsDbSnapshot: details } }),
  };
}

describe('Control: RDS.4 fromFinding', () => {
  it('is compliant for an encrypted snapshot', () => {
    const resource = snapshot('orders', { SnapshotType: 'manual', Status: 'available', Encrypted: true });
    expect(
      control.evaluateFromFinding(findingContext({ controlId: 'RDS.4', resource, status: 'PASSED' })),
    ).toMatchObject({
      kind: 'found',
      plan: { kind: 'compliant' },
    });
  });

  it('plans a ticket for an automated snapshot, its rds: prefix kept', () => {
    const resource = snapshot('rds:orders-db-2026-12-01-03-10', {
      SnapshotType: 'automated',
      Status: 'available',
      Encrypted: false,
    });
    expect(control.evaluateFromFinding(findingContext({ controlId: 'RDS.4', resource }))).toMatchObject({
      kind: 'found',
      plan: {
        kind: 'refuse',
        reason: expect.stringContaining('rds:orders-db-2026-12-01-03-10 is an automated snapshot'),
      },
    });
  });

  it('plans a ticket for an unencrypted cluster snapshot', () => {
    const resource: FindingResource = {
      Type: 'AwsRdsDbClusterSnapshot',
      Id: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster-snapshot:orders-manual`,
      Region: REGION,
      Details: {
        AwsRdsDbClusterSnapshot: { SnapshotType: 'manual', Status: 'available', StorageEncrypted: false },
      },
    };
    expect(control.evaluateFromFinding(findingContext({ controlId: 'RDS.4', resource }))).toMatchObject({
      kind: 'found',
      plan: {
        kind: 'refuse',
        reason: expect.stringContaining('cannot encrypt a cluster snapshot by copying it'),
      },
    });
  });

  it('is unknown for an unencrypted manual snapshot (only the live one tells sharing and an earlier copy) and without details', () => {
    const manual = snapshot('orders', { SnapshotType: 'manual', Status: 'available', Encrypted: false });
    expect(rds_4.fromFinding?.(findingContext({ controlId: 'RDS.4', resource: manual })).kind).toBe(
      'unknown',
    );
    expect(
      rds_4.fromFinding?.(findingContext({ controlId: 'RDS.4', resource: snapshot('orders') })).kind,
    ).toBe('unknown');
  });
});
