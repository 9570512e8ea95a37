import fc from 'fast-check';
import {
  REMEDIATION_OUTCOMES,
  remediationOutcome,
  strongestOutcome,
  type RemediationOutcome,
} from './outcome';

describe('Function: remediationOutcome', () => {
  // Every combination of the three flags: reconsider later > suppress > not done > success.
  it.each([
    [false, false, false, 'success'],
    [false, false, true, 'not_done'],
    [false, true, false, 'suppress'],
    [false, true, true, 'suppress'],
    [true, false, false, 'reconsider_later'],
    [true, false, true, 'reconsider_later'],
    [true, true, false, 'reconsider_later'],
    [true, true, true, 'reconsider_later'],
  ] as const)(
    'reconsider_later=%s suppress_finding=%s autoremediation_not_done=%s -> %s',
    (reconsider_later, suppress_finding, autoremediation_not_done, expected) => {
      expect(remediationOutcome({ reconsider_later, suppress_finding, autoremediation_not_done })).toBe(
        expected,
      );
    },
  );
});

describe('Function: strongestOutcome', () => {
  it('returns the outcome that takes precedence', () => {
    expect(strongestOutcome(['success', 'not_done', 'suppress', 'not_done'])).toBe('suppress');
    expect(strongestOutcome(['success', 'reconsider_later', 'suppress'])).toBe('reconsider_later');
    expect(strongestOutcome(['success', 'success'])).toBe('success');
  });

  it('is success for no outcomes', () => {
    expect(strongestOutcome([])).toBe('success');
  });

  it('agrees with remediationOutcome over the merged flags', () => {
    const flags = fc.record({
      reconsider_later: fc.boolean(),
      suppress_finding: fc.boolean(),
      autoremediation_not_done: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(flags, { maxLength: 6 }), (all) => {
        const merged = {
          reconsider_later: all.some((a) => a.reconsider_later),
          suppress_finding: all.some((a) => a.suppress_finding),
          autoremediation_not_done: all.some((a) => a.autoremediation_not_done),
        };
        expect(strongestOutcome(all.map(remediationOutcome))).toBe(remediationOutcome(merged));
      }),
    );
  });

  it('lists the outcomes in precedence order', () => {
    expect(REMEDIATION_OUTCOMES).toEqual<RemediationOutcome[]>([
      'reconsider_later',
      'suppress',
      'not_done',
      'success',
    ]);
  });
});
