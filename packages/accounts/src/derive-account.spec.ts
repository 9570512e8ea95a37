import { AccountSchema, type Account } from '@soar/scratchpad';
import fc from 'fast-check';

import { parseAccountMetadataConfig, type AccountMetadataConfigInput } from './config';
import { deriveAccount } from './derive-account';
import { InvalidAccountIdError } from './errors';
import { type OrganizationParent, type RawAccountRecord } from './raw-account';

const JOINED = '2024-03-01T12:00:00.000Z';
const HOUR = 3_600_000;
const joinedMs = Date.parse(JOINED);
const LATER = new Date(joinedMs + 1_000 * HOUR);

const ROOT: OrganizationParent = { type: 'ROOT', id: 'r-ab12', name: 'Root' };
const WORKLOADS: OrganizationParent = {
  type: 'ORGANIZATIONAL_UNIT',
  id: 'ou-ab12-11111111',
  name: 'Workloads',
};
const PROD: OrganizationParent = { type: 'ORGANIZATIONAL_UNIT', id: 'ou-ab12-22222222', name: 'Prod' };

function raw(overrides: Partial<RawAccountRecord> = {}): RawAccountRecord {
  return {
    account: {
      Id: '111122223333',
      Name: 'payments-prod',
      Email: 'root@example.com',
      JoinedTimestamp: JOINED,
    },
    tags: {},
    parents: [ROOT, WORKLOADS],
    ...overrides,
  };
}

function derive(
  overrides: Partial<RawAccountRecord> = {},
  config: AccountMetadataConfigInput = {},
  now: Date = LATER,
): Account {
  return deriveAccount(raw(overrides), parseAccountMetadataConfig(config), now);
}

describe('deriveAccount', () => {
  it('copies Id, Name and Email from DescribeAccount and produces a valid scratchpad Account', () => {
    const account = derive();
    expect(account).toMatchObject({ Id: '111122223333', Name: 'payments-prod', Email: 'root@example.com' });
    expect(AccountSchema.parse(account)).toEqual(account);
  });

  describe('TeamEmail / TeamEmailApp', () => {
    it.each<[string, Record<string, string>, AccountMetadataConfigInput, string, string]>([
      ['tag present', { 'soar:team:email': 'team@example.com' }, {}, 'team@example.com', 'team@example.com'],
      [
        'tag absent → defaultTeamEmail',
        {},
        { defaultTeamEmail: 'secops@example.com' },
        'secops@example.com',
        'secops@example.com',
      ],
      ['tag absent, default "" → account Email', {}, {}, 'root@example.com', 'root@example.com'],
      [
        'tag absent, default blank → account Email',
        {},
        { defaultTeamEmail: '  ' },
        'root@example.com',
        'root@example.com',
      ],
      [
        'tag blank counts as absent',
        { 'soar:team:email': ' ' },
        { defaultTeamEmail: 'secops@example.com' },
        'secops@example.com',
        'secops@example.com',
      ],
      [
        'app tag present',
        { 'soar:team:email': 'team@example.com', 'soar:team:email:app': 'devs@example.com' },
        {},
        'team@example.com',
        'devs@example.com',
      ],
      [
        'app tag empty → TeamEmail',
        { 'soar:team:email': 'team@example.com', 'soar:team:email:app': '' },
        {},
        'team@example.com',
        'team@example.com',
      ],
      [
        'app tag present, team tag absent',
        { 'soar:team:email:app': 'devs@example.com' },
        {},
        'root@example.com',
        'devs@example.com',
      ],
      [
        'values are trimmed',
        { 'soar:team:email': ' team@example.com ' },
        {},
        'team@example.com',
        'team@example.com',
      ],
      [
        'custom tag keys',
        {
          'x:mail': 'x@example.com',
          'x:mail:app': 'xa@example.com',
          'soar:team:email': 'ignored@example.com',
        },
        { tagKeys: { teamEmail: 'x:mail', teamEmailApp: 'x:mail:app' } },
        'x@example.com',
        'xa@example.com',
      ],
    ])('%s', (_name, tags, config, teamEmail, teamEmailApp) => {
      expect(derive({ tags }, config)).toMatchObject({ TeamEmail: teamEmail, TeamEmailApp: teamEmailApp });
    });
  });

  describe('OrganizationalUnit / OrganizationalUnitPath', () => {
    it.each<[string, OrganizationParent[], string, string[]]>([
      ['no parent → UNKNOWN_OU', [], 'UNKNOWN_OU', []],
      ['directly under the root → ROOT', [ROOT], 'ROOT', ['Root']],
      ['one OU below the root', [ROOT, WORKLOADS], 'Workloads', ['Root', 'Workloads']],
      [
        'nested OUs → immediate parent, full path',
        [ROOT, WORKLOADS, PROD],
        'Prod',
        ['Root', 'Workloads', 'Prod'],
      ],
    ])('%s', (_name, parents, ou, path) => {
      expect(derive({ parents })).toMatchObject({ OrganizationalUnit: ou, OrganizationalUnitPath: path });
    });
  });

  describe('Client / ProjectName / Team / Environment', () => {
    const fields = [
      ['Client', 'soar:client', 'acme'],
      ['ProjectName', 'soar:project', 'payments'],
      ['Team', 'soar:team', 'pay-team'],
      ['Environment', 'soar:environment', 'production'],
    ] as const;
    it.each(fields)('%s from tag %s when present', (field, key, value) => {
      expect(derive({ tags: { [key]: value } })[field]).toBe(value);
    });
    it.each(fields)('%s is Unspecified when tag %s is absent', (field) => {
      expect(derive({ tags: {} })[field]).toBe('Unspecified');
    });
    it.each(fields)('%s is Unspecified when tag %s is blank', (field, key) => {
      expect(derive({ tags: { [key]: '' } })[field]).toBe('Unspecified');
    });
    it('honours custom tag keys', () => {
      expect(
        derive(
          { tags: { cust: 'c', proj: 'p', tm: 't', env: 'e' } },
          {
            tagKeys: { client: 'cust', project: 'proj', team: 'tm', environment: 'env' },
          },
        ),
      ).toMatchObject({ Client: 'c', ProjectName: 'p', Team: 't', Environment: 'e' });
    });
  });

  describe('ProjectId / ProjectIdApp', () => {
    const allTags = {
      'soar:jira:project-key': 'PAY',
      'soar:jira:project-key:app': 'PAYAPP',
      'soar:service-now:project-queue': 'pay-queue',
      'soar:service-now:project-queue:app': 'pay-app-queue',
    };
    it.each<[string, AccountMetadataConfigInput, Record<string, string>, string, string]>([
      ['JIRA: both tags', { ticketingSystem: 'JIRA' }, allTags, 'PAY', 'PAYAPP'],
      [
        'JIRA: no app tag → ProjectId',
        { ticketingSystem: 'JIRA' },
        { 'soar:jira:project-key': 'PAY' },
        'PAY',
        'PAY',
      ],
      [
        'JIRA: no tags → default key',
        { ticketingSystem: 'JIRA', jiraDefaultProjectKey: 'SEC' },
        {},
        'SEC',
        'SEC',
      ],
      [
        'JIRA: only app tag',
        { ticketingSystem: 'JIRA', jiraDefaultProjectKey: 'SEC' },
        { 'soar:jira:project-key:app': 'PAYAPP' },
        'SEC',
        'PAYAPP',
      ],
      ['JIRA is the default ticketing system, XXX the default key', {}, {}, 'XXX', 'XXX'],
      ['SERVICE_NOW: both tags', { ticketingSystem: 'SERVICE_NOW' }, allTags, 'pay-queue', 'pay-app-queue'],
      [
        'SERVICE_NOW: no app tag → ProjectId',
        { ticketingSystem: 'SERVICE_NOW' },
        { 'soar:service-now:project-queue': 'pay-queue' },
        'pay-queue',
        'pay-queue',
      ],
      [
        'SERVICE_NOW: no tags → default queue',
        { ticketingSystem: 'SERVICE_NOW', serviceNowDefaultProjectQueue: 'secops' },
        { 'soar:jira:project-key': 'PAY' },
        'secops',
        'secops',
      ],
      [
        'NONE: Unspecified whatever the tags',
        { ticketingSystem: 'NONE' },
        allTags,
        'Unspecified',
        'Unspecified',
      ],
    ])('%s', (_name, config, tags, projectId, projectIdApp) => {
      expect(derive({ tags }, config)).toMatchObject({ ProjectId: projectId, ProjectIdApp: projectIdApp });
    });
  });

  describe('Tags', () => {
    it('returns every tag verbatim (no 100-tag cut, blanks kept)', () => {
      const tags = Object.fromEntries(
        Array.from({ length: 150 }, (_, i) => [`k${i}`, i === 7 ? '' : ` v${i}`]),
      );
      const account = derive({ tags });
      expect(account.Tags).toEqual(tags);
      expect(Object.keys(account.Tags)).toHaveLength(150);
    });
    it('does not read inherited properties as tags', () => {
      expect(derive({ tags: {} }, { tagKeys: { client: 'constructor' } }).Client).toBe('Unspecified');
    });
    it('does not share the tag object with the record', () => {
      const record = raw({ tags: { a: 'b' } });
      const account = deriveAccount(record, parseAccountMetadataConfig(), LATER);
      account.Tags['c'] = 'd';
      expect(record.tags).toEqual({ a: 'b' });
    });
  });

  describe('JoinedAt / AccountNew (exact threshold, injected clock)', () => {
    it.each<[string, number, number, boolean]>([
      ['1 ms old', 24, 1, true],
      ['1 ms before the threshold', 24, 24 * HOUR - 1, true],
      ['exactly at the threshold → not new', 24, 24 * HOUR, false],
      ['1 ms after the threshold', 24, 24 * HOUR + 1, false],
      ['custom minAgeHours 48, 30 h old', 48, 30 * HOUR, true],
      ['minAgeHours 0 → never new', 0, 0, false],
      ['joined in the future (clock skew) → new', 24, -HOUR, true],
    ])('%s', (_name, minAgeHours, ageMs, expected) => {
      const account = derive({}, { minAgeHours }, new Date(joinedMs + ageMs));
      expect(account.AccountNew).toBe(expected);
      expect(account.JoinedAt).toBe(JOINED);
    });

    it('normalizes JoinedAt to ISO 8601 UTC', () => {
      const account = derive({
        account: { Id: '111122223333', Name: 'n', Email: 'e', JoinedTimestamp: '2024-03-01T13:00:00+01:00' },
      });
      expect(account.JoinedAt).toBe(JOINED);
    });

    it.each([undefined, 'not a date'])('JoinedTimestamp %p → no JoinedAt, AccountNew false', (joined) => {
      const account = derive({
        account: {
          Id: '111122223333',
          Name: 'n',
          Email: 'e',
          ...(joined === undefined ? {} : { JoinedTimestamp: joined }),
        },
      });
      expect(account.AccountNew).toBe(false);
      expect(account).not.toHaveProperty('JoinedAt');
    });

    it('is new exactly while now − joined < minAgeHours (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -10 * HOUR, max: 100 * HOUR }),
          fc.integer({ min: 0, max: 72 }),
          (age, hours) => {
            const account = derive({}, { minAgeHours: hours }, new Date(joinedMs + age));
            expect(account.AccountNew).toBe(age < hours * HOUR);
          },
        ),
      );
    });
  });

  it('names the field of a bad account id', () => {
    const bad = raw({ account: { Id: '1234', Name: 'n', Email: 'e' } });
    expect(() => deriveAccount(bad, parseAccountMetadataConfig(), LATER)).toThrow(InvalidAccountIdError);
    expect(() => deriveAccount(bad, parseAccountMetadataConfig(), LATER)).toThrow(/raw\.account\.Id/);
  });

  it('is deterministic and always yields a schema-valid Account (property)', () => {
    const parent = fc.record({
      type: fc.constant('ORGANIZATIONAL_UNIT' as const),
      name: fc.string({ minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 30 })),
        fc.array(parent, { maxLength: 5 }),
        fc.constantFrom('JIRA' as const, 'SERVICE_NOW' as const, 'NONE' as const),
        (tags, ous, ticketingSystem) => {
          const record = raw({ tags, parents: [ROOT, ...ous] });
          const config = parseAccountMetadataConfig({ ticketingSystem });
          const account = deriveAccount(record, config, LATER);
          expect(deriveAccount(record, config, LATER)).toEqual(account);
          expect(AccountSchema.safeParse(account).success).toBe(true);
          expect(account.OrganizationalUnitPath).toHaveLength(ous.length + 1);
        },
      ),
    );
  });
});
