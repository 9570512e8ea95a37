import { type AlarmNameRules, alarmNameSegments, classifyAlarmName } from './naming';

const RULES: AlarmNameRules = {
  defaultSeverity: 'MEDIUM',
  defaultDomain: 'APP',
  suppress: { firstSegments: ['CIS'], names: [] },
};

describe('Function: classifyAlarmName', () => {
  // name, severity (source), domain (source), suppressed by
  const cases: [string, string, string, string | undefined][] = [
    // The convention, every severity and both domains
    ['INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH', 'HIGH (name)', 'INFRA (name)', undefined],
    ['INFRA-Service-INFORMATIONAL', 'INFORMATIONAL (name)', 'INFRA (name)', undefined],
    ['APP-Component-LOW', 'LOW (name)', 'APP (name)', undefined],
    ['INFRA-Database-MEDIUM', 'MEDIUM (name)', 'INFRA (name)', undefined],
    ['APP-Checkout-ErrorRate-CRITICAL', 'CRITICAL (name)', 'APP (name)', undefined],
    // Case: whole segments compared ASCII case-insensitively
    ['infra-foo-high', 'HIGH (name)', 'INFRA (name)', undefined],
    ['Infra-Foo-High', 'HIGH (name)', 'INFRA (name)', undefined],
    ['app-checkout-critical', 'CRITICAL (name)', 'APP (name)', undefined],
    ['ınfra-foo-hıgh', 'MEDIUM (default)', 'APP (default)', undefined], // dotless ı is not ASCII i
    // Segments, not substrings (the original's substring bug)
    ['APP-INFRAstructure-HIGH', 'HIGH (name)', 'APP (name)', undefined],
    ['myinfra-HIGH', 'HIGH (name)', 'APP (default)', undefined],
    ['FLOW-HIGH', 'HIGH (name)', 'APP (default)', undefined],
    ['Foo_HIGH', 'MEDIUM (default)', 'APP (default)', undefined],
    ['INFRA-HIGHLY-Available', 'MEDIUM (default)', 'INFRA (name)', undefined],
    // Position: severity is the last severity segment, domain the first domain segment
    ['CRITICAL-SystemFailure', 'CRITICAL (name)', 'APP (default)', undefined],
    ['Service-HIGH-Alert', 'HIGH (name)', 'APP (default)', undefined],
    ['X-LOW-HIGH', 'HIGH (name)', 'APP (default)', undefined],
    ['APP-Low-Latency-Api-MEDIUM', 'MEDIUM (name)', 'APP (name)', undefined],
    ['Payments-INFRA-HIGH', 'HIGH (name)', 'INFRA (name)', undefined],
    ['APP-INFRA-HIGH', 'HIGH (name)', 'APP (name)', undefined],
    // Blanks around dashes and empty segments
    ['APP - Checkout -- HIGH', 'HIGH (name)', 'APP (name)', undefined],
    // Neither domain nor severity: both defaults (a finding all the same, with warnings)
    ['ServerCpuTooHigh', 'MEDIUM (default)', 'APP (default)', undefined],
    // CIS: a first segment, not a substring
    ['CIS-3.1-UnauthorizedAPICalls', 'MEDIUM (default)', 'APP (default)', 'first segment "CIS"'],
    ['cis-root-account-usage-HIGH', 'HIGH (name)', 'APP (default)', 'first segment "CIS"'],
    ['INFRA-PRECIS-HIGH', 'HIGH (name)', 'INFRA (name)', undefined],
    ['INFRA-CIS-Monitoring-HIGH', 'HIGH (name)', 'INFRA (name)', undefined],
    ['CISCO-VPN-Down-HIGH', 'HIGH (name)', 'APP (default)', undefined],
  ];

  it.each(cases)('%s: severity %s, domain %s, suppressed by %s', (name, severity, domain, suppressedBy) => {
    // Act
    const result = classifyAlarmName(name, RULES);

    // Assert
    expect(`${result.severity} (${result.severitySource})`).toBe(severity);
    expect(`${result.domain} (${result.domainSource})`).toBe(domain);
    expect(result.suppressedBy).toBe(suppressedBy);
  });

  it('applies the configured defaults and suppression lists', () => {
    const rules: AlarmNameRules = {
      defaultSeverity: 'LOW',
      defaultDomain: 'INFRA',
      suppress: { firstSegments: ['cis', 'Legacy'], names: ['OldDiskAlarm'] },
    };
    expect(classifyAlarmName('ServerCpuTooHigh', rules)).toMatchObject({ severity: 'LOW', domain: 'INFRA' });
    expect(classifyAlarmName('CIS-1.1-Root', rules).suppressedBy).toBe('first segment "cis"');
    expect(classifyAlarmName('LEGACY-Disk-HIGH', rules).suppressedBy).toBe('first segment "Legacy"');
    expect(classifyAlarmName('OldDiskAlarm', rules).suppressedBy).toBe('name "OldDiskAlarm"');
    expect(classifyAlarmName('olddiskalarm', rules).suppressedBy).toBeUndefined(); // names are exact
    expect(
      classifyAlarmName('CIS-1.1-Root', { ...rules, suppress: { firstSegments: [], names: [] } }),
    ).not.toHaveProperty('suppressedBy');
  });
});

describe('Function: alarmNameSegments', () => {
  it('splits on dashes, trims and drops empty segments', () => {
    expect(alarmNameSegments(' INFRA -SOAR--HIGH- ')).toEqual(['INFRA', 'SOAR', 'HIGH']);
    expect(alarmNameSegments('---')).toEqual([]);
  });
});
