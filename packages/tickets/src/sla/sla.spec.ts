import fc from 'fast-check';
import {
  allowedHours,
  DEFAULT_SLA,
  dueAt,
  humanizeDuration,
  overdueStatus,
  reminderDue,
  reminderEscalation,
  SlaConfigSchema,
} from '.';

const OPENED = '2026-03-01T00:00:00.000Z';
const HOUR = 3_600_000;
const at = (millisAfterOpen: number): Date => new Date(Date.parse(OPENED) + millisAfterOpen);
const statusAfter = (severity: string, millis: number, sla = DEFAULT_SLA) =>
  overdueStatus({ openedAt: OPENED, dueAt: dueAt(OPENED, severity, sla) }, at(millis));

describe('Constant: DEFAULT_SLA', () => {
  it('is what the schema gives for an empty configuration', () => {
    expect(DEFAULT_SLA).toStrictEqual(SlaConfigSchema.parse({}));
  });
});

describe('Function: allowedHours', () => {
  it.each([
    ['CRITICAL', 4],
    ['HIGH', 8],
    ['MEDIUM', 336],
    ['LOW', 672],
    ['INFORMATIONAL', -1],
    [' high ', 8],
    ['critical', 4],
    ['SEVERE', 0],
    ['', 0],
  ])('gives %p %p hours by default', (severity, hours) => {
    expect(allowedHours(severity, DEFAULT_SLA)).toBe(hours);
  });

  it('takes configured hours and keeps the defaults of the labels left out', () => {
    const sla = SlaConfigSchema.parse({ allowedHours: { CRITICAL: 2, LOW: -1 } });
    expect(sla.allowedHours).toEqual({ CRITICAL: 2, HIGH: 8, MEDIUM: 336, LOW: -1, INFORMATIONAL: -1 });
  });

  it('rejects hours that are not numbers', () => {
    expect(SlaConfigSchema.safeParse({ allowedHours: { HIGH: '8' } }).success).toBe(false);
  });
});

describe('Function: dueAt', () => {
  it.each([
    ['CRITICAL', '2026-03-01T04:00:00.000Z'],
    ['HIGH', '2026-03-01T08:00:00.000Z'],
    ['MEDIUM', '2026-03-15T00:00:00.000Z'],
    ['LOW', '2026-03-29T00:00:00.000Z'],
    ['INFORMATIONAL', undefined],
    ['BOGUS', OPENED],
  ])('puts %p at %p', (severity, expected) => {
    expect(dueAt(OPENED, severity, DEFAULT_SLA)).toBe(expected);
  });

  it('accepts a Date and normalises to UTC ISO 8601', () => {
    expect(dueAt(new Date('2026-03-01T01:00:00+01:00'), 'CRITICAL', DEFAULT_SLA)).toBe(
      '2026-03-01T04:00:00.000Z',
    );
  });

  it('treats any negative configured value as never', () => {
    const sla = SlaConfigSchema.parse({ allowedHours: { HIGH: -5 } });
    expect(dueAt(OPENED, 'HIGH', sla)).toBeUndefined();
  });

  it('rejects an invalid opening date', () => {
    expect(() => dueAt('yesterday', 'HIGH', DEFAULT_SLA)).toThrow(/openedAt is not a valid date/);
  });
});

describe('Function: overdueStatus', () => {
  // Each row: severity, allowed hours. Overdue exactly when age > allowed.
  it.each([
    ['CRITICAL', 4],
    ['HIGH', 8],
    ['MEDIUM', 336],
    ['LOW', 672],
  ])('%p is not overdue at exactly %p hours and overdue one second later', (severity, hours) => {
    const onTheHour = statusAfter(severity, hours * HOUR);
    expect(onTheHour).toMatchObject({ overdue: false, overdueSeconds: 0, ageSeconds: hours * 3600 });

    const justAfter = statusAfter(severity, hours * HOUR + 1000);
    expect(justAfter).toMatchObject({ overdue: true, overdueSeconds: 1, ageSeconds: hours * 3600 + 1 });
    expect(justAfter.overdueText).toBe('overdue by less than an hour');

    const justBefore = statusAfter(severity, hours * HOUR - 1000);
    expect(justBefore.overdue).toBe(false);
  });

  it.each([
    ['INFORMATIONAL', DEFAULT_SLA],
    ['HIGH', SlaConfigSchema.parse({ allowedHours: { HIGH: -1 } })],
  ])('never makes %p overdue, even after ten years', (severity, sla) => {
    const status = statusAfter(severity, 10 * 365 * 24 * HOUR, sla);
    expect(status).toMatchObject({ overdue: false, overdueSeconds: 0, overdueText: 'no deadline' });
    expect(status.ageText).toBe('3650 days');
  });

  it('makes an unknown label overdue immediately', () => {
    expect(statusAfter('URGENT', 0).overdue).toBe(false);
    expect(statusAfter('URGENT', 1000)).toMatchObject({ overdue: true, overdueSeconds: 1 });
  });

  it('reports age, lateness and both texts', () => {
    expect(statusAfter('HIGH', (3 * 24 + 4) * HOUR + 59_000)).toEqual({
      overdue: true,
      ageSeconds: (3 * 24 + 4) * 3600 + 59,
      overdueSeconds: (2 * 24 + 20) * 3600 + 59,
      ageText: '3 days 4 hours',
      overdueText: 'overdue by 2 days 20 hours',
    });
    expect(statusAfter('HIGH', 3 * HOUR).overdueText).toBe('due in 5 hours');
  });

  it('gives age 0 when the clock is behind the opening time', () => {
    expect(statusAfter('HIGH', -HOUR)).toMatchObject({ ageSeconds: 0, overdue: false });
  });

  it('is overdue exactly when now is after the due date (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'OTHER'),
        fc.integer({ min: 0, max: 2000 * HOUR }),
        (severity, millis) => {
          const hours = allowedHours(severity, DEFAULT_SLA);
          const status = statusAfter(severity, millis);
          expect(status.overdue).toBe(hours >= 0 && millis > hours * HOUR);
          expect(status.overdueSeconds).toBe(status.overdue ? Math.floor((millis - hours * HOUR) / 1000) : 0);
        },
      ),
    );
  });
});

describe('Function: humanizeDuration', () => {
  it.each([
    [0, 'less than an hour'],
    [3599, 'less than an hour'],
    [3600, '1 hour'],
    [7200, '2 hours'],
    [86_400, '1 day'],
    [86_400 + 3600, '1 day 1 hour'],
    [3 * 86_400 + 4 * 3600 + 3599, '3 days 4 hours'],
    [-50, 'less than an hour'],
  ])('says %p seconds is %p', (seconds, text) => {
    expect(humanizeDuration(seconds)).toBe(text);
  });
});

describe('Function: reminderDue', () => {
  const NOW = new Date('2026-03-02T12:00:00.000Z');
  it.each([
    ['never reminded', undefined, undefined, true],
    ['reminded once, no repeat configured', '2026-03-01T00:00:00.000Z', undefined, false],
    ['reminded 36 h ago, repeat every 24 h', '2026-03-01T00:00:00.000Z', 24, true],
    ['reminded 24 h ago exactly, repeat every 24 h', '2026-03-01T12:00:00.000Z', 24, true],
    ['reminded 12 h ago, repeat every 24 h', '2026-03-02T00:00:00.000Z', 24, false],
    ['an unreadable reminder date, repeat every hour', 'yesterday', 1, false],
  ])('%s: %p', (_case, reminderSentAt, remindAgainAfterHours, expected) => {
    const sla = SlaConfigSchema.parse(remindAgainAfterHours === undefined ? {} : { remindAgainAfterHours });
    expect(reminderDue({ reminderSentAt }, NOW, sla)).toBe(expected);
  });

  it('rejects a repeat interval that is not positive', () => {
    expect(SlaConfigSchema.safeParse({ remindAgainAfterHours: 0 }).success).toBe(false);
  });
});

describe('Function: reminderEscalation', () => {
  const sla = SlaConfigSchema.parse({
    escalation: { severities: [' critical', 'HIGH '], cc: ['ciso@example.com', 'soc@example.com'] },
  });

  it.each([
    ['CRITICAL', true],
    ['high', true],
    ['MEDIUM', false],
    ['UNKNOWN', false],
  ])('escalates %p: %p', (severity, escalated) => {
    const result = reminderEscalation(severity, sla);
    expect(result.escalated).toBe(escalated);
    expect(result.cc).toEqual(escalated ? ['ciso@example.com', 'soc@example.com'] : []);
  });

  it('escalates every real severity but INFORMATIONAL by default, but only when a CC is configured', () => {
    expect(reminderEscalation('LOW', DEFAULT_SLA)).toEqual({ escalated: false, cc: [] });
    const withCc = SlaConfigSchema.parse({ escalation: { cc: ['ciso@example.com'] } });
    expect(
      ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map(
        (s) => reminderEscalation(s, withCc).escalated,
      ),
    ).toEqual([true, true, true, true, false]);
  });

  it('returns a fresh CC list each time, so a change to one cannot leak into the next reminder', () => {
    const first = reminderEscalation('CRITICAL', sla);
    (first.cc as string[]).push('intruder@example.com');
    expect(reminderEscalation('CRITICAL', sla).cc).toEqual(['ciso@example.com', 'soc@example.com']);
  });

  it('rejects unknown severities and invalid addresses in the configuration', () => {
    expect(SlaConfigSchema.safeParse({ escalation: { severities: ['SEVERE'] } }).success).toBe(false);
    expect(SlaConfigSchema.safeParse({ escalation: { cc: ['not an address'] } }).success).toBe(false);
  });
});
