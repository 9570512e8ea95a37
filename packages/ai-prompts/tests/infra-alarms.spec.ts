/**
 * The INFRA alarm reference: one entry per alarm this project creates, each name by the convention
 * alarms-to-sechub reads (`INFRA-<system>-…-<SEVERITY>`). The soar-core app compares the names with
 * its synthesized template.
 */
import { findInfraAlarm, infraAlarmReference } from '../src';

describe('Data: infraAlarmReference', () => {
  const reference = infraAlarmReference();

  it('has unique names, each ending with its severity, with a meaning and first steps', () => {
    const names = reference.map((alarm) => alarm.alarmName);
    expect(new Set(names).size).toBe(names.length);
    for (const alarm of reference) {
      expect(alarm.alarmName).toMatch(
        /^INFRA-(SOAR|Alarms-To-SecHub)-[A-Za-z0-9-]+-(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL)$/,
      );
      expect(alarm.alarmName.endsWith(`-${alarm.severity}`)).toBe(true);
      expect(alarm.meaning).not.toBe('');
      expect(alarm.firstSteps.length).toBeGreaterThan(0);
    }
  });

  it('lists the alarms of the synthesized stacks', () => {
    expect(reference.map((alarm) => alarm.alarmName).sort()).toMatchSnapshot();
  });

  it('finds an entry by its exact name only', () => {
    expect(findInfraAlarm('INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH')?.severity).toBe('HIGH');
    expect(findInfraAlarm('INFRA-SOAR-ASFF-Processor-SM-Failure-MEDIUM')).toBeUndefined();
    expect(findInfraAlarm('INFRA-LifecycleEventFunction-MEDIUM')).toBeUndefined();
  });
});
