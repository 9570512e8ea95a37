import fc from 'fast-check';

import {
  desiredEnabledControls,
  diffEnabledControls,
  enabledControlItem,
  enabledControlKey,
  enabledControlRowId,
} from './enabled-controls';

const FSBP = 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS = 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0';

describe('Function: desiredEnabledControls', () => {
  it('counts a control enabled when only its second association is ENABLED', () => {
    // Arrange
    const associations = [
      { SecurityControlId: 'IAM.1', StandardsArn: CIS, AssociationStatus: 'DISABLED' },
      { SecurityControlId: 'IAM.1', StandardsArn: FSBP, AssociationStatus: 'ENABLED' },
    ];

    // Act
    const enabled = desiredEnabledControls(associations);

    // Assert
    expect(enabled).toEqual(new Set(['IAM.1']));
  });

  it('leaves out controls disabled in every standard and associations without a control id', () => {
    const enabled = desiredEnabledControls([
      { SecurityControlId: 'EC2.2', StandardsArn: FSBP, AssociationStatus: 'DISABLED' },
      { SecurityControlId: 'EC2.2', StandardsArn: CIS, AssociationStatus: 'DISABLED' },
      { StandardsArn: FSBP, AssociationStatus: 'ENABLED' },
    ]);
    expect(enabled.size).toBe(0);
  });

  it('does not depend on the order of the associations', () => {
    const association = fc.record({
      SecurityControlId: fc.constantFrom('EC2.2', 'S3.8', 'IAM.1'),
      StandardsArn: fc.constantFrom(FSBP, CIS),
      AssociationStatus: fc.constantFrom('ENABLED', 'DISABLED'),
    });
    fc.assert(
      fc.property(fc.array(association), (associations) => {
        expect(desiredEnabledControls([...associations].reverse())).toEqual(
          desiredEnabledControls(associations),
        );
      }),
    );
  });
});

describe('Function: diffEnabledControls', () => {
  it('puts new controls, deletes stale rows and counts the rest as unchanged', () => {
    expect(
      diffEnabledControls(new Set(['EC2.2', 'S3.8', 'CloudTrail.1']), new Set(['S3.8', 'IAM.1', 'EC2.2'])),
    ).toEqual({
      put: ['IAM.1'],
      delete: ['CloudTrail.1'],
      unchanged: 2,
    });
  });

  it('writes nothing when the rows are right already', () => {
    expect(diffEnabledControls(new Set(['A', 'B']), new Set(['B', 'A']))).toEqual({
      put: [],
      delete: [],
      unchanged: 2,
    });
  });

  it('always leads to the desired set', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string()), fc.uniqueArray(fc.string()), (current, desired) => {
        const diff = diffEnabledControls(new Set(current), new Set(desired));
        const after = new Set(current.filter((id) => !diff.delete.includes(id)).concat(diff.put));
        expect(after).toEqual(new Set(desired));
        expect(diff.put.length + diff.delete.length + diff.unchanged).toBe(
          new Set([...current, ...desired]).size,
        );
      }),
    );
  });
});

describe('Function: enabledControlKey', () => {
  it('keys rows by <account>#<control>, the key the triage gate reads', () => {
    expect(enabledControlKey('111122223333', 'EC2.2')).toEqual({ id: { S: '111122223333#EC2.2' } });
    expect(enabledControlRowId('111122223333', 'EC2.2')).toBe('111122223333#EC2.2');
  });

  it('stores the account and control as attributes for the account index', () => {
    expect(enabledControlItem('111122223333', 'EC2.2')).toEqual({
      id: { S: '111122223333#EC2.2' },
      account_id: { S: '111122223333' },
      control_id: { S: 'EC2.2' },
    });
  });
});
