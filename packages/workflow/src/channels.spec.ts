import { channelApplies, ChannelsConfigSchema, selectedChannels } from './channels';
import { parseRuntimeConfig } from './runtime-config';

const TABLES = {
  tickets: 'tickets',
  enabledControls: 'enabled-controls',
  controlSuppressions: 'control-suppressions',
  remediableControls: 'remediable-controls',
  remediationExclusions: 'remediation-exclusions',
  accounts: 'accounts',
  failures: 'failures',
  watermarks: 'watermarks',
};

describe('Function: channelApplies', () => {
  it.each([
    ['no `when`: every account', undefined, { environment: 'DEV', team: 'payments' }, true],
    ['environment matches, case-insensitively', { environments: ['PROD'] }, { environment: 'prod' }, true],
    ['environment differs', { environments: ['PROD'] }, { environment: 'DEV' }, false],
    ['team matches', { teams: ['payments'] }, { environment: 'DEV', team: 'Payments' }, true],
    ['team differs', { teams: ['identity'] }, { team: 'payments' }, false],
    [
      'both lists must match',
      { environments: ['PROD'], teams: ['payments'] },
      { environment: 'DEV', team: 'payments' },
      false,
    ],
    [
      'both match',
      { environments: ['PROD'], teams: ['payments'] },
      { environment: 'PROD', team: 'payments' },
      true,
    ],
    ['an account without a team matches only *', { teams: ['payments'] }, { environment: 'PROD' }, false],
    ['* matches every value, none too', { teams: ['*'] }, {}, true],
  ] as const)('%s', (_name, when, target, expected) => {
    expect(channelApplies(when, target)).toBe(expected);
  });
});

describe('Function: selectedChannels', () => {
  it('lists the configured channels an account gets, in a fixed order', () => {
    const channels = ChannelsConfigSchema.parse({
      sentinel: {},
      slack: { when: { teams: ['payments'] } },
      teams: { when: { environments: ['PROD'] } },
    });

    expect(selectedChannels(channels, { environment: 'PROD', team: 'payments' })).toEqual([
      'slack',
      'teams',
      'sentinel',
    ]);
    expect(selectedChannels(channels, { environment: 'DEV', team: 'identity' })).toEqual(['sentinel']);
    expect(selectedChannels(ChannelsConfigSchema.parse({}), { environment: 'PROD' })).toEqual([]);
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

  it('checks the Sentinel DCR id and stream it may override', () => {
    expect(
      ChannelsConfigSchema.safeParse({ sentinel: { dcrImmutableId: 'dcr-1', streamName: 'Custom-X_CL' } })
        .success,
    ).toBe(false);
  });
});
