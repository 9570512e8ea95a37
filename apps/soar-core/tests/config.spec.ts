/**
 * The app configuration refuses every key it does not know, at every level, naming its full path and
 * the key that was probably meant: a typo in a loose object would be dropped and its field would
 * silently take the default (for the organization, no organization condition at all).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nonStrictObjects } from '@soar/testing';
import { loadAppConfigFile, parseAppConfig, SoarAppConfigSchema, SoarConfigError } from '../src/config';

const ORG = 'o-abcdefghij';

/** The lines of the error a parse throws (the first names the source). */
function errorLines(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(SoarConfigError);
    return (error as SoarConfigError).message.split('\n').map((line) => line.trim());
  }
  throw new Error('expected the configuration to be refused');
}

describe('Function: loadAppConfigFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses the British spelling organisationId, naming organizationId', () => {
    // Arrange
    const file = path.join(dir, 'soar.config.yaml');
    fs.writeFileSync(file, `organisationId: ${ORG}\nemail:\n  from: soar@example.com\n`);

    // Act
    const load = () => loadAppConfigFile(file);

    // Assert
    expect(load).toThrow(SoarConfigError);
    expect(load).toThrow(
      `${file}: invalid SOAR configuration:\n  organisationId: unknown key; did you mean "organizationId"?`,
    );
  });
});

describe('Function: parseAppConfig', () => {
  it('leaves no object in the schema that would drop an unknown key', () => {
    expect(nonStrictObjects(SoarAppConfigSchema)).toEqual([]);
  });

  it.each([
    [
      'one level down',
      { email: { form: 'soar@example.com' } },
      'email.form: unknown key; did you mean "from"?',
    ],
    [
      'in the remediation settings',
      { remediation: { enabeld: ['EC2.2'] } },
      'remediation.enabeld: unknown key; did you mean "enabled"?',
    ],
    [
      'two levels down',
      { remediation: { optOutTag: { kay: 'soar:skip', values: ['yes'] } } },
      'remediation.optOutTag.kay: unknown key; did you mean "key"?',
    ],
    [
      'in a list',
      { remediation: { ticketOnly: [{ controlId: 'EC2.4', enviroments: ['PROD'] }] } },
      'remediation.ticketOnly.0.enviroments: unknown key; did you mean "environments"?',
    ],
    [
      'in the decision switches of @soar/triage',
      { decide: { deferTeamFix: true } },
      'decide.deferTeamFix: unknown key; did you mean "deferTeamFixes"?',
    ],
    [
      'in the account tag keys of @soar/accounts',
      { accounts: { tagKeys: { enviroment: 'env' } } },
      'accounts.tagKeys.enviroment: unknown key; did you mean "environment"?',
    ],
    [
      'in the ticket system of @soar/ticket-systems',
      { ticketing: { system: 'jira', secretID: 'soar/jira' } },
      'ticketing.secretID: unknown key; did you mean "secretId"?',
    ],
    [
      'in the routing of @soar/tickets',
      { routing: { socProjet: 'SECOPS' } },
      'routing.socProjet: unknown key; did you mean "socProject"?',
    ],
    [
      'in the service levels of @soar/tickets',
      { sla: { escalation: { ccs: ['ciso@example.com'] } } },
      'sla.escalation.ccs: unknown key; did you mean "cc"?',
    ],
  ])('refuses a typo %s, naming its path and the key meant', (_where, input, line) => {
    const lines = errorLines(() => parseAppConfig({ organizationId: ORG, ...input }, 'soar.config.yaml'));

    expect(lines[0]).toBe('soar.config.yaml: invalid SOAR configuration:');
    expect(lines).toContain(line);
  });

  it('refuses the fields the stack sets itself in the account settings', () => {
    expect(() => parseAppConfig({ organizationId: ORG, accounts: { tableName: 'my-cache' } })).toThrow(
      /accounts\.tableName: unknown key; valid keys: cacheTtlJitter, /,
    );
  });

  it('accepts a configuration that uses every section', () => {
    const config = parseAppConfig({
      organizationId: ORG,
      email: { from: 'soar@example.com', cc: ['soc@example.com'], send: true },
      ticketing: { system: 'jira', secretId: 'soar/jira', finalTransitions: ['Done'] },
      decide: { deferTeamFixes: true, environments: { prod: ['PROD', 'LIVE'] } },
      accounts: { tagKeys: { environment: 'env' }, minAgeHours: 48 },
      routing: { socProject: 'SECOPS' },
      sla: { allowedHours: { CRITICAL: 2 }, escalation: { cc: ['ciso@example.com'] } },
      remediation: {
        enabled: ['EC2.2'],
        ticketOnly: [{ controlId: 'EC2.4', environments: ['PROD'] }],
        optOutTag: { key: 'soar:skip', values: ['yes'], action: 'ticket' },
      },
    });

    expect(config.email.send).toBe(true);
    expect(config.remediation.optOutTag).toEqual({ key: 'soar:skip', values: ['yes'], action: 'ticket' });
  });
});

describe('Field: schedules.syncControls', () => {
  it('runs hourly by default and takes rate and cron expressions', () => {
    expect(parseAppConfig({ organizationId: ORG }).schedules.syncControls).toBe('rate(1 hour)');
    for (const schedule of [
      'rate(30 minutes)',
      'rate(1 day)',
      'cron(0 */3 * * ? *)',
      'cron(15 2 ? * MON-FRI *)',
    ])
      expect(
        parseAppConfig({ organizationId: ORG, schedules: { syncControls: schedule } }).schedules.syncControls,
      ).toBe(schedule);
  });

  it.each([
    ['rate(1 hours)', 'is not a schedule'],
    ['rate(0 minutes)', 'is not a schedule'],
    ['hourly', 'is not a schedule'],
    ['cron(0 * * * *)', 'is not a schedule'],
    ['cron(0 * * * * *)', 'one of day-of-month and day-of-week must be ?'],
  ])('refuses %s, naming the field', (schedule, message) => {
    const lines = errorLines(() =>
      parseAppConfig({ organizationId: ORG, schedules: { syncControls: schedule } }),
    );
    expect(lines.some((line) => line.startsWith('schedules.syncControls') && line.includes(message))).toBe(
      true,
    );
  });
});
