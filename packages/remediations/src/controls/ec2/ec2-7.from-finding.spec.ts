import { registerControl, type FindingResource } from '../../engine/control';
import { ACCOUNT, findingContext, REGION } from '../../../tests/finding-context';
import { ec2_7 } from './ec2-7';

const control = registerControl(ec2_7);
/** EC2.7 findings are about the account, which has no Details. */
const account: FindingResource = {
  Type: 'AwsAccount',
  Id: `AWS::::Account:${ACCOUNT}`,
  Partition: 'aws',
  Region: REGION,
};

describe('Control: EC2.7 fromFinding', () => {
  it('takes a failing verdict to mean encryption by default is off, and plans to turn it on', () => {
    // Act
    const derived = ec2_7.fromFinding?.(findingContext({ controlId: 'EC2.7', resource: account }));
    const evaluation = control.evaluateFromFinding(findingContext({ controlId: 'EC2.7', resource: account }));

    // Assert
    expect(derived).toEqual({ kind: 'found', state: { enabled: false } });
    expect(evaluation).toMatchObject({
      kind: 'found',
      plan: { kind: 'changes', changes: [{ action: 'ec2:EnableEbsEncryptionByDefault' }] },
      tags: {},
    });
  });

  it('is compliant for a passing finding', () => {
    expect(
      control.evaluateFromFinding(
        findingContext({ controlId: 'EC2.7', resource: account, status: 'PASSED' }),
      ),
    ).toMatchObject({ kind: 'found', plan: { kind: 'compliant' } });
  });

  it.each(['WARNING', 'NOT_AVAILABLE', 'none'] as const)(
    'is unknown for a finding with status %s',
    (status) => {
      expect(
        control.evaluateFromFinding(findingContext({ controlId: 'EC2.7', resource: account, status })),
      ).toMatchObject({
        kind: 'unknown',
        reason: expect.stringContaining('SOAR checks EBS encryption by default'),
      });
    },
  );
});
