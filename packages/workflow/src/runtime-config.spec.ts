import { nonStrictObjects } from '@soar/testing';
import {
  isTicketOnly,
  parseRuntimeConfig,
  RuntimeConfigSchema,
  runtimeConfigFromEnv,
} from './runtime-config';
import { WorkflowConfigError } from './errors';

const TABLES = {
  tickets: 'soar-tickets',
  enabledControls: 'soar-enabled-controls',
  controlSuppressions: 'soar-control-suppressions',
  remediableControls: 'soar-remediable-controls',
  remediationExclusions: 'soar-remediation-exclusions',
  accounts: 'soar-accounts',
  failures: 'soar-failures',
  watermarks: 'soar-watermarks',
};

describe('Function: runtimeConfigFromEnv', () => {
  it('reads SOAR_CONFIG with every default filled in', () => {
    const config = runtimeConfigFromEnv({
      SOAR_CONFIG: JSON.stringify({ tables: TABLES, email: { from: 'soar@example.com' } }),
    });

    expect(config.tables).toEqual(TABLES);
    expect(config.ticketing).toEqual({ system: 'internal' });
    expect(config.decide.soarEnabled).toBe(true);
    expect(config.memberRoleName).toBe('AWSControlTowerExecution');
    expect(config.remediation.optOutTag.key).toBe('soar:auto-remediation');
  });

  it('says the variable is missing', () => {
    expect(() => runtimeConfigFromEnv({})).toThrow(/SOAR_CONFIG is not set/);
  });

  it('says the variable is not JSON', () => {
    expect(() => runtimeConfigFromEnv({ SOAR_CONFIG: '{tables:' })).toThrow(/SOAR_CONFIG is not valid JSON/);
  });

  it('names every invalid field', () => {
    const attempt = () =>
      parseRuntimeConfig(
        { tables: { ...TABLES, tickets: 'x' }, email: {}, ticketing: { system: 'jira' } },
        'SOAR_CONFIG',
      );

    expect(attempt).toThrow(WorkflowConfigError);
    expect(attempt).toThrow(/SOAR_CONFIG\.tables\.tickets/);
    expect(attempt).toThrow(/SOAR_CONFIG\.email\.from/);
    expect(attempt).toThrow(/SOAR_CONFIG\.ticketing\.secretId/);
  });

  it('leaves no object in the schema that would drop an unknown key', () => {
    expect(nonStrictObjects(RuntimeConfigSchema)).toEqual([]);
  });

  it.each([
    ['at the top', { emial: {} }, 'SOAR_CONFIG.emial: unknown key; did you mean "email"?'],
    [
      'in the tables',
      { tables: { ...TABLES, failure: 'soar-failures-2' } },
      'SOAR_CONFIG.tables.failure: unknown key; did you mean "failures"?',
    ],
    [
      'in the opt-out tag',
      { remediation: { optOutTag: { key: 'soar:skip', vaules: ['yes'] } } },
      'SOAR_CONFIG.remediation.optOutTag.vaules: unknown key; did you mean "values"?',
    ],
    [
      'in the ticket system',
      { ticketing: { system: 'servicenow', secretId: 'soar/snow', tabel: 'incident' } },
      'SOAR_CONFIG.ticketing.tabel: unknown key; did you mean "table"?',
    ],
  ])('names an unknown key %s, its path and the key meant', (_where, change, line) => {
    const env = {
      SOAR_CONFIG: JSON.stringify({ tables: TABLES, email: { from: 'soar@example.com' }, ...change }),
    };

    expect(() => runtimeConfigFromEnv(env)).toThrow(WorkflowConfigError);
    expect(() => runtimeConfigFromEnv(env)).toThrow(line);
  });

  it('refuses two gate tables with the same name', () => {
    expect(() =>
      parseRuntimeConfig({
        tables: { ...TABLES, enabledControls: 'soar-tickets' },
        email: { from: 'a@b.c' },
      }),
    ).toThrow(/every table needs its own name/);
  });
});

describe('Function: isTicketOnly', () => {
  const rules = [
    { controlId: 'EC2.4', environments: ['PROD'] },
    { controlId: '*', environments: ['Staging'] },
  ];

  it.each([
    ['EC2.4 in prod', { controlId: 'EC2.4', destructive: true }, 'prod', true],
    ['EC2.4 in dev', { controlId: 'EC2.4', destructive: true }, 'DEV', false],
    ['any destructive control in staging', { controlId: 'EC2.22', destructive: true }, 'STAGING', true],
    ['a non-destructive control in staging', { controlId: 'EC2.2', destructive: false }, 'STAGING', false],
    ['an account without environment', { controlId: 'EC2.4', destructive: true }, undefined, false],
  ])('%s: %s', (_label, control, environment, expected) => {
    expect(isTicketOnly(rules, control, environment)).toBe(expected);
  });

  it('matches accounts without an environment only with "*"', () => {
    expect(
      isTicketOnly(
        [{ controlId: 'EC2.4', environments: ['*'] }],
        { controlId: 'EC2.4', destructive: true },
        undefined,
      ),
    ).toBe(true);
  });
});

describe('Schema: channels of SOAR_CONFIG', () => {
  it('is off by default', () => {
    expect(parseRuntimeConfig({ tables: TABLES, email: { from: 'soar@example.com' } }).channels).toEqual({});
  });

  it('needs the secret of every channel it names, and refuses unknown keys with the closest one', () => {
    expect(() =>
      parseRuntimeConfig({ tables: TABLES, email: { from: 'soar@example.com' }, channels: { slack: {} } }),
    ).toThrow(/channels\.slack\.secretId: is required: the secret with the slack credentials/);
    expect(() =>
      parseRuntimeConfig({
        tables: TABLES,
        email: { from: 'soar@example.com' },
        channels: { slack: { secretId: 'soar/slack', webhookUrl: 'https://hooks.slack.com/services/x' } },
      }),
    ).toThrow(/channels\.slack.*webhookUrl/);
    expect(() =>
      parseRuntimeConfig({
        tables: TABLES,
        email: { from: 'soar@example.com' },
        channels: { teams: { secretId: 'soar/teams', when: { team: ['payments'] } } },
      }),
    ).toThrow(/channels\.teams\.when.*"teams"/);
  });
});
