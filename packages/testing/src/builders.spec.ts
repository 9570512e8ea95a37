import {
  getControlId,
  safeParseAlarmStateChangeEvent,
  safeParseFinding,
  safeParseFindingsEvent,
} from '@soar/asff-schema';
import { isCompositeAlarmConfiguration } from '@soar/asff-schema/events';
import {
  aControlFinding,
  aCustomActionEvent,
  aFindingsImportedEvent,
  aGuardDutyFinding,
  anAlarmStateChangeEvent,
} from './builders';

describe('Builders', () => {
  it.each([
    ['a control finding', aControlFinding()],
    [
      'a passed S3.8 finding',
      aControlFinding({ controlId: 'S3.8', status: 'PASSED', workflowStatus: 'NOTIFIED' }),
    ],
    ['a GuardDuty finding', aGuardDutyFinding({ severity: 'HIGH' })],
  ])('builds %s that is valid ASFF', (_name, finding) => {
    const result = safeParseFinding(finding);

    expect(result.success ? 'valid' : result.error.message).toBe('valid');
  });

  it('builds control findings that carry their control id', () => {
    expect(getControlId(aControlFinding({ controlId: 'KMS.4' }))).toBe('KMS.4');
    expect(getControlId(aGuardDutyFinding())).toBeUndefined();
  });

  it('gives each finding its own id', () => {
    expect(aControlFinding().Id).not.toBe(aControlFinding().Id);
  });

  it.each([
    ['imported', aFindingsImportedEvent([aControlFinding(), aGuardDutyFinding()])],
    ['custom action', aCustomActionEvent()],
  ])('builds a valid %s event', (_name, event) => {
    const result = safeParseFindingsEvent(event);

    expect(result.success ? 'valid' : result.error.message).toBe('valid');
  });

  it.each(['metric', 'metric-math', 'composite'] as const)('builds a valid %s alarm event', (kind) => {
    const result = safeParseAlarmStateChangeEvent(anAlarmStateChangeEvent({ kind }));

    expect(result.success ? 'valid' : result.error.message).toBe('valid');
    if (result.success) {
      expect(isCompositeAlarmConfiguration(result.data.detail.configuration)).toBe(kind === 'composite');
    }
  });
});
