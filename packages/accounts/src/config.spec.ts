import {
  accountMetadataConfigFromEnv,
  AccountMetadataConfigSchema,
  parseAccountMetadataConfig,
} from './config';
import { AccountMetadataConfigError } from './errors';

describe('AccountMetadataConfigSchema', () => {
  it('documents its defaults: {} is a complete configuration', () => {
    expect(parseAccountMetadataConfig({})).toEqual({
      tagKeys: {
        teamEmail: 'soar:team:email',
        teamEmailApp: 'soar:team:email:app',
        client: 'soar:client',
        project: 'soar:project',
        team: 'soar:team',
        environment: 'soar:environment',
        jiraProjectKey: 'soar:jira:project-key',
        jiraProjectKeyApp: 'soar:jira:project-key:app',
        serviceNowProjectQueue: 'soar:service-now:project-queue',
        serviceNowProjectQueueApp: 'soar:service-now:project-queue:app',
      },
      defaultTeamEmail: '',
      ticketingSystem: 'JIRA',
      jiraDefaultProjectKey: 'XXX',
      serviceNowDefaultProjectQueue: 'XXX',
      minAgeHours: 24,
      tableName: 'cached-account-data',
      cacheTtlSeconds: 21_600,
      cacheTtlJitter: 0.1,
      memoryTtlSeconds: 300,
      maxMemoryEntries: 10_000,
      notFoundTtlSeconds: 300,
      serveStaleSeconds: 86_400,
    });
    expect(parseAccountMetadataConfig()).toEqual(AccountMetadataConfigSchema.parse({}));
  });

  it('keeps the default tag keys that are not overridden', () => {
    const config = parseAccountMetadataConfig({ tagKeys: { team: 'owner' } });
    expect(config.tagKeys.team).toBe('owner');
    expect(config.tagKeys.client).toBe('soar:client');
  });

  it.each<[string, unknown, string]>([
    ['negative minAgeHours', { minAgeHours: -1 }, 'minAgeHours'],
    ['unknown ticketing system', { ticketingSystem: 'ZENDESK' }, 'ticketingSystem'],
    ['empty tag key', { tagKeys: { teamEmail: '' } }, 'tagKeys.teamEmail'],
    ['typo in a field name', { minAgeHour: 3 }, 'minAgeHour'],
    ['typo in a tag key name', { tagKeys: { teamMail: 'x' } }, 'tagKeys.teamMail'],
    ['zero cache TTL', { cacheTtlSeconds: 0 }, 'cacheTtlSeconds'],
    ['bad table name', { tableName: 'a b' }, 'tableName'],
    ['jitter too large', { cacheTtlJitter: 0.9 }, 'cacheTtlJitter'],
  ])('rejects %s naming the field', (_name, input, field) => {
    let caught: unknown;
    try {
      parseAccountMetadataConfig(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AccountMetadataConfigError);
    const error = caught as AccountMetadataConfigError;
    expect(error.issues.map((issue) => issue.field)).toContain(field);
    expect(error.message).toContain(field);
  });
});

describe('accountMetadataConfigFromEnv', () => {
  it('reads the original environment variables', () => {
    const config = accountMetadataConfigFromEnv({
      ACCOUNT_TEAM_EMAIL_TAG: 'x:team-email',
      ACCOUNT_TEAM_EMAIL_TAG_APP: 'x:team-email-app',
      DEFAULT_TEAM_EMAIL: 'secops@example.com',
      CLIENT_TAG: 'x:client',
      PROJECT_TAG: 'x:project',
      TEAM_TAG: 'x:team',
      ENVIRONMENT_TAG: 'x:env',
      TICKETING_SYSTEM: 'ServiceNow',
      JIRA_PROJECT_KEY_TAG: 'x:jira',
      JIRA_PROJECT_KEY_TAG_APP: 'x:jira-app',
      JIRA_DEFAULT_PROJECT_KEY: 'SEC',
      SERVICE_NOW_PROJECT_QUEUE_TAG: 'x:snow',
      SERVICE_NOW_PROJECT_QUEUE_TAG_APP: 'x:snow-app',
      SERVICE_NOW_DEFAULT_PROJECT_QUEUE: 'secops',
      CACHED_ACCOUNT_DATA_TABLE_NAME: 'soar-cached-account-data',
      MIN_AGE_HOURS: '48',
      ACCOUNT_CACHE_TTL_SECONDS: '3600',
    });
    expect(config).toMatchObject({
      tagKeys: {
        teamEmail: 'x:team-email',
        teamEmailApp: 'x:team-email-app',
        client: 'x:client',
        project: 'x:project',
        team: 'x:team',
        environment: 'x:env',
        jiraProjectKey: 'x:jira',
        jiraProjectKeyApp: 'x:jira-app',
        serviceNowProjectQueue: 'x:snow',
        serviceNowProjectQueueApp: 'x:snow-app',
      },
      defaultTeamEmail: 'secops@example.com',
      ticketingSystem: 'SERVICE_NOW',
      jiraDefaultProjectKey: 'SEC',
      serviceNowDefaultProjectQueue: 'secops',
      tableName: 'soar-cached-account-data',
      minAgeHours: 48,
      cacheTtlSeconds: 3600,
    });
  });

  it('falls back to the defaults for unset or empty variables', () => {
    expect(accountMetadataConfigFromEnv({ MIN_AGE_HOURS: '', TEAM_TAG: '' })).toEqual(
      parseAccountMetadataConfig(),
    );
  });

  it.each([
    ['JIRA', 'JIRA'],
    ['jira', 'JIRA'],
    ['ServiceNow', 'SERVICE_NOW'],
    ['SERVICE_NOW', 'SERVICE_NOW'],
    ['None', 'NONE'],
  ])('accepts TICKETING_SYSTEM=%s', (value, expected) => {
    expect(accountMetadataConfigFromEnv({ TICKETING_SYSTEM: value }).ticketingSystem).toBe(expected);
  });

  it('names the field and the variable of a bad value', () => {
    expect(() => accountMetadataConfigFromEnv({ MIN_AGE_HOURS: 'abc' })).toThrow(
      /minAgeHours \(MIN_AGE_HOURS\)/,
    );
    expect(() => accountMetadataConfigFromEnv({ TICKETING_SYSTEM: 'Zendesk' })).toThrow(
      /ticketingSystem \(TICKETING_SYSTEM\)/,
    );
  });
});
